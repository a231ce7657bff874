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
import org.larchdb.engine.error.SqlState;

/** Views through the session API: definition, expansion, dependencies, updatability, owner privileges. */
class ViewTest {
    @TempDir
    Path dir;
    Database db;
    Session session;
    final List<Notice> notices = new ArrayList<>();

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        session = connect("postgres");
    }

    private Session connect(String role) {
        Session s = db.openSession(db.findRole(role).orElseThrow(), "postgres", Map.of());
        s.setListener(new SessionListener() {
            @Override
            public void parameterChanged(String name, String value) {
            }

            @Override
            public void notice(Notice notice) {
                notices.add(notice);
            }
        });
        return s;
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    private List<String> run(String sql) {
        return run(session, sql);
    }

    private static List<String> run(Session session, String sql) {
        return SessionRows.run(session, sql);
    }

    private DbException fails(Session s, String sql) {
        DbException e = assertThrows(DbException.class, () -> run(s, sql));
        s.sync();
        if (s.transactionStatus() == 'E') {
            run(s, "ROLLBACK");
        }
        return e;
    }

    @Test
    void viewIsExpandedWithItsColumnNames() {
        run("CREATE TABLE t (a int, b text)");
        run("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z')");
        assertEquals(List.of("CREATE VIEW"), run("CREATE VIEW v (k) AS SELECT a, b FROM t WHERE a > 1"));
        assertEquals(List.of("2|y", "3|z", "SELECT 2"), run("SELECT k, b FROM v ORDER BY k"));
        assertEquals(List.of("v|v|2", "SELECT 1"),
                run("SELECT relname, relkind, relnatts FROM pg_class WHERE relname = 'v'"));
        assertEquals(List.of("public|v|postgres", "SELECT 1"),
                run("SELECT schemaname, viewname, viewowner FROM pg_views"));
        assertEquals(SqlState.UNDEFINED_COLUMN, fails(session, "SELECT a FROM v").state());
    }

    @Test
    void replaceMayOnlyAddColumns() {
        run("CREATE TABLE t (a int, b text)");
        run("CREATE VIEW v AS SELECT a FROM t");
        assertEquals(List.of("CREATE VIEW"), run("CREATE OR REPLACE VIEW v AS SELECT a, b FROM t"));
        DbException e = fails(session, "CREATE OR REPLACE VIEW v AS SELECT b, a FROM t");
        assertEquals(SqlState.INVALID_TABLE_DEFINITION, e.state());
        assertEquals("cannot change name of view column \"a\" to \"b\"", e.getMessage());
        assertEquals("cannot drop columns from view",
                fails(session, "CREATE OR REPLACE VIEW v AS SELECT a FROM t").getMessage());
        assertEquals(SqlState.DUPLICATE_TABLE, fails(session, "CREATE VIEW v AS SELECT 1").state());
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, fails(session, "CREATE TEMP VIEW w AS SELECT 1").state());
    }

    @Test
    void dropRefusesDependentsUnlessCascade() {
        run("CREATE TABLE t (a int)");
        run("CREATE VIEW v1 AS SELECT a FROM t");
        run("CREATE VIEW v2 AS SELECT a FROM v1");
        DbException e = fails(session, "DROP TABLE t");
        assertEquals(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, e.state());
        assertEquals("cannot drop table t because other objects depend on it", e.getMessage());
        assertEquals("view v1 depends on table t\nview v2 depends on view v1", e.detail());
        assertEquals(List.of("DROP TABLE"), run("DROP TABLE t CASCADE"));
        assertEquals("drop cascades to 2 other objects", notices.get(notices.size() - 1).message());
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM pg_class WHERE relname LIKE 'v_'"));
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM pg_rewrite"));
    }

    @Test
    void createViewRollsBackAndSurvivesRestart() {
        run("CREATE TABLE t (a int)");
        run("INSERT INTO t VALUES (5)");
        run("BEGIN");
        run("CREATE VIEW gone AS SELECT a FROM t");
        run("ROLLBACK");
        assertEquals(SqlState.UNDEFINED_TABLE, fails(session, "SELECT * FROM gone").state());
        run("CREATE VIEW kept AS SELECT a * 2 AS d FROM t");
        session.close();
        db.close();
        db = SessionTest.open(dir);
        session = connect("postgres");
        assertEquals(List.of("10", "SELECT 1"), run("SELECT d FROM kept"));
    }

    @Test
    void simpleViewsAreUpdatable() {
        run("CREATE TABLE t (id int PRIMARY KEY, name text, qty int DEFAULT 5)");
        run("CREATE VIEW v (k, label, q2) AS SELECT id, name, qty * 2 FROM t WHERE id < 100");
        assertEquals(List.of("INSERT 0 1"), run("INSERT INTO v (k, label) VALUES (1, 'one')"));
        assertEquals(List.of("INSERT 0 1"), run("INSERT INTO v (k, label) VALUES (200, 'big')"));
        assertEquals(List.of("UPDATE 1"), run("UPDATE v SET label = 'ONE' WHERE q2 = 10"));
        assertEquals(List.of("UPDATE 0"), run("UPDATE v SET label = 'x' WHERE k = 200"));
        assertEquals(List.of("1|ONE|5", "200|big|5", "SELECT 2"), run("SELECT * FROM t ORDER BY id"));
        DbException e = fails(session, "UPDATE v SET q2 = 1");
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.state());
        assertEquals("cannot update column \"q2\" of view \"v\"", e.getMessage());
        assertEquals(List.of("DELETE 1"), run("DELETE FROM v"));
        run("CREATE VIEW g AS SELECT qty, count(*) FROM t GROUP BY qty");
        e = fails(session, "DELETE FROM g");
        assertEquals(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, e.state());
        assertEquals("Views containing GROUP BY are not automatically updatable.", e.detail());
    }

    @Test
    void recursiveDefinitionIsRefusedWhenRead() {
        run("CREATE TABLE t (a int)");
        run("CREATE VIEW v1 AS SELECT a FROM t");
        run("CREATE VIEW v2 AS SELECT a FROM v1");
        run("CREATE OR REPLACE VIEW v1 AS SELECT a FROM v2");
        DbException e = fails(session, "SELECT * FROM v1");
        assertEquals(SqlState.INVALID_OBJECT_DEFINITION, e.state());
    }

    @Test
    void baseTablesAreCheckedAsTheViewOwner() {
        run("CREATE ROLE alice LOGIN");
        run("CREATE TABLE secret (a int)");
        run("CREATE SCHEMA a AUTHORIZATION alice");
        Session alice = connect("alice");
        try {
            assertEquals(List.of("CREATE VIEW"), run(alice, "CREATE VIEW a.peek AS SELECT a FROM public.secret"));
            assertEquals("permission denied for table secret", fails(alice, "SELECT * FROM a.peek").getMessage());
        } finally {
            alice.close();
        }
        // Even a superuser reads the view with its owner's privileges on what it reads.
        assertEquals("permission denied for table secret", fails(session, "SELECT * FROM a.peek").getMessage());
    }
}
