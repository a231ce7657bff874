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

/** The json/jsonb path operators #> and #>> through the session: parameters, WHERE, precedence. */
class JsonPathQueryTest {
    @TempDir
    Path dir;
    Database db;
    Session session;

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        run("CREATE TABLE t (id integer PRIMARY KEY, doc jsonb, raw json)");
        run("INSERT INTO t VALUES (1, '{\"a\": {\"b\": \"x\"}}', '{\"a\": {\"b\":  [1,  2]}}'),"
                + " (2, '{\"a\": {\"b\": \"y\"}}', '{\"a\": 5}'), (3, NULL, NULL)");
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    private List<String> run(String sql, Object... params) {
        return SessionRows.rows(session, sql, params);
    }

    private static final org.larchdb.engine.types.DataType TEXT_ARRAY =
            org.larchdb.engine.types.DataType.of(org.larchdb.engine.types.PgType.TEXT_ARRAY);

    @Test
    void pathParameterIsATextArray() {
        assertEquals(List.of("1|x", "2|y", "3|NULL"), run("SELECT id, doc #>> $1 FROM t ORDER BY id",
                TextCodec.parse("{a,b}", TEXT_ARRAY, TextFormat.DEFAULT)));
        assertEquals(List.of("1|\"x\""), run("SELECT id, doc #> $1 FROM t WHERE id = 1",
                TextCodec.parse("{a,b}", TEXT_ARRAY, TextFormat.DEFAULT)));
    }

    @Test
    void comparisonAfterThePathComparesTheResult() {
        assertEquals(List.of("2"), run("SELECT id FROM t WHERE doc #>> '{a,b}' = $1 AND id > 0", "y"));
        assertEquals(List.of("1", "2"), run("SELECT id FROM t WHERE doc #> '{a}' IS NOT NULL ORDER BY id"));
        assertEquals(List.of("xz"), run("SELECT doc #>> '{a,b}' || 'z' FROM t WHERE id = 1"));
    }

    @Test
    void jsonKeepsTheTextAsWritten() {
        assertEquals(List.of("[1,  2]|[1,  2]|NULL"),
                run("SELECT raw #> '{a,b}', raw #>> '{a,b}', raw #> '{a,b,x}' FROM t WHERE id = 1"));
        assertEquals(List.of("2"), run("SELECT raw #>> '{a,b,1}' FROM t WHERE id = 1"));
    }

    @Test
    void textHasNoPathOperator() {
        DbException e = assertThrows(DbException.class, () -> run("SELECT 'x'::text #> '{a}'"));
        assertEquals("operator does not exist: text #> unknown", e.getMessage());
    }
}
