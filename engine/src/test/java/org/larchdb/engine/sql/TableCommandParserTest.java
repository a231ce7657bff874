package org.larchdb.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.sql.UtilityStatement.QualifiedName;

class TableCommandParserTest {

    @Test
    void truncateForms() {
        var t = (UtilityStatement.Truncate) UtilityParser.tryParse(
                "TRUNCATE TABLE ONLY a, s.b * RESTART IDENTITY CASCADE");
        assertEquals(List.of(new QualifiedName(null, "a"), new QualifiedName("s", "b")), t.names());
        assertTrue(t.restartIdentity());
        assertTrue(t.cascade());
        var plain = (UtilityStatement.Truncate) UtilityParser.tryParse("truncate a continue identity restrict");
        assertFalse(plain.restartIdentity());
        assertFalse(plain.cascade());
        assertEquals("syntax error at end of input",
                assertThrows(DbException.class, () -> UtilityParser.tryParse("TRUNCATE a RESTART")).getMessage());
        assertEquals("syntax error at or near \"RESTART\"", assertThrows(DbException.class,
                () -> UtilityParser.tryParse("TRUNCATE a CASCADE RESTART IDENTITY")).getMessage());
    }

    @Test
    void commentForms() {
        var c = (UtilityStatement.Comment) UtilityParser.tryParse("COMMENT ON COLUMN s.t.c IS 'x'");
        assertEquals("column", c.objectKind());
        assertEquals(new QualifiedName("s", "t"), c.name());
        assertEquals("c", c.column());
        assertEquals("x", c.text());
        var empty = (UtilityStatement.Comment) UtilityParser.tryParse("comment on table t is ''");
        assertNull(empty.text());
        var none = (UtilityStatement.Comment) UtilityParser.tryParse("comment on schema s is null");
        assertNull(none.text());
        assertEquals("column name must be qualified", assertThrows(DbException.class,
                () -> UtilityParser.tryParse("COMMENT ON COLUMN t IS 'x'")).getMessage());
        assertEquals("0A000", assertThrows(DbException.class,
                () -> UtilityParser.tryParse("COMMENT ON FUNCTION f IS 'x'")).state().code());
    }

    @Test
    void createTableAsSplitsQueryAndDataOption() {
        var c = (UtilityStatement.CreateTableAs) UtilityParser.tryParse(
                "CREATE TABLE IF NOT EXISTS t (a, b) AS WITH w AS (SELECT 1, 2) SELECT * FROM w WITH NO DATA");
        assertEquals(List.of("a", "b"), c.columnNames());
        assertEquals("WITH w AS (SELECT 1, 2) SELECT * FROM w", c.query());
        assertFalse(c.withData());
        assertTrue(c.ifNotExists());
        var d = (UtilityStatement.CreateTableAs) UtilityParser.tryParse("create table t as select 1 with data");
        assertEquals("select 1", d.query());
        assertTrue(d.withData());
        assertEquals(18, d.queryPosition()); // 0-based offset of "select"
        assertTrue(UtilityParser.tryParse("CREATE TABLE t (a int)") instanceof UtilityStatement.CreateTable);
    }

    @Test
    void likeOptionsAccumulateInOrder() {
        var c = (UtilityStatement.CreateTable) UtilityParser.tryParse(
                "CREATE TABLE t (x int, LIKE s INCLUDING ALL EXCLUDING INDEXES, y int)");
        assertEquals(1, c.likes().size());
        UtilityStatement.LikeClause like = c.likes().get(0);
        assertEquals(1, like.position());
        assertTrue(like.including().contains("defaults"));
        assertFalse(like.including().contains("indexes"));
        var bare = (UtilityStatement.CreateTable) UtilityParser.tryParse("CREATE TABLE t (LIKE s)");
        assertEquals(Set.of(), bare.likes().get(0).including());
        assertEquals("syntax error at or near \"nonsense\"", assertThrows(DbException.class,
                () -> UtilityParser.tryParse("CREATE TABLE t (LIKE s INCLUDING nonsense)")).getMessage());
    }
}
