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

/** ALTER TABLE ... ADD PRIMARY KEY / UNIQUE through the session API: validation, names, errors, rollback. */
class AlterTableKeysTest {
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
        run("CREATE TABLE t (a int, b text, c int)");
        run("INSERT INTO t VALUES (1, 'one', 10), (2, 'two', NULL), (3, 'three', 30)");
    }

    @Test
    void addPrimaryKeyEnforcesUniquenessAndNotNullAndSurvivesRestart() {
        table();
        assertEquals(List.of("ALTER TABLE"), run("ALTER TABLE t ADD PRIMARY KEY (a)"));
        assertEquals(List.of("t_pkey|p"), rows("SELECT conname, contype FROM pg_constraint WHERE conname = 't_pkey'"));
        DbException dup = fails("INSERT INTO t VALUES (1, 'again', 1)");
        assertEquals("23505", dup.state().code());
        assertEquals("duplicate key value violates unique constraint \"t_pkey\"", dup.getMessage());
        DbException nul = fails("INSERT INTO t VALUES (NULL, 'x', 1)");
        assertEquals("23502", nul.state().code());
        restart();
        assertEquals("23505", fails("INSERT INTO t VALUES (2, 'again', 1)").state().code());
        assertEquals(List.of("2|two|NULL"), rows("SELECT * FROM t WHERE a = 2"));
        assertEquals("42P16", fails("ALTER TABLE t ADD CONSTRAINT other PRIMARY KEY (b)").state().code());
    }

    @Test
    void addUniqueChoosesPostgresNamesAndAllowsNulls() {
        table();
        run("ALTER TABLE t ADD UNIQUE (b, c)");
        run("ALTER TABLE t ADD UNIQUE (b, c)");
        run("ALTER TABLE t ADD CONSTRAINT named_key UNIQUE (c)");
        assertEquals(List.of("named_key", "t_b_c_key", "t_b_c_key1"),
                rows("SELECT conname FROM pg_constraint WHERE contype = 'u' ORDER BY conname"));
        run("INSERT INTO t VALUES (4, 'two', NULL)"); // NULLs are distinct
        assertEquals("23505", fails("INSERT INTO t VALUES (5, 'one', 10)").state().code());
    }

    @Test
    void existingRowsAreValidated() {
        table();
        run("INSERT INTO t VALUES (1, 'uno', NULL)");
        DbException dup = fails("ALTER TABLE t ADD PRIMARY KEY (a)");
        assertEquals("23505", dup.state().code());
        assertEquals("could not create unique index \"t_pkey\"", dup.getMessage());
        assertEquals("Key (a)=(1) is duplicated.", dup.detail());
        DbException nulls = fails("ALTER TABLE t ADD PRIMARY KEY (c)");
        assertEquals("23502", nulls.state().code());
        assertEquals("column \"c\" of relation \"t\" contains null values", nulls.getMessage());
        assertEquals(List.of("0"), rows("SELECT count(*) FROM pg_constraint WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 't')"));
        run("INSERT INTO t VALUES (NULL, 'x', 1)");
        run("ALTER TABLE t ADD UNIQUE (b)"); // the NULL c rows do not collide
        assertEquals(List.of("NULL|x|1"), rows("SELECT * FROM t WHERE a IS NULL"));
    }

    @Test
    void errors() {
        table();
        run("ALTER TABLE t ADD CONSTRAINT t_chk CHECK (c > 0)");
        DbException col = fails("ALTER TABLE t ADD UNIQUE (z)");
        assertEquals("42703", col.state().code());
        assertEquals("column \"z\" named in key does not exist", col.getMessage());
        assertEquals("column \"zz\" of relation \"t\" does not exist",
                fails("ALTER TABLE t ADD PRIMARY KEY (a, zz)").getMessage());
        DbException rel = fails("ALTER TABLE t ADD CONSTRAINT t UNIQUE (a)");
        assertEquals("42P07", rel.state().code());
        assertEquals("relation \"t\" already exists", rel.getMessage());
        assertEquals("42710", fails("ALTER TABLE t ADD CONSTRAINT t_chk UNIQUE (a)").state().code());
        assertEquals("42701", fails("ALTER TABLE t ADD UNIQUE (a, a)").state().code());
        run("ALTER TABLE t ADD CONSTRAINT k PRIMARY KEY (a)");
        DbException two = fails("ALTER TABLE t ADD PRIMARY KEY (b)");
        assertEquals("42P16", two.state().code());
        assertEquals("multiple primary keys for table \"t\" are not allowed", two.getMessage());
        assertEquals("0A000", fails("ALTER TABLE t ADD UNIQUE (b) INCLUDE (c)").state().code());
    }

    @Test
    void rollbackRemovesIndexAndConstraintAndNotNull() {
        table();
        run("BEGIN");
        run("ALTER TABLE t ADD PRIMARY KEY (b)");
        run("ALTER TABLE t ADD UNIQUE (c)");
        run("ROLLBACK");
        assertEquals(List.of("0"), rows("SELECT count(*) FROM pg_constraint WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 't')"));
        assertEquals(List.of("0"), rows("SELECT count(*) FROM pg_class WHERE relname IN ('t_pkey', 't_c_key')"));
        run("INSERT INTO t VALUES (9, NULL, 10)");
        restart();
        assertEquals(List.of("2"), rows("SELECT count(*) FROM t WHERE c = 10"));
        run("ALTER TABLE t ADD PRIMARY KEY (a)"); // the name is free again
    }
}
