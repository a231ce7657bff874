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

/** ALTER TABLE's column and table forms through the session API: results, errors, rollback, restart. */
class AlterTableColumnsTest {
    @TempDir
    Path dir;
    Database db;
    Session session;
    final List<String> notices = new ArrayList<>();

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        connect();
    }

    private void connect() {
        db = SessionTest.open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        session.setListener(new SessionListener() {
            @Override
            public void parameterChanged(String name, String value) {
            }

            @Override
            public void notice(Notice notice) {
                notices.add(notice.message());
            }
        });
    }

    /** Closes and opens the database again: what was committed must come back from disk. */
    private void restart() {
        session.close();
        db.close();
        connect();
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    private List<String> run(String sql) {
        return SessionRows.run(session, sql);
    }

    private List<String> rows(String sql) {
        List<String> out = run(sql);
        return out.subList(0, out.size() - 1);
    }

    private DbException fails(String sql) {
        DbException e = assertThrows(DbException.class, () -> run(sql));
        session.sync();
        if (session.transactionStatus() == 'E') {
            run("ROLLBACK");
        }
        return e;
    }

    private void table() {
        run("CREATE TABLE t (a int PRIMARY KEY, b text, c int)");
        run("INSERT INTO t VALUES (1, 'one', 10), (2, 'two', NULL), (3, NULL, 30)");
    }

    @Test
    void addColumnWithDefaultFillsRowsAndSurvivesRestart() {
        table();
        assertEquals(List.of("ALTER TABLE"), run("ALTER TABLE t ADD COLUMN d int DEFAULT 7 NOT NULL"));
        run("ALTER TABLE t ADD e text");
        assertEquals(List.of("1|one|10|7|NULL", "2|two|NULL|7|NULL", "3|NULL|30|7|NULL"),
                rows("SELECT * FROM t ORDER BY a"));
        run("INSERT INTO t (a) VALUES (4)");
        assertEquals(List.of("7"), rows("SELECT d FROM t WHERE a = 4"));
        restart();
        assertEquals(List.of("1|one|10|7|NULL", "2|two|NULL|7|NULL", "3|NULL|30|7|NULL", "4|NULL|NULL|7|NULL"),
                rows("SELECT * FROM t ORDER BY a"));
        assertEquals(List.of("3"), rows("SELECT a FROM t WHERE a = 3")); // the rebuilt primary key index
        DbException dup = fails("INSERT INTO t (a) VALUES (1)");
        assertEquals("23505", dup.state().code());
    }

    @Test
    void addColumnErrors() {
        table();
        assertEquals("column \"b\" of relation \"t\" already exists", fails("ALTER TABLE t ADD b int").getMessage());
        run("ALTER TABLE t ADD COLUMN IF NOT EXISTS b int");
        assertEquals(List.of("column \"b\" of relation \"t\" already exists, skipping"), notices);
        DbException nulls = fails("ALTER TABLE t ADD z int NOT NULL");
        assertEquals("23502", nulls.state().code());
        assertEquals("column \"z\" of relation \"t\" contains null values", nulls.getMessage());
        DbException check = fails("ALTER TABLE t ADD z int DEFAULT 0 CHECK (z > 0)");
        assertEquals("23514", check.state().code());
        assertEquals(List.of("a", "b", "c"), rows("SELECT attname FROM pg_attribute WHERE attrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = 't') ORDER BY attnum"));
    }

    @Test
    void rollbackRestoresCatalogAndData() {
        table();
        run("BEGIN");
        run("ALTER TABLE t ADD d int DEFAULT 5");
        run("ALTER TABLE t DROP COLUMN b");
        run("ALTER TABLE t ALTER COLUMN c TYPE text");
        run("ALTER TABLE t RENAME TO u");
        assertEquals(List.of("1|10|5"), rows("SELECT * FROM u WHERE a = 1"));
        run("ROLLBACK");
        assertEquals(List.of("1|one|10", "2|two|NULL", "3|NULL|30"), rows("SELECT * FROM t ORDER BY a"));
        restart();
        assertEquals(List.of("1|one|10", "2|two|NULL", "3|NULL|30"), rows("SELECT * FROM t ORDER BY a"));
        assertEquals("42P01", fails("SELECT * FROM u").state().code());
    }

    @Test
    void dropColumnRenumbersAndDropsItsIndexesAndChecks() {
        run("CREATE TABLE t (a int, b int CHECK (b > 0), c int, d int CHECK (d > c))");
        run("CREATE INDEX t_b ON t (b)");
        run("CREATE INDEX t_d ON t (d)");
        run("INSERT INTO t VALUES (1, 2, 3, 4)");
        run("ALTER TABLE t DROP COLUMN b");
        assertEquals(List.of("1|3|4"), rows("SELECT * FROM t"));
        assertEquals(List.of("t_d"), rows("SELECT relname FROM pg_class WHERE relname LIKE 't\\_%' ORDER BY 1"));
        assertEquals(List.of("t_check|{3,2}"), rows("SELECT conname, conkey FROM pg_constraint "
                + "WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 't')"));
        assertEquals("23514", fails("INSERT INTO t VALUES (1, 5, 4)").state().code());
        run("ALTER TABLE t DROP COLUMN IF EXISTS b");
        assertEquals("column \"b\" of relation \"t\" does not exist, skipping", notices.get(0));
        assertEquals("42703", fails("ALTER TABLE t DROP COLUMN b").state().code());
        restart();
        assertEquals(List.of("4"), rows("SELECT d FROM t WHERE d = 4"));
        run("INSERT INTO t VALUES (2, 3, 9)");
        assertEquals(List.of("1|3|4", "2|3|9"), rows("SELECT * FROM t ORDER BY a"));
    }

    @Test
    void renameColumnFollowsIntoChecksAndIndexes() {
        run("CREATE TABLE t (a int CHECK (a > 0), b int)");
        run("INSERT INTO t VALUES (1, 2)");
        run("ALTER TABLE t RENAME COLUMN a TO \"New A\"");
        run("ALTER TABLE t RENAME b TO c");
        assertEquals(List.of("1|2"), rows("SELECT \"New A\", c FROM t"));
        assertEquals("23514", fails("INSERT INTO t VALUES (0, 1)").state().code());
        assertEquals("column \"zz\" does not exist", fails("ALTER TABLE t RENAME zz TO y").getMessage());
        assertEquals("column \"c\" of relation \"t\" already exists",
                fails("ALTER TABLE t RENAME \"New A\" TO c").getMessage());
        run("CREATE TABLE other (x int)");
        assertEquals("relation \"other\" already exists", fails("ALTER TABLE t RENAME TO other").getMessage());
        run("ALTER TABLE t RENAME TO t2");
        restart();
        assertEquals(List.of("1|2"), rows("SELECT \"New A\", c FROM t2"));
        assertEquals("23514", fails("INSERT INTO t2 VALUES (-1, 1)").state().code());
    }

    @Test
    void alterTypeConvertsRowsAndRebuildsIndexes() {
        run("CREATE TABLE t (a text UNIQUE, b int DEFAULT 3)");
        run("INSERT INTO t VALUES ('10', 1), ('20', 2)");
        DbException e = fails("ALTER TABLE t ALTER COLUMN a TYPE int");
        assertEquals("42804", e.state().code());
        assertEquals("column \"a\" cannot be cast automatically to type integer", e.getMessage());
        assertEquals("You might need to specify \"USING a::integer\".", e.hint());
        run("ALTER TABLE t ALTER COLUMN a TYPE int USING a::int + 1");
        run("ALTER TABLE t ALTER b SET DATA TYPE bigint");
        assertEquals(List.of("11|1", "21|2"), rows("SELECT * FROM t ORDER BY a"));
        assertEquals(List.of("21"), rows("SELECT a FROM t WHERE a = 21"));
        assertEquals("23505", fails("ALTER TABLE t ALTER a TYPE int USING 5").state().code());
        restart();
        assertEquals(List.of("a|23", "b|20"), rows("SELECT attname, atttypid FROM pg_attribute WHERE attrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = 't') ORDER BY attnum"));
        assertEquals(List.of("11|1", "21|2"), rows("SELECT * FROM t ORDER BY a"));
        assertEquals("23505", fails("INSERT INTO t VALUES (11, 5)").state().code());
    }

    @Test
    void defaultsAndNotNull() {
        table();
        run("ALTER TABLE t ALTER COLUMN c SET DEFAULT 42");
        run("INSERT INTO t (a) VALUES (4)");
        assertEquals(List.of("42"), rows("SELECT c FROM t WHERE a = 4"));
        run("ALTER TABLE t ALTER c DROP DEFAULT");
        run("INSERT INTO t (a) VALUES (5)");
        assertEquals(List.of("NULL"), rows("SELECT c FROM t WHERE a = 5"));
        DbException nulls = fails("ALTER TABLE t ALTER c SET NOT NULL");
        assertEquals("column \"c\" of relation \"t\" contains null values", nulls.getMessage());
        run("DELETE FROM t WHERE c IS NULL");
        run("ALTER TABLE t ALTER c SET NOT NULL");
        assertEquals("23502", fails("INSERT INTO t (a) VALUES (6)").state().code());
        assertEquals("column \"a\" is in a primary key", fails("ALTER TABLE t ALTER a DROP NOT NULL").getMessage());
        assertEquals("42804", fails("ALTER TABLE t ALTER c SET DEFAULT 'x'::text || 'y'").state().code());
        restart();
        assertEquals("23502", fails("INSERT INTO t (a) VALUES (6)").state().code());
        run("ALTER TABLE t ALTER c DROP NOT NULL");
        run("INSERT INTO t (a) VALUES (6)");
        assertEquals(List.of("6|NULL"), rows("SELECT a, c FROM t WHERE a = 6"));
    }

    @Test
    void ownerTo() {
        table();
        run("CREATE ROLE alice");
        run("ALTER TABLE t OWNER TO alice");
        assertEquals(List.of("alice"), rows("SELECT r.rolname FROM pg_class c JOIN pg_authid r ON r.oid = c.relowner "
                + "WHERE c.relname = 't'"));
        assertEquals("role \"nobody\" does not exist", fails("ALTER TABLE t OWNER TO nobody").getMessage());
        restart();
        assertEquals(List.of("alice"), rows("SELECT r.rolname FROM pg_class c JOIN pg_authid r ON r.oid = c.relowner "
                + "WHERE c.relname = 't'"));
    }

    @Test
    void rewriteAfterDeletesAndUpdatesInTheSameTransaction() {
        table();
        run("BEGIN");
        run("DELETE FROM t WHERE a = 1");
        run("UPDATE t SET b = 'deux' WHERE a = 2");
        run("ALTER TABLE t ADD COLUMN d int DEFAULT 1");
        run("INSERT INTO t VALUES (1, 'uno', 0, 2)");
        run("COMMIT");
        assertEquals(List.of("1|uno|0|2", "2|deux|NULL|1", "3|NULL|30|1"), rows("SELECT * FROM t ORDER BY a"));
        restart();
        assertEquals(List.of("1|uno|0|2", "2|deux|NULL|1", "3|NULL|30|1"), rows("SELECT * FROM t ORDER BY a"));
        assertEquals(List.of("2|deux"), rows("SELECT a, b FROM t WHERE a = 2"));
    }

    @Test
    void deleteThenDropTableCommits() {
        table();
        run("BEGIN");
        run("DELETE FROM t WHERE a = 1");
        run("DROP TABLE t");
        assertEquals(List.of("COMMIT"), run("COMMIT"));
        restart();
        assertEquals("42P01", fails("SELECT * FROM t").state().code());
    }

    @Test
    void savepointRollbackKeepsEarlierAlteration() {
        table();
        run("BEGIN");
        run("ALTER TABLE t ADD COLUMN d int DEFAULT 4");
        run("SAVEPOINT s");
        run("ALTER TABLE t DROP COLUMN b");
        run("ROLLBACK TO SAVEPOINT s");
        run("COMMIT");
        restart();
        assertEquals(List.of("1|one|10|4"), rows("SELECT * FROM t WHERE a = 1"));
    }

    @Test
    void sequencesOnlyRenameAndChangeOwner() {
        run("CREATE SEQUENCE s");
        DbException e = fails("ALTER TABLE s ADD COLUMN x int");
        assertEquals("42809", e.state().code());
        assertEquals("ALTER action ADD COLUMN cannot be performed on relation \"s\"", e.getMessage());
        assertEquals("This operation is not supported for sequences.", e.detail());
        assertEquals("cannot rename columns of relation \"s\"", fails("ALTER TABLE s RENAME log_cnt TO y")
                .getMessage());
        run("ALTER TABLE s RENAME TO s2");
        assertEquals(List.of("1"), rows("SELECT nextval('s2')"));
    }

    @Test
    void serialColumnDroppedWithItsSequence() {
        run("CREATE TABLE t (a int, id serial, b int)");
        run("INSERT INTO t (a, b) VALUES (1, 2)");
        run("ALTER TABLE t DROP COLUMN id");
        assertEquals(List.of(), rows("SELECT relname FROM pg_class WHERE relname = 't_id_seq'"));
        assertEquals(List.of("1|2"), rows("SELECT * FROM t"));
    }
}
