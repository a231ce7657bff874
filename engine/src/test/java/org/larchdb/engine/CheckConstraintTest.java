package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;

/** CHECK constraints, ALTER TABLE ADD/DROP CONSTRAINT and CREATE/DROP SCHEMA through the session API. */
class CheckConstraintTest {
    @TempDir
    Path dir;
    Database db;
    Session session;
    final List<Notice> notices = new ArrayList<>();

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        session.setListener(new SessionListener() {
            @Override
            public void parameterChanged(String name, String value) {
            }

            @Override
            public void notice(Notice notice) {
                notices.add(notice);
            }
        });
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    private List<String> run(String sql) {
        return SessionRows.run(session, sql);
    }

    private DbException fails(String sql) {
        DbException e = assertThrows(DbException.class, () -> run(sql));
        session.sync();
        if (session.transactionStatus() == 'E') {
            run("ROLLBACK");
        }
        return e;
    }

    @Test
    void generatedNamesFollowPostgres() {
        run("CREATE TABLE t (a int CHECK (a > 0), b int CONSTRAINT bpos CHECK (b > 0), c int CHECK (c > a), "
                + "CHECK (a < 100), CHECK (1 < 2), UNIQUE (a), PRIMARY KEY (b))");
        assertEquals(List.of("bpos|c|{2}|t", "t_a_check|c|{1}|t", "t_a_check1|c|{1}|t", "t_a_key|u|{1}|t",
                "t_check|c|{3,1}|t", "t_check1|c|NULL|t", "t_pkey|p|{2}|t", "SELECT 7"),
                run("SELECT conname, contype, conkey, convalidated FROM pg_constraint c JOIN pg_class r "
                        + "ON r.oid = c.conrelid WHERE r.relname = 't' ORDER BY conname"));
        assertEquals(List.of("5", "SELECT 1"), run("SELECT relchecks FROM pg_class WHERE relname = 't'"));
    }

    @Test
    void insertAndUpdateAreChecked() {
        run("CREATE TABLE m (a int, CONSTRAINT zz CHECK (a > 10), CONSTRAINT aa CHECK (a > 5))");
        DbException e = fails("INSERT INTO m VALUES (1)");
        assertEquals("23514", e.state().code());
        assertEquals("new row for relation \"m\" violates check constraint \"aa\"", e.getMessage());
        assertEquals("Failing row contains (1).", e.detail());
        assertEquals(List.of("INSERT 0 2"), run("INSERT INTO m VALUES (NULL), (11)"));
        e = fails("UPDATE m SET a = 7");
        assertEquals("new row for relation \"m\" violates check constraint \"zz\"", e.getMessage());
        assertEquals(List.of("UPDATE 2"), run("UPDATE m SET a = a + 1 WHERE true OR a IS NULL"));
    }

    @Test
    void forbiddenExpressionsAreRejected() {
        assertEquals("0A000", fails("CREATE TABLE x (a int CHECK (a > (SELECT 1)))").state().code());
        assertEquals("42803", fails("CREATE TABLE x (a int CHECK (sum(a) > 1))").state().code());
        assertEquals("42P01", fails("CREATE TABLE x (a int CHECK (y.a > 1))").state().code());
        DbException e = fails("CREATE TABLE x (a int CHECK (a + 1))");
        assertEquals("argument of CHECK must be type boolean, not type integer", e.getMessage());
        e = fails("CREATE TABLE x (a int CONSTRAINT c CHECK (a > 1), b int CONSTRAINT c CHECK (b > 1))");
        assertEquals("check constraint \"c\" already exists", e.getMessage());
        assertEquals(List.of("CREATE TABLE"), run("CREATE TABLE x (a float8 CHECK (random() >= 0))"));
    }

    @Test
    void alterTableAddsValidatesAndDrops() {
        run("CREATE TABLE n (a int, b int)");
        run("INSERT INTO n VALUES (1, -1)");
        DbException e = fails("ALTER TABLE n ADD CONSTRAINT bpos CHECK (b > 0)");
        assertEquals("check constraint \"bpos\" of relation \"n\" is violated by some row", e.getMessage());
        assertEquals(List.of("ALTER TABLE"), run("ALTER TABLE n ADD CONSTRAINT bpos CHECK (b > 0) NOT VALID"));
        assertEquals(List.of("bpos|f", "SELECT 1"), run("SELECT conname, convalidated FROM pg_constraint "
                + "WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 'n')"));
        assertEquals("23514", fails("INSERT INTO n VALUES (1, -2)").state().code());
        run("ALTER TABLE n ADD CHECK (a > 0)");
        e = fails("ALTER TABLE n ADD CONSTRAINT n_a_check CHECK (a > 0)");
        assertEquals("constraint \"n_a_check\" for relation \"n\" already exists", e.getMessage());
        run("ALTER TABLE n DROP CONSTRAINT bpos");
        assertEquals(List.of("INSERT 0 1"), run("INSERT INTO n VALUES (1, -2)"));
        e = fails("ALTER TABLE n DROP CONSTRAINT bpos");
        assertEquals("42704", e.state().code());
        run("ALTER TABLE n DROP CONSTRAINT IF EXISTS bpos");
        assertEquals("constraint \"bpos\" of relation \"n\" does not exist, skipping", notices.get(0).message());
        assertEquals("0A000", fails("ALTER TABLE n ALTER COLUMN a SET STATISTICS 5").state().code());
    }

    @Test
    void droppingAKeyConstraintDropsItsIndex() {
        run("CREATE TABLE k (a int PRIMARY KEY, b int UNIQUE)");
        assertEquals("2BP01", fails("DROP INDEX k_b_key").state().code());
        run("ALTER TABLE k DROP CONSTRAINT k_b_key");
        run("ALTER TABLE k DROP CONSTRAINT k_pkey");
        assertEquals(List.of("k", "SELECT 1"), run("SELECT relname FROM pg_class WHERE relname LIKE 'k%'"));
        assertEquals(List.of("INSERT 0 2"), run("INSERT INTO k VALUES (1, 1), (1, 1)"));
    }

    @Test
    void constraintsRollBackWithTheTransaction() {
        run("CREATE TABLE r (a int)");
        run("BEGIN");
        run("ALTER TABLE r ADD CHECK (a > 0)");
        run("ROLLBACK");
        assertEquals(List.of("INSERT 0 1"), run("INSERT INTO r VALUES (-1)"));
    }

    @Test
    void schemasAreCreatedAndDroppedWithCascade() {
        run("CREATE SCHEMA s1");
        assertEquals("42P06", fails("CREATE SCHEMA s1").state().code());
        run("CREATE SCHEMA IF NOT EXISTS s1");
        assertEquals("schema \"s1\" already exists, skipping", notices.get(0).message());
        DbException e = fails("CREATE SCHEMA pg_x");
        assertEquals("42939", e.state().code());
        run("CREATE TABLE s1.t1 (a int PRIMARY KEY)");
        run("CREATE TABLE s1.t2 (a int CHECK (a > 0))");
        e = fails("DROP SCHEMA s1");
        assertEquals("2BP01", e.state().code());
        assertEquals("cannot drop schema s1 because other objects depend on it", e.getMessage());
        assertEquals("table s1.t1 depends on schema s1\ntable s1.t2 depends on schema s1", e.detail());
        run("BEGIN");
        run("DROP SCHEMA s1 CASCADE");
        run("ROLLBACK");
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM s1.t1"));
        notices.clear();
        run("DROP SCHEMA IF EXISTS nope, s1 CASCADE");
        assertEquals("drop cascades to 2 other objects", notices.get(1).message());
        assertEquals("drop cascades to table s1.t1\ndrop cascades to table s1.t2", notices.get(1).detail());
        assertEquals("3F000", fails("DROP SCHEMA s1").state().code());
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM pg_class WHERE relname LIKE 't1%'"));
        assertEquals("2BP01", fails("DROP SCHEMA pg_catalog").state().code());
    }

    @Test
    void schemasNeedCreateOnTheDatabaseAndOwnershipToDrop() {
        run("CREATE ROLE plain LOGIN");
        run("CREATE SCHEMA mine");
        Session other = db.openSession(db.findRole("plain").orElseThrow(), "postgres", Map.of());
        try {
            PreparedQuery q = other.prepare("CREATE SCHEMA theirs", new int[0]);
            DbException e = assertThrows(DbException.class,
                    () -> other.execute(other.bind(q, new Object[0]), 0, row -> { }));
            assertEquals("42501", e.state().code());
            other.sync();
            PreparedQuery drop = other.prepare("DROP SCHEMA mine", new int[0]);
            e = assertThrows(DbException.class, () -> other.execute(other.bind(drop, new Object[0]), 0, row -> { }));
            assertEquals("42501", e.state().code());
            other.sync();
        } finally {
            other.close();
        }
        run("CREATE SCHEMA AUTHORIZATION plain");
        assertFailsWithDetail("DROP ROLE plain", "owner of schema plain");
        run("DROP SCHEMA plain");
        run("DROP ROLE plain");
    }

    private void assertFailsWithDetail(String sql, String detail) {
        assertEquals(detail, fails(sql).detail());
    }

    @Test
    void constraintsAndSchemasSurviveARestart() {
        run("CREATE SCHEMA kept");
        run("CREATE TABLE kept.p (a int CONSTRAINT a_small CHECK (a < 10), b int PRIMARY KEY)");
        session.close();
        db.close();
        db = SessionTest.open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        DbException e = fails("INSERT INTO kept.p VALUES (10, 1)");
        assertEquals("new row for relation \"p\" violates check constraint \"a_small\"", e.getMessage());
        assertEquals(List.of("a_small|c", "p_pkey|p", "SELECT 2"),
                run("SELECT conname, contype FROM pg_constraint WHERE connamespace = "
                        + "(SELECT oid FROM pg_namespace WHERE nspname = 'kept') ORDER BY conname"));
    }
}
