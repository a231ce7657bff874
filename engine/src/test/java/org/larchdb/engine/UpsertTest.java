package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;

/** INSERT … ON CONFLICT, UPDATE … FROM and DELETE … USING, alone and with two sessions racing. */
class UpsertTest {
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
        run(a, "CREATE TABLE t (id integer PRIMARY KEY, v text, n integer UNIQUE)");
        run(a, "INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20)");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        db.close();
    }

    private static List<String> run(Session s, String sql) {
        return LockingTest.run(s, sql);
    }

    private static String state(Session s, String sql) {
        DbException e = assertThrows(DbException.class, () -> run(s, sql));
        return e.state().code() + " " + e.getMessage();
    }

    private static CompletableFuture<List<String>> async(Session s, String sql) {
        return CompletableFuture.supplyAsync(() -> run(s, sql), r -> Thread.ofVirtual().start(r));
    }

    @Test
    void doNothingSkipsConflictingRowsAndInsertsTheOthers() {
        assertEquals(List.of("3|c", "INSERT 0 1"),
                run(a, "INSERT INTO t VALUES (1, 'x', 11), (3, 'c', 30) ON CONFLICT DO NOTHING RETURNING id, v"));
        assertEquals(List.of("INSERT 0 0"), run(a, "INSERT INTO t VALUES (9, 'x', 10) ON CONFLICT DO NOTHING"));
        assertEquals(List.of("INSERT 0 1"), run(a, "INSERT INTO t VALUES (4, 'd', 40), (4, 'e', 41) "
                + "ON CONFLICT (id) DO NOTHING"));
        assertEquals(List.of("1|a", "2|b", "3|c", "4|d", "SELECT 4"), run(a, "SELECT id, v FROM t ORDER BY id"));
    }

    @Test
    void doUpdateUsesExcludedAndWhere() {
        assertEquals(List.of("1|a+x|10", "5|e|50", "INSERT 0 2"),
                run(a, "INSERT INTO t AS o VALUES (1, 'x', 11), (5, 'e', 50) ON CONFLICT (id) "
                        + "DO UPDATE SET v = o.v || '+' || excluded.v RETURNING *"));
        assertEquals(List.of("INSERT 0 0"), run(a, "INSERT INTO t VALUES (2, 'y', 21) ON CONFLICT ON CONSTRAINT "
                + "t_pkey DO UPDATE SET v = excluded.v WHERE t.v = 'zzz'"));
        assertEquals(List.of("2|b|20", "SELECT 1"), run(a, "SELECT * FROM t WHERE id = 2"));
        // A conflict on the other unique index, not an arbiter, is still an error.
        assertEquals("23505 duplicate key value violates unique constraint \"t_n_key\"",
                state(a, "INSERT INTO t VALUES (7, 'q', 10) ON CONFLICT (id) DO UPDATE SET v = 'q'"));
    }

    @Test
    void errorsFollowPostgres() {
        assertEquals("21000 ON CONFLICT DO UPDATE command cannot affect row a second time",
                state(a, "INSERT INTO t VALUES (1, 'x', 11), (1, 'y', 12) ON CONFLICT (id) DO UPDATE SET v = excluded.v"));
        assertEquals("21000 ON CONFLICT DO UPDATE command cannot affect row a second time",
                state(a, "INSERT INTO t VALUES (8, 'x', 81), (8, 'y', 82) ON CONFLICT (id) DO UPDATE SET v = excluded.v"));
        assertEquals("42P10 there is no unique or exclusion constraint matching the ON CONFLICT specification",
                state(a, "INSERT INTO t VALUES (1) ON CONFLICT (v) DO NOTHING"));
        assertEquals("42601 ON CONFLICT DO UPDATE requires inference specification or constraint name",
                state(a, "INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET v = 'x'"));
        assertEquals("42704 constraint \"nope\" for table \"t\" does not exist",
                state(a, "INSERT INTO t VALUES (1) ON CONFLICT ON CONSTRAINT nope DO NOTHING"));
        assertEquals("42703 column \"zz\" does not exist", state(a, "INSERT INTO t VALUES (1) ON CONFLICT (zz) DO NOTHING"));
        assertEquals(List.of("1|a", "2|b", "SELECT 2"), run(a, "SELECT id, v FROM t ORDER BY id"));
    }

    @Test
    void updateFromUpdatesEachTargetRowOnceAndReturnsOtherColumns() {
        run(a, "CREATE TABLE s (id integer, w text)");
        run(a, "INSERT INTO s VALUES (1, 'one'), (1, 'uno'), (2, 'two'), (9, 'nine')");
        List<String> out = run(a, "UPDATE t SET v = s.w FROM s WHERE s.id = t.id AND t.n < 15 RETURNING t.id, t.v, s.w");
        assertEquals(List.of("1|one|one", "UPDATE 1"), out);
        assertEquals(List.of("UPDATE 2"), run(a, "UPDATE t SET n = t.n + 1 FROM s WHERE s.id = t.id"));
        assertEquals(List.of("1|one|11", "2|b|21", "SELECT 2"), run(a, "SELECT * FROM t ORDER BY id"));
    }

    @Test
    void deleteUsingDeletesJoinedRows() {
        run(a, "CREATE TABLE s (id integer, w text)");
        run(a, "INSERT INTO s VALUES (2, 'two'), (2, 'dos')");
        assertEquals(List.of("2|b|20|2|two", "DELETE 1"), run(a, "DELETE FROM t USING s WHERE s.id = t.id RETURNING *"));
        assertEquals(List.of("1", "SELECT 1"), run(a, "SELECT id FROM t"));
        assertEquals("42712 table name \"t\" specified more than once", state(a, "DELETE FROM t USING t"));
    }

    @Test
    void concurrentDoNothingInsertsExactlyOneRow() throws Exception {
        race("INSERT INTO t VALUES (7, 'first', 70) ON CONFLICT DO NOTHING",
                "INSERT INTO t VALUES (7, 'second', 71) ON CONFLICT (id) DO NOTHING", "INSERT 0 0");
        assertEquals(List.of("first", "SELECT 1"), run(a, "SELECT v FROM t WHERE id = 7"));
    }

    @Test
    void concurrentDoUpdateUpdatesTheCommittedRow() throws Exception {
        race("INSERT INTO t VALUES (7, 'first', 70) ON CONFLICT (id) DO UPDATE SET v = t.v || excluded.v",
                "INSERT INTO t VALUES (7, 'second', 71) ON CONFLICT (id) DO UPDATE SET v = t.v || excluded.v",
                "INSERT 0 1");
        assertEquals(List.of("firstsecond|70", "SELECT 1"), run(a, "SELECT v, n FROM t WHERE id = 7"));
    }

    @Test
    void concurrentUpsertAfterRollbackInserts() throws Exception {
        run(a, "BEGIN");
        run(a, "INSERT INTO t VALUES (7, 'first', 70) ON CONFLICT (id) DO UPDATE SET v = 'updated'");
        CompletableFuture<List<String>> second =
                async(b, "INSERT INTO t VALUES (7, 'second', 71) ON CONFLICT (id) DO UPDATE SET v = 'updated'");
        assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS));
        run(a, "ROLLBACK");
        assertEquals(List.of("INSERT 0 1"), second.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("second", "SELECT 1"), run(a, "SELECT v FROM t WHERE id = 7"));
    }

    /** {@code first} in an open transaction, {@code second} waiting on it, then the commit. */
    private void race(String first, String second, String secondTag) throws Exception {
        run(a, "BEGIN");
        assertEquals(List.of("INSERT 0 1"), run(a, first));
        CompletableFuture<List<String>> other = async(b, second);
        assertThrows(TimeoutException.class, () -> other.get(300, TimeUnit.MILLISECONDS), "should wait");
        run(a, "COMMIT");
        assertEquals(List.of(secondTag), other.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("1", "SELECT 1"), run(a, "SELECT count(*) FROM t WHERE id = 7"));
    }

    @Test
    void manyConcurrentUpsertsOfOneKeyLoseNothing() throws Exception {
        run(a, "CREATE TABLE c (k integer PRIMARY KEY, hits integer)");
        int perSession = 30;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> workers = List.of(a, b).stream().map(s -> CompletableFuture.runAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < perSession; i++) {
                run(s, "INSERT INTO c VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET hits = c.hits + 1");
            }
        }, r -> Thread.ofVirtual().start(r))).toList();
        start.countDown();
        for (CompletableFuture<Void> w : workers) {
            w.get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of("1|60", "SELECT 1"), run(a, "SELECT count(*), max(hits) FROM c"));
    }

    @Test
    void unsupportedFormsAnswerFeatureNotSupported() {
        assertEquals("0A000", state(a, "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET (v, n) = ('x', 1)")
                .substring(0, 5));
    }

    @Test
    void concurrentUpdateFromRechecksTheJoinOnTheCommittedRow() throws Exception {
        run(a, "CREATE TABLE s (id integer, w text)");
        run(a, "INSERT INTO s VALUES (1, 'one'), (2, 'two')");
        run(a, "BEGIN");
        run(a, "UPDATE t SET n = 99 WHERE id = 1");
        CompletableFuture<List<String>> update =
                async(b, "UPDATE t SET v = s.w FROM s WHERE s.id = t.id AND t.n IN (10, 20) RETURNING t.id, s.w");
        assertThrows(TimeoutException.class, () -> update.get(300, TimeUnit.MILLISECONDS), "should wait");
        run(a, "COMMIT");
        assertEquals(List.of("2|two", "UPDATE 1"), update.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("1|a|99", "2|two|20", "SELECT 2"), run(a, "SELECT * FROM t ORDER BY id"));
    }

    @Test
    void concurrentDeleteUsingSkipsARowDeletedMeanwhile() throws Exception {
        run(a, "CREATE TABLE s (id integer)");
        run(a, "INSERT INTO s VALUES (1), (2)");
        run(a, "BEGIN");
        run(a, "DELETE FROM t WHERE id = 2");
        CompletableFuture<List<String>> delete = async(b, "DELETE FROM t USING s WHERE s.id = t.id");
        assertThrows(TimeoutException.class, () -> delete.get(300, TimeUnit.MILLISECONDS), "should wait");
        run(a, "COMMIT");
        assertEquals(List.of("DELETE 1"), delete.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("0", "SELECT 1"), run(a, "SELECT count(*) FROM t"));
    }

    @Test
    void formsJsqlParserCannotReadAreNamed() {
        assertEquals("0A000 expressions in an ON CONFLICT target is not supported",
                state(a, "INSERT INTO t VALUES (1) ON CONFLICT ((id + 1)) DO NOTHING"));
        assertEquals("0A000 subqueries, functions and JOINs in DELETE ... USING is not supported",
                state(a, "DELETE FROM t USING (SELECT 1 AS id) s WHERE s.id = t.id"));
        assertEquals("42601", state(a, "DELETE FROM t USING s WHERE (").substring(0, 5));
    }

    @Test
    void doNothingOnAnExistingKeyBlocksNobody() throws Exception {
        run(a, "BEGIN");
        assertEquals(List.of("INSERT 0 0"), run(a, "INSERT INTO t VALUES (1, 'x', 11) ON CONFLICT DO NOTHING"));
        assertEquals(List.of("INSERT 0 0"), run(a, "INSERT INTO t VALUES (2, 'x', 12) ON CONFLICT (id) DO UPDATE "
                + "SET v = 'no' WHERE false"));
        // Neither the keys nor row 1 stay locked; row 2 is (DO UPDATE locked it), as in PostgreSQL.
        assertEquals(List.of("DELETE 1"), async(b, "DELETE FROM t WHERE id = 1").get(10, TimeUnit.SECONDS));
        CompletableFuture<List<String>> blocked = async(b, "DELETE FROM t WHERE id = 2");
        assertThrows(TimeoutException.class, () -> blocked.get(300, TimeUnit.MILLISECONDS), "should wait");
        run(a, "COMMIT");
        assertEquals(List.of("DELETE 1"), blocked.get(10, TimeUnit.SECONDS));
    }
}
