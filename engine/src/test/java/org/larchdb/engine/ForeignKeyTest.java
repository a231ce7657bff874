package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** FOREIGN KEY constraints through the session API: definitions, checks, actions, deferral, races. */
class ForeignKeyTest {
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
        run(a, "CREATE TABLE p (id integer PRIMARY KEY, v text)");
        run(a, "INSERT INTO p VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        db.close();
    }

    static List<String> run(Session s, String sql) {
        return SessionRows.run(s, sql);
    }

    private DbException fails(Session s, String sql) {
        DbException e = assertThrows(DbException.class, () -> run(s, sql));
        if (s.transactionStatus() == 'E') {
            run(s, "ROLLBACK");
        }
        return e;
    }

    private static CompletableFuture<List<String>> async(Session s, String sql) {
        return CompletableFuture.supplyAsync(() -> run(s, sql), r -> Thread.ofVirtual().start(r));
    }

    private static void assertWaiting(CompletableFuture<?> f) {
        assertThrows(TimeoutException.class, () -> f.get(300, TimeUnit.MILLISECONDS), "should wait for a lock");
    }

    private static String sqlState(Throwable t) {
        Throwable c = t instanceof ExecutionException ? t.getCause() : t;
        return c instanceof DbException e ? e.state().code() : String.valueOf(c);
    }

    @Test
    void catalogRowAndGeneratedName() {
        run(a, "CREATE TABLE c (id int, pid int REFERENCES p ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)");
        assertEquals(List.of("c_pid_fkey|f|t|t|{2}|{1}|a|c|s", "SELECT 1"), run(a,
                "SELECT conname, contype, condeferrable, condeferred, conkey, confkey, confupdtype, confdeltype, "
                        + "confmatchtype FROM pg_constraint WHERE contype = 'f'"));
        run(a, "ALTER TABLE c ADD FOREIGN KEY (pid) REFERENCES p");
        assertEquals(List.of("c_pid_fkey", "c_pid_fkey1", "SELECT 2"),
                run(a, "SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY 1"));
    }

    @Test
    void definitionErrors() {
        run(a, "CREATE TABLE q (a int, b int)");
        DbException e = fails(a, "CREATE TABLE c (x int REFERENCES q)");
        assertEquals("42704", e.state().code());
        assertEquals("there is no primary key for referenced table \"q\"", e.getMessage());
        e = fails(a, "CREATE TABLE c (x int REFERENCES q (a))");
        assertEquals("42830", e.state().code());
        assertEquals("there is no unique constraint matching given keys for referenced table \"q\"", e.getMessage());
        e = fails(a, "CREATE TABLE c (x text REFERENCES p)");
        assertEquals("42804", e.state().code());
        assertEquals("Key columns \"x\" and \"id\" are of incompatible types: text and integer.", e.detail());
        e = fails(a, "CREATE TABLE c (x int, FOREIGN KEY (y) REFERENCES p)");
        assertEquals("42703", e.state().code());
        e = fails(a, "CREATE TABLE c (x int REFERENCES nope)");
        assertEquals("42P01", e.state().code());
        run(a, "CREATE TABLE c (x bigint REFERENCES p)"); // int8 → int4 is fine (integer family)
    }

    @Test
    void childChecksAndParentNoAction() {
        run(a, "CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p)");
        run(a, "INSERT INTO c VALUES (1, 1), (2, NULL)");
        DbException e = fails(a, "INSERT INTO c VALUES (3, 9)");
        assertEquals("23503", e.state().code());
        assertEquals("insert or update on table \"c\" violates foreign key constraint \"c_pid_fkey\"", e.getMessage());
        assertEquals("Key (pid)=(9) is not present in table \"p\".", e.detail());
        e = fails(a, "UPDATE c SET pid = 7 WHERE id = 1");
        assertEquals("23503", e.state().code());
        e = fails(a, "DELETE FROM p WHERE id = 1");
        assertEquals("update or delete on table \"p\" violates foreign key constraint \"c_pid_fkey\" on table \"c\"",
                e.getMessage());
        assertEquals("Key (id)=(1) is still referenced from table \"c\".", e.detail());
        e = fails(a, "UPDATE p SET id = 10 WHERE id = 1");
        assertEquals("23503", e.state().code());
        run(a, "DELETE FROM p WHERE id = 2");
        run(a, "UPDATE p SET v = 'z' WHERE id = 1"); // no key change: no check
        assertEquals(List.of("1|z", "3|c", "SELECT 2"), run(a, "SELECT * FROM p ORDER BY id"));
    }

    @Test
    void cascadeSetNullSetDefault() {
        run(a, "CREATE TABLE c1 (id int, pid int REFERENCES p ON DELETE CASCADE ON UPDATE CASCADE)");
        run(a, "CREATE TABLE c2 (id int, pid int REFERENCES p ON DELETE SET NULL ON UPDATE SET NULL)");
        run(a, "CREATE TABLE c3 (id int, pid int DEFAULT 3 REFERENCES p ON DELETE SET DEFAULT)");
        run(a, "INSERT INTO c1 VALUES (1, 1), (2, 2)");
        run(a, "INSERT INTO c2 VALUES (1, 1), (2, 2)");
        run(a, "INSERT INTO c3 VALUES (1, 1), (2, 2)");
        assertEquals(List.of("DELETE 1"), run(a, "DELETE FROM p WHERE id = 1"));
        assertEquals(List.of("2|2", "SELECT 1"), run(a, "SELECT * FROM c1 ORDER BY id"));
        assertEquals(List.of("1|NULL", "2|2", "SELECT 2"), run(a, "SELECT * FROM c2 ORDER BY id"));
        assertEquals(List.of("1|3", "2|2", "SELECT 2"), run(a, "SELECT * FROM c3 ORDER BY id"));
        DbException e = fails(a, "UPDATE p SET id = 20 WHERE id = 2"); // c3 is NO ACTION on update
        assertEquals("23503", e.state().code());
        run(a, "DELETE FROM c3 WHERE pid = 2");
        run(a, "UPDATE p SET id = 20 WHERE id = 2");
        assertEquals(List.of("2|20", "SELECT 1"), run(a, "SELECT * FROM c1 ORDER BY id"));
        assertEquals(List.of("1|NULL", "2|NULL", "SELECT 2"), run(a, "SELECT * FROM c2 ORDER BY id"));
    }

    @Test
    void selfReferenceAndCompositeMatchFull() {
        run(a, "CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree)");
        run(a, "INSERT INTO tree VALUES (1, 1), (2, 3), (3, 1)");
        assertEquals("23503", fails(a, "INSERT INTO tree VALUES (4, 5)").state().code());
        assertEquals("23503", fails(a, "DELETE FROM tree WHERE id = 3").state().code());
        assertEquals(List.of("DELETE 3"), run(a, "DELETE FROM tree"));
        run(a, "CREATE TABLE pk2 (a int, b int, UNIQUE (b, a))");
        run(a, "INSERT INTO pk2 VALUES (1, 2)");
        run(a, "CREATE TABLE fk2 (x int, y int, FOREIGN KEY (x, y) REFERENCES pk2 (a, b) MATCH FULL)");
        run(a, "INSERT INTO fk2 VALUES (1, 2), (NULL, NULL)");
        DbException e = fails(a, "INSERT INTO fk2 VALUES (1, NULL)");
        assertEquals("MATCH FULL does not allow mixing of null and nonnull key values.", e.detail());
        e = fails(a, "INSERT INTO fk2 VALUES (2, 1)");
        assertEquals("Key (x, y)=(2, 1) is not present in table \"pk2\".", e.detail());
    }

    @Test
    void deferredCheckedAtCommit() {
        run(a, "CREATE TABLE c (pid int REFERENCES p DEFERRABLE INITIALLY DEFERRED)");
        run(a, "BEGIN");
        run(a, "INSERT INTO c VALUES (7)");
        run(a, "INSERT INTO p VALUES (7, 'late')");
        assertEquals(List.of("COMMIT"), run(a, "COMMIT"));
        run(a, "BEGIN");
        run(a, "INSERT INTO c VALUES (8)");
        DbException e = fails(a, "COMMIT");
        assertEquals("23503", e.state().code());
        assertEquals('I', a.transactionStatus());
        assertEquals(List.of("7", "SELECT 1"), run(a, "SELECT pid FROM c"));
    }

    @Test
    void alterTableValidatesAndDropTableNeedsCascade() {
        run(a, "CREATE TABLE c (pid int)");
        run(a, "INSERT INTO c VALUES (1), (9)");
        DbException e = fails(a, "ALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (pid) REFERENCES p");
        assertEquals("23503", e.state().code());
        assertEquals("Key (pid)=(9) is not present in table \"p\".", e.detail());
        run(a, "ALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (pid) REFERENCES p NOT VALID");
        e = fails(a, "DROP TABLE p");
        assertEquals("2BP01", e.state().code());
        assertEquals("cannot drop table p because other objects depend on it", e.getMessage());
        assertEquals("constraint c_fk on table c depends on table p", e.detail());
        run(a, "DROP TABLE p CASCADE");
        assertEquals(List.of("0", "SELECT 1"), run(a, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"));
        run(a, "INSERT INTO c VALUES (42)");
    }

    @Test
    void childInsertWaitsForParentDeleteAndFails() throws Exception {
        run(a, "CREATE TABLE c (pid int REFERENCES p)");
        run(a, "BEGIN");
        run(a, "DELETE FROM p WHERE id = 1");
        CompletableFuture<List<String>> insert = async(b, "INSERT INTO c VALUES (1)");
        assertWaiting(insert);
        run(a, "COMMIT");
        ExecutionException e = assertThrows(ExecutionException.class, () -> insert.get(10, TimeUnit.SECONDS));
        assertEquals("23503", sqlState(e));
        assertEquals(List.of("0", "SELECT 1"), run(a, "SELECT count(*) FROM c"));
    }

    @Test
    void childInsertWaitsForParentDeleteRollbackAndSucceeds() throws Exception {
        run(a, "CREATE TABLE c (pid int REFERENCES p)");
        run(a, "BEGIN");
        run(a, "DELETE FROM p WHERE id = 1");
        CompletableFuture<List<String>> insert = async(b, "INSERT INTO c VALUES (1)");
        assertWaiting(insert);
        run(a, "ROLLBACK");
        assertEquals(List.of("INSERT 0 1"), insert.get(10, TimeUnit.SECONDS));
    }

    @Test
    void parentDeleteWaitsForChildInsertAndFails() throws Exception {
        run(a, "CREATE TABLE c (pid int REFERENCES p)");
        run(b, "BEGIN");
        run(b, "INSERT INTO c VALUES (1)");
        CompletableFuture<List<String>> delete = async(a, "DELETE FROM p WHERE id = 1");
        assertWaiting(delete);
        run(b, "COMMIT");
        ExecutionException e = assertThrows(ExecutionException.class, () -> delete.get(10, TimeUnit.SECONDS));
        assertEquals("23503", sqlState(e));
        assertEquals(List.of("1", "SELECT 1"), run(a, "SELECT count(*) FROM p WHERE id = 1"));
    }

    @Test
    void nonKeyUpdateOfParentDoesNotWaitForChildInsert() throws Exception {
        run(a, "CREATE TABLE c (pid int REFERENCES p)");
        run(b, "BEGIN");
        run(b, "INSERT INTO c VALUES (1)");
        // FOR KEY SHARE (child) and FOR NO KEY UPDATE (parent, key unchanged) do not conflict.
        assertEquals(List.of("UPDATE 1"), async(a, "UPDATE p SET v = 'x' WHERE id = 1").get(5, TimeUnit.SECONDS));
        run(b, "COMMIT");
    }

    @Test
    void setConstraintsDefersAndRunsPendingChecksWhenMadeImmediate() {
        run(a, "CREATE TABLE c (pid int CONSTRAINT c_d REFERENCES p DEFERRABLE, q int CONSTRAINT c_n REFERENCES p)");
        run(a, "BEGIN");
        assertEquals("42809", fails(a, "SET CONSTRAINTS c_n DEFERRED").state().code());
        run(a, "BEGIN");
        run(a, "SET CONSTRAINTS c_d DEFERRED");
        run(a, "INSERT INTO c VALUES (5, NULL)");
        DbException e = fails(a, "SET CONSTRAINTS ALL IMMEDIATE");
        assertEquals("Key (pid)=(5) is not present in table \"p\".", e.detail());
        run(a, "BEGIN");
        run(a, "SET CONSTRAINTS ALL DEFERRED");
        run(a, "INSERT INTO c VALUES (6, NULL)");
        run(a, "INSERT INTO p VALUES (6, 'f')");
        run(a, "SET CONSTRAINTS ALL IMMEDIATE");
        assertEquals(List.of("COMMIT"), run(a, "COMMIT"));
        assertEquals(List.of("6", "SELECT 1"), run(a, "SELECT pid FROM c"));
    }

    @Test
    void aFailedStatementLeavesNoCascadeBehind() {
        run(a, "CREATE TABLE c (id int, pid int REFERENCES p ON UPDATE CASCADE)");
        run(a, "ALTER TABLE p ADD CONSTRAINT p_ok CHECK (v <> 'bad')");
        run(a, "INSERT INTO c VALUES (1, 1), (2, 2)");
        run(a, "BEGIN");
        run(a, "SAVEPOINT s");
        // Row 1 is written (its cascade queued), then row 2 fails its CHECK: the cascade must not run later.
        assertEquals("23514", assertThrows(DbException.class, () -> run(a,
                "UPDATE p SET id = id + 10, v = CASE WHEN id = 2 THEN 'bad' ELSE v END WHERE id <= 2"))
                .state().code());
        run(a, "ROLLBACK TO SAVEPOINT s");
        run(a, "UPDATE p SET v = 'x' WHERE id = 3");
        run(a, "COMMIT");
        assertEquals(List.of("1|1", "2|2", "SELECT 2"), run(a, "SELECT * FROM c ORDER BY id"));
    }
}
