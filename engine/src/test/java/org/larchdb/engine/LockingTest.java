package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;

/**
 * Strict two-phase locking through two sessions of one database: readers wait for writers, no
 * dirty reads, deadlocks, timeouts, FOR UPDATE, LOCK TABLE, SERIALIZABLE ranges, savepoints.
 */
class LockingTest {
    @TempDir
    Path dir;
    Database db;
    Session a;
    Session b;

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        a = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        b = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        run(a, "CREATE TABLE t (id integer PRIMARY KEY, v integer)");
        run(a, "INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        db.close();
    }

    /** Runs one statement (Sync after it, as a simple query does); rows as text, then the tag. */
    static List<String> run(Session s, String sql) {
        return SessionRows.run(s, sql);
    }

    private static String format(Object[] row, List<ResultColumn> columns) {
        return SessionRows.format(row, columns);
    }

    private static CompletableFuture<List<String>> async(Session s, String sql) {
        return CompletableFuture.supplyAsync(() -> run(s, sql), r -> Thread.ofVirtual().start(r));
    }

    private static void assertWaiting(CompletableFuture<?> f) {
        assertThrows(TimeoutException.class, () -> f.get(300, TimeUnit.MILLISECONDS), "should wait for a lock");
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static String sqlState(Throwable t) {
        Throwable c = t instanceof ExecutionException ? t.getCause() : t;
        return c instanceof DbException e ? e.state().code() : String.valueOf(c);
    }

    @Test
    void readerWaitsForUncommittedUpdateAndSeesTheCommittedValue() throws Exception {
        run(a, "BEGIN");
        run(a, "UPDATE t SET v = 11 WHERE id = 1");
        CompletableFuture<List<String>> read = async(b, "SELECT v FROM t WHERE id = 1");
        assertWaiting(read);
        run(a, "COMMIT");
        assertEquals(List.of("11", "SELECT 1"), await(read));
    }

    @Test
    void rolledBackChangesAreNeverSeen() throws Exception {
        run(a, "BEGIN");
        run(a, "UPDATE t SET v = 99 WHERE id = 2");
        run(a, "DELETE FROM t WHERE id = 3");
        run(a, "INSERT INTO t VALUES (4, 40)");
        CompletableFuture<List<String>> scan = async(b, "SELECT id, v FROM t ORDER BY id");
        assertWaiting(scan);
        run(a, "ROLLBACK");
        assertEquals(List.of("1|10", "2|20", "3|30", "SELECT 3"), await(scan));
    }

    @Test
    void secondInserterOfAKeyWaitsForTheFirstOutcome() throws Exception {
        run(a, "BEGIN");
        run(a, "INSERT INTO t VALUES (7, 70)");
        CompletableFuture<List<String>> second = async(b, "INSERT INTO t VALUES (7, 71)");
        assertWaiting(second);
        run(a, "ROLLBACK");
        assertEquals(List.of("INSERT 0 1"), await(second));
        assertEquals(List.of("71", "SELECT 1"), run(a, "SELECT v FROM t WHERE id = 7"));
    }

    @Test
    void oppositeOrderLockingEndsInOneDeadlockVictim() throws Exception {
        run(a, "BEGIN");
        run(b, "BEGIN");
        run(a, "UPDATE t SET v = v + 1 WHERE id = 1");
        run(b, "UPDATE t SET v = v + 1 WHERE id = 2");
        CompletableFuture<List<String>> fromA = async(a, "UPDATE t SET v = v + 1 WHERE id = 2");
        assertWaiting(fromA);
        CompletableFuture<List<String>> fromB = async(b, "UPDATE t SET v = v + 1 WHERE id = 1");
        CompletableFuture.anyOf(fromA, fromB).handle((r, e) -> null).get(10, TimeUnit.SECONDS);
        // The victim fails with 40P01; the other still waits for the victim's locks until it rolls back.
        boolean aIsVictim = fromA.isCompletedExceptionally();
        CompletableFuture<List<String>> victim = aIsVictim ? fromA : fromB;
        CompletableFuture<List<String>> survivor = aIsVictim ? fromB : fromA;
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(victim));
        assertEquals("40P01", sqlState(e));
        assertTrue(e.getCause().getMessage().contains("deadlock detected"), e.getCause().getMessage());
        assertFalse(survivor.isDone());
        run(aIsVictim ? a : b, "ROLLBACK");
        assertEquals(List.of("UPDATE 1"), await(survivor));
        run(aIsVictim ? b : a, "COMMIT");
        // The victim's first update was undone; the survivor's two were committed.
        assertEquals(List.of("11", "21", "SELECT 2"), run(a, "SELECT v FROM t WHERE id IN (1, 2) ORDER BY id"));
    }

    @Test
    void lockTimeoutAndStatementTimeout() {
        run(a, "BEGIN");
        run(a, "UPDATE t SET v = 0 WHERE id = 1");
        run(b, "SET lock_timeout = 100");
        DbException lt = assertThrows(DbException.class, () -> run(b, "SELECT v FROM t WHERE id = 1"));
        assertEquals("55P03", lt.state().code());
        assertEquals("canceling statement due to lock timeout", lt.getMessage());
        run(b, "SET lock_timeout = 0");
        run(b, "SET statement_timeout = 150");
        DbException st = assertThrows(DbException.class, () -> run(b, "UPDATE t SET v = 5 WHERE id = 1"));
        assertEquals("57014", st.state().code());
        assertEquals("canceling statement due to statement timeout", st.getMessage());
        run(a, "ROLLBACK");
        run(b, "SET statement_timeout = 0");
        assertEquals(List.of("UPDATE 1"), run(b, "UPDATE t SET v = 5 WHERE id = 1"));
    }

    @Test
    void cancelEndsALockWait() throws Exception {
        run(a, "BEGIN");
        run(a, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
        CompletableFuture<List<String>> read = async(b, "SELECT count(*) FROM t");
        assertWaiting(read);
        b.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(read));
        assertEquals("57014", sqlState(e));
        run(a, "COMMIT");
        assertEquals(List.of("3", "SELECT 1"), run(b, "SELECT count(*) FROM t"));
    }

    @Test
    void forUpdateNowaitAndSkipLocked() {
        run(a, "BEGIN");
        assertEquals(List.of("1|10", "SELECT 1"), run(a, "SELECT * FROM t WHERE id = 1 FOR UPDATE"));
        run(b, "BEGIN");
        DbException e = assertThrows(DbException.class, () -> run(b, "SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT"));
        assertEquals("55P03", e.state().code());
        assertEquals("could not obtain lock on row in relation \"t\"", e.getMessage());
        run(b, "ROLLBACK");
        assertEquals(List.of("2|20", "3|30", "SELECT 2"),
                run(b, "SELECT * FROM t ORDER BY id FOR UPDATE SKIP LOCKED"));
        // FOR SHARE does not block FOR SHARE
        assertEquals(List.of("2|20", "SELECT 1"), run(b, "SELECT * FROM t WHERE id = 2 FOR SHARE"));
        run(a, "COMMIT");
    }

    @Test
    void lockTableModesConflictAsInPostgres() throws Exception {
        run(a, "BEGIN");
        run(a, "LOCK TABLE t IN SHARE MODE");
        assertEquals(List.of("3", "SELECT 1"), run(b, "SELECT count(*) FROM t")); // readers go on
        CompletableFuture<List<String>> write = async(b, "UPDATE t SET v = 1 WHERE id = 1");
        assertWaiting(write);
        run(a, "COMMIT");
        assertEquals(List.of("UPDATE 1"), await(write));
        DbException outside = assertThrows(DbException.class, () -> run(a, "LOCK TABLE t"));
        assertEquals("25P01", outside.state().code());
    }

    @Test
    void serializableRangeReadBlocksAPhantomInsert() throws Exception {
        run(a, "BEGIN ISOLATION LEVEL SERIALIZABLE");
        assertEquals(List.of("2", "SELECT 1"), run(a, "SELECT count(*) FROM t WHERE id BETWEEN 2 AND 5"));
        CompletableFuture<List<String>> phantom = async(b, "INSERT INTO t VALUES (4, 40)");
        assertWaiting(phantom);
        assertEquals(List.of("2", "SELECT 1"), run(a, "SELECT count(*) FROM t WHERE id BETWEEN 2 AND 5"));
        run(a, "COMMIT");
        assertEquals(List.of("INSERT 0 1"), await(phantom));
        // An insert outside the range does not wait.
        run(a, "BEGIN ISOLATION LEVEL SERIALIZABLE");
        run(a, "SELECT count(*) FROM t WHERE id BETWEEN 2 AND 3");
        assertEquals(List.of("INSERT 0 1"), run(b, "INSERT INTO t VALUES (100, 1)"));
        run(a, "COMMIT");
    }

    @Test
    void repeatableReadKeepsReadLocksReadCommittedDoesNot() throws Exception {
        run(a, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        run(a, "SELECT v FROM t WHERE id = 1");
        CompletableFuture<List<String>> write = async(b, "UPDATE t SET v = 12 WHERE id = 1");
        assertWaiting(write);
        run(a, "COMMIT");
        await(write);
        run(a, "BEGIN");
        run(a, "SELECT v FROM t WHERE id = 1");
        assertEquals(List.of("UPDATE 1"), run(b, "UPDATE t SET v = 13 WHERE id = 1"));
        assertEquals(List.of("13", "SELECT 1"), run(a, "SELECT v FROM t WHERE id = 1"));
        run(a, "COMMIT");
    }

    @Test
    void savepointsUndoOnlyTheLaterPart() {
        run(a, "BEGIN");
        run(a, "INSERT INTO t VALUES (4, 40)");
        run(a, "SAVEPOINT s1");
        run(a, "INSERT INTO t VALUES (5, 50)");
        run(a, "UPDATE t SET v = 0");
        run(a, "CREATE TABLE u (x int)");
        assertEquals(List.of("ROLLBACK"), run(a, "ROLLBACK TO SAVEPOINT s1"));
        assertThrows(DbException.class, () -> run(a, "INSERT INTO t VALUES (4, 41)")); // duplicate: in failed state now
        assertEquals(List.of("ROLLBACK"), run(a, "ROLLBACK TO s1"));
        run(a, "INSERT INTO t VALUES (6, 60)");
        assertEquals(List.of("RELEASE"), run(a, "RELEASE SAVEPOINT s1"));
        DbException e = assertThrows(DbException.class, () -> run(a, "ROLLBACK TO s1"));
        assertEquals("3B001", e.state().code());
        DbException again = assertThrows(DbException.class, () -> run(a, "ROLLBACK TO s1"));
        assertEquals("3B001", again.state().code());
        run(a, "ROLLBACK");
        assertEquals(List.of("1|10", "2|20", "3|30", "SELECT 3"), run(a, "SELECT * FROM t ORDER BY id"));
    }

    @Test
    void savepointRollbackKeepsEarlierWorkAndCommits() {
        run(a, "BEGIN");
        run(a, "INSERT INTO t VALUES (4, 40)");
        run(a, "SAVEPOINT s1");
        run(a, "DELETE FROM t WHERE id = 1");
        run(a, "CREATE TABLE u (x int)");
        run(a, "ROLLBACK TO SAVEPOINT s1");
        run(a, "COMMIT");
        assertEquals(List.of("1|10", "2|20", "3|30", "4|40", "SELECT 4"), run(a, "SELECT * FROM t ORDER BY id"));
        DbException gone = assertThrows(DbException.class, () -> run(a, "SELECT * FROM u"));
        assertEquals("42P01", gone.state().code());
        assertEquals(List.of("t_pkey"), List.of(run(a, "SELECT larch_check_index('t_pkey')").isEmpty() ? "" : "t_pkey"));
    }

    @Test
    void transactionModes() {
        run(a, "BEGIN READ ONLY");
        DbException ro = assertThrows(DbException.class, () -> run(a, "INSERT INTO t VALUES (9, 9)"));
        assertEquals("25006", ro.state().code());
        assertEquals("cannot execute INSERT in a read-only transaction", ro.getMessage());
        run(a, "ROLLBACK");
        run(a, "BEGIN");
        run(a, "SELECT 1");
        DbException late = assertThrows(DbException.class,
                () -> run(a, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"));
        assertEquals("25001", late.state().code());
        run(a, "ROLLBACK");
        run(a, "SET default_transaction_isolation = 'repeatable read'");
        run(a, "BEGIN");
        assertEquals(List.of("repeatable read", "SHOW"), run(a, "SHOW transaction_isolation"));
        run(a, "COMMIT");
        assertEquals(List.of("repeatable read", "SHOW"), run(a, "SHOW transaction_isolation"));
        DbException sp = assertThrows(DbException.class, () -> run(a, "SAVEPOINT x"));
        assertEquals("25P01", sp.state().code());
        assertEquals("SAVEPOINT can only be used in transaction blocks", sp.getMessage());
    }

    @Test
    void aStatementThatWaitedForDdlIsPlannedAgainstTheNewCatalog() throws Exception {
        run(a, "BEGIN");
        run(a, "ALTER TABLE t ALTER COLUMN v TYPE bigint"); // a rewrite: new files for t and its index
        CompletableFuture<List<String>> count = async(b, "SELECT count(*) FROM t WHERE id >= 2");
        assertWaiting(count);
        run(a, "COMMIT");
        assertEquals(List.of("2", "SELECT 1"), await(count));
        run(a, "BEGIN");
        run(a, "DROP TABLE t");
        // (Uncommitted DDL is already visible to name resolution, so this fails at once or after the wait.)
        CompletableFuture<List<String>> gone = async(b, "SELECT count(*) FROM t");
        run(a, "COMMIT");
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(gone));
        assertEquals("42P01", sqlState(e));
    }

    @Test
    void closingASessionReleasesItsLocks() throws Exception {
        run(a, "BEGIN");
        run(a, "UPDATE t SET v = 0 WHERE id = 1");
        CompletableFuture<List<String>> write = async(b, "UPDATE t SET v = 7 WHERE id = 1");
        assertWaiting(write);
        a.close();
        assertEquals(List.of("UPDATE 1"), await(write));
        assertEquals(List.of("7", "SELECT 1"), run(b, "SELECT v FROM t WHERE id = 1"));
    }
}
