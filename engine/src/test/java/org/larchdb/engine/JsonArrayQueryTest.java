package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TextFormat;

/** json/jsonb and arrays through the session: columns, parameters, grouping, index keys over arrays. */
class JsonArrayQueryTest {
    @TempDir
    Path dir;
    Database db;
    Session session;

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        run("CREATE TABLE t (id integer PRIMARY KEY, tags text[], doc jsonb, amounts numeric[])");
        run("INSERT INTO t VALUES (1, '{a,b}', '{\"n\": 1}', '{1.0}'), (2, ARRAY['b'], '{\"n\": 2}', '{1.00}'),"
                + " (3, NULL, NULL, '{2}')");
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    private List<String> run(String sql, Object... params) {
        return SessionRows.rows(session, sql, params);
    }

    @Test
    void anyOverAnUntypedArrayParameter() {
        assertEquals(List.of("1", "3"), run("SELECT id FROM t WHERE id = ANY($1) ORDER BY id",
                TextCodec.parse("{1,3,9}", org.larchdb.engine.types.DataType.of(org.larchdb.engine.types.PgType.INT4_ARRAY),
                        TextFormat.DEFAULT)));
        assertEquals(List.of("1", "2"), run("SELECT id FROM t WHERE 'b' = ANY(tags) ORDER BY id"));
    }

    @Test
    void groupingTreatsEqualArraysAndDocumentsAsOneGroup() {
        assertEquals(List.of("{1.00}|2", "{2}|1"), run("SELECT min(amounts::text)::numeric[], count(*) FROM t"
                + " GROUP BY amounts ORDER BY 2 DESC"));
        assertEquals(List.of("3"), run("SELECT count(DISTINCT doc -> 'n') + 1 FROM t"));
    }

    @Test
    void indexOnAnArrayColumnFindsRows() {
        run("CREATE INDEX t_tags ON t (tags)");
        assertEquals(List.of("2"), run("SELECT id FROM t WHERE tags = '{b}'"));
    }

    @Test
    void jsonHasNoEquality() {
        DbException e = assertThrows(DbException.class, () -> run("SELECT '{}'::json = '{}'::json"));
        session.sync();
        assertEquals("42883", e.state().code());
    }
}
