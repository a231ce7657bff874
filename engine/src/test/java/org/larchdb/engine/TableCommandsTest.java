package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** TRUNCATE, COMMENT ON, CREATE TABLE AS and CREATE TABLE (LIKE ...) through the session API. */
class TableCommandsTest {
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
    void truncateEmptiesTableAndIndexesAndRollbackRestoresThem() {
        run("CREATE TABLE t (a int PRIMARY KEY, b text)");
        run("INSERT INTO t VALUES (1, 'x'), (2, 'y')");
        run("BEGIN");
        assertEquals(List.of("TRUNCATE TABLE"), run("TRUNCATE t"));
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM t"));
        run("INSERT INTO t VALUES (1, 'new')"); // the unique index is empty too
        run("ROLLBACK");
        assertEquals(List.of("1|x", "2|y", "SELECT 2"), run("SELECT a, b FROM t ORDER BY a"));
        assertEquals(List.of("2|y", "SELECT 1"), run("SELECT a, b FROM t WHERE a = 2"));
        run("TRUNCATE TABLE ONLY t");
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM t"));
        run("INSERT INTO t VALUES (2, 'z')");
        assertEquals(List.of("2|z", "SELECT 1"), run("SELECT a, b FROM t WHERE a = 2"));
    }

    @Test
    void truncateAfterWritesInTheSameTransaction() {
        run("CREATE TABLE t (a int PRIMARY KEY)");
        run("INSERT INTO t VALUES (1), (2), (3)");
        run("BEGIN");
        run("DELETE FROM t WHERE a = 1");
        run("UPDATE t SET a = 20 WHERE a = 2");
        run("TRUNCATE t");
        run("INSERT INTO t VALUES (1)");
        run("COMMIT");
        assertEquals(List.of("1", "SELECT 1"), run("SELECT a FROM t"));
        run("BEGIN");
        run("DELETE FROM t");
        run("TRUNCATE t");
        run("ROLLBACK");
        assertEquals(List.of("1", "SELECT 1"), run("SELECT a FROM t WHERE a = 1"));
    }

    @Test
    void truncateHoldsAccessExclusiveUntilTheEnd() {
        run("CREATE TABLE t (a int)");
        run("INSERT INTO t VALUES (1)");
        Session other = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        try {
            run("BEGIN");
            run("TRUNCATE t");
            Session me = session;
            session = other;
            run("SET lock_timeout = '100ms'");
            DbException e = fails("SELECT count(*) FROM t");
            assertEquals("55P03", e.state().code());
            session = me;
            run("ROLLBACK");
            session = other;
            assertEquals(List.of("1", "SELECT 1"), run("SELECT count(*) FROM t"));
        } finally {
            other.close();
        }
    }

    @Test
    void truncateAndCommentNeedPrivilegeOrOwnership() {
        run("CREATE TABLE t (a int)");
        run("INSERT INTO t VALUES (1)");
        run("CREATE ROLE bob LOGIN");
        run("CREATE SCHEMA bs AUTHORIZATION bob");
        Session admin = session;
        session = db.openSession(db.findRole("bob").orElseThrow(), "postgres", Map.of());
        try {
            assertEquals("42501", fails("TRUNCATE t").state().code());
            assertEquals("42501", fails("COMMENT ON TABLE t IS 'x'").state().code());
            run("CREATE TABLE bs.mine (a int)");
            run("COMMENT ON TABLE bs.mine IS 'ok'");
            assertEquals(List.of("TRUNCATE TABLE"), run("TRUNCATE bs.mine"));
        } finally {
            session.close();
            session = admin;
        }
        assertEquals(List.of("1", "SELECT 1"), run("SELECT count(*) FROM t"));
    }

    @Test
    void truncateGivesNewRelfilenode() {
        run("CREATE TABLE t (a int)");
        String before = run("SELECT relfilenode FROM pg_class WHERE relname = 't'").get(0);
        run("TRUNCATE t");
        String after = run("SELECT relfilenode FROM pg_class WHERE relname = 't'").get(0);
        assertNotEquals(before, after);
        session.close();
        db.close();
        db = SessionTest.open(dir); // after a restart the OID counter must still go past the new file number
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        run("CREATE TABLE u (a int)");
        run("CREATE TABLE v (a int)");
        assertEquals(List.of("1", "SELECT 1"), run("SELECT count(*) FROM pg_class WHERE relfilenode = " + after));
        run("INSERT INTO t VALUES (1)");
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM u"));
    }

    @Test
    void restartIdentityResetsOwnedSequencesTransactionally() {
        run("CREATE TABLE t (id serial, v int GENERATED ALWAYS AS IDENTITY, w text)");
        run("INSERT INTO t (w) VALUES ('a'), ('b')");
        run("BEGIN");
        run("TRUNCATE t RESTART IDENTITY");
        run("INSERT INTO t (w) VALUES ('c')");
        assertEquals(List.of("1|1|c", "SELECT 1"), run("SELECT * FROM t"));
        run("ROLLBACK");
        run("INSERT INTO t (w) VALUES ('d')");
        assertEquals(List.of("3|3|d", "SELECT 1"), run("SELECT * FROM t WHERE w = 'd'"));
        run("TRUNCATE t CONTINUE IDENTITY");
        run("INSERT INTO t (w) VALUES ('e')");
        assertEquals(List.of("4|4|e", "SELECT 1"), run("SELECT * FROM t"));
        run("TRUNCATE t RESTART IDENTITY");
        run("INSERT INTO t (w) VALUES ('f')");
        assertEquals(List.of("1|1|f", "SELECT 1"), run("SELECT * FROM t"));
    }

    @Test
    void truncateErrors() {
        run("CREATE TABLE t (a int)");
        run("CREATE INDEX ti ON t (a)");
        assertEquals("relation \"nosuch\" does not exist", fails("TRUNCATE nosuch").getMessage());
        assertEquals("\"ti\" is not a table", fails("TRUNCATE ti").getMessage());
        assertEquals("permission denied: \"pg_class\" is a system catalog", fails("TRUNCATE pg_class").getMessage());
    }

    @Test
    void commentsAreStoredReadAndDroppedWithTheObject() {
        run("CREATE TABLE t (a int, b text)");
        run("CREATE INDEX ti ON t (a)");
        assertEquals(List.of("COMMENT"), run("COMMENT ON TABLE t IS 'the table'"));
        run("COMMENT ON COLUMN t.b IS 'column b'");
        run("COMMENT ON INDEX ti IS 'an index'");
        run("COMMENT ON SCHEMA public IS 'std'");
        assertEquals(List.of("the table|column b|NULL|an index|the table", "SELECT 1"),
                run("SELECT obj_description(c.oid, 'pg_class'), col_description(c.oid, 2), col_description(c.oid, 1),"
                        + " (SELECT obj_description(oid, 'pg_class') FROM pg_class WHERE relname = 'ti'),"
                        + " obj_description(c.oid) FROM pg_class c WHERE relname = 't'"));
        assertEquals(List.of("std", "SELECT 1"),
                run("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = 'public'"));
        run("COMMENT ON TABLE t IS NULL");
        run("COMMENT ON COLUMN t.b IS ''");
        assertEquals(List.of("1", "SELECT 1"), run("SELECT count(*) FROM pg_description WHERE objoid = "
                + "(SELECT oid FROM pg_class WHERE relname = 'ti')"));
        run("BEGIN");
        run("COMMENT ON TABLE t IS 'rolled back'");
        run("ROLLBACK");
        assertEquals(List.of("NULL", "SELECT 1"),
                run("SELECT obj_description(oid, 'pg_class') FROM pg_class WHERE relname = 't'"));
        run("COMMENT ON COLUMN t.a IS 'x'");
        run("DROP TABLE t");
        assertEquals(List.of("1", "SELECT 1"), run("SELECT count(*) FROM pg_description"));
        assertEquals("column \"zz\" of relation \"t2\" does not exist",
                failsAfter("CREATE TABLE t2 (a int)", "COMMENT ON COLUMN t2.zz IS 'x'").getMessage());
        assertEquals("relation \"nosuch\" does not exist", fails("COMMENT ON TABLE nosuch IS 'x'").getMessage());
        assertEquals("\"t2\" is not an index", fails("COMMENT ON INDEX t2 IS 'x'").getMessage());
    }

    private DbException failsAfter(String setup, String sql) {
        run(setup);
        return fails(sql);
    }

    @Test
    void createTableAsTakesNamesAndTypesFromTheQuery() {
        run("CREATE TABLE s (a int, b varchar(10))");
        run("INSERT INTO s VALUES (1, 'x'), (2, 'y')");
        assertEquals(List.of("SELECT 2"), run("CREATE TABLE c AS SELECT a, b, 'lit' AS l, NULL AS n FROM s"));
        assertEquals(List.of("a|int4|-1", "b|varchar|14", "l|text|-1", "n|text|-1", "SELECT 4"),
                run("SELECT attname, typname, atttypmod FROM pg_attribute JOIN pg_type t ON t.oid = atttypid "
                        + "WHERE attrelid = (SELECT oid FROM pg_class WHERE relname = 'c') ORDER BY attnum"));
        assertEquals(List.of("1|x|lit|NULL", "2|y|lit|NULL", "SELECT 2"), run("SELECT * FROM c ORDER BY a"));
        assertEquals(List.of("CREATE TABLE AS"), run("CREATE TABLE e (p, q) AS SELECT a, b FROM s WITH NO DATA"));
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM e"));
        assertEquals(List.of("CREATE TABLE AS"), run("CREATE TABLE IF NOT EXISTS e AS SELECT 1"));
        assertEquals("relation \"e\" already exists", fails("CREATE TABLE e AS SELECT 1").getMessage());
        assertEquals("too many column names were specified",
                fails("CREATE TABLE f (x, y) AS SELECT 1").getMessage());
        run("BEGIN");
        run("CREATE TABLE g AS SELECT a FROM s WITH DATA");
        run("ROLLBACK");
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM pg_class WHERE relname = 'g'"));
    }

    @Test
    void likeCopiesColumnsAndWhatIsIncluded() {
        run("CREATE TABLE s (a int PRIMARY KEY, b varchar(10) NOT NULL DEFAULT 'x', c int CHECK (c > 0))");
        run("CREATE INDEX ON s (c)");
        run("CREATE TABLE l1 (LIKE s)");
        assertEquals(List.of("a|t|f", "b|t|f", "c|f|f", "SELECT 3"), columns("l1"));
        run("CREATE TABLE l2 (x int, LIKE s INCLUDING ALL, y int)");
        assertEquals(List.of("x|f|f", "a|t|f", "b|t|t", "c|f|f", "y|f|f", "SELECT 5"), columns("l2"));
        assertEquals(List.of("l2_c_idx", "l2_pkey", "SELECT 2"), run("SELECT relname FROM pg_class WHERE relkind = 'i' "
                + "AND relname LIKE 'l2%' ORDER BY 1"));
        assertEquals(List.of("s_c_check", "SELECT 1"), run("SELECT conname FROM pg_constraint WHERE contype = 'c' "
                + "AND conrelid = (SELECT oid FROM pg_class WHERE relname = 'l2')"));
        run("INSERT INTO l2 (a) VALUES (1)");
        assertEquals(List.of("1|x", "SELECT 1"), run("SELECT a, b FROM l2"));
        assertEquals("new row for relation \"l2\" violates check constraint \"s_c_check\"",
                fails("INSERT INTO l2 (a, c) VALUES (2, -1)").getMessage());
        assertEquals("column \"a\" specified more than once", fails("CREATE TABLE l3 (a int, LIKE s)").getMessage());
    }

    private List<String> columns(String table) {
        return run("SELECT attname, attnotnull, atthasdef FROM pg_attribute WHERE attrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = '" + table + "') ORDER BY attnum");
    }
}
