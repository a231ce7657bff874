package org.larchdb.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

class ViewParserTest {

    @Test
    void createViewKeepsTheQueryText() {
        UtilityStatement.CreateView v = (UtilityStatement.CreateView) UtilityParser.tryParse(
                "CREATE OR REPLACE VIEW s.\"My View\" (x, y) AS SELECT a, 'as' FROM t WHERE a > 1;");
        assertEquals(new UtilityStatement.QualifiedName("s", "My View"), v.name());
        assertTrue(v.orReplace());
        assertEquals(List.of("x", "y"), v.columnNames());
        assertEquals("SELECT a, 'as' FROM t WHERE a > 1", v.query());
    }

    @Test
    void unsupportedFormsAre0A000() {
        for (String sql : List.of("CREATE TEMP VIEW v AS SELECT 1", "CREATE RECURSIVE VIEW v (a) AS SELECT 1",
                "CREATE VIEW v AS SELECT a FROM t WITH LOCAL CHECK OPTION",
                "CREATE VIEW v AS SELECT a FROM t WITH CHECK OPTION")) {
            DbException e = assertThrows(DbException.class, () -> UtilityParser.tryParse(sql), sql);
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.state(), sql);
        }
    }

    @Test
    void missingQueryIsASyntaxError() {
        DbException e = assertThrows(DbException.class, () -> UtilityParser.tryParse("CREATE VIEW v AS"));
        assertEquals(SqlState.SYNTAX_ERROR, e.state());
    }

    @Test
    void dropViewListsAndCascade() {
        UtilityStatement.DropView d = (UtilityStatement.DropView) UtilityParser.tryParse(
                "DROP VIEW IF EXISTS a, s.b CASCADE");
        assertEquals(List.of(new UtilityStatement.QualifiedName(null, "a"), new UtilityStatement.QualifiedName("s", "b")),
                d.names());
        assertTrue(d.ifExists());
        assertTrue(d.cascade());
    }
}
