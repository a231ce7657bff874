package org.larchdb.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class InsertOverridingTest {

    @Test
    void clauseIsTakenOutWithPositionsKept() {
        String sql = "INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (1)";
        InsertOverriding o = InsertOverriding.take(sql);
        assertEquals("system", o.kind());
        assertEquals(sql.length(), o.sql().length());
        assertEquals("INSERT INTO t " + " ".repeat("OVERRIDING SYSTEM VALUE".length()) + " VALUES (1)", o.sql());
        assertEquals("user", InsertOverriding.take("insert into t (a) overriding user value select 1").kind());
    }

    @Test
    void otherStatementsAndStringsAreLeftAlone() {
        String text = "INSERT INTO t VALUES ('overriding system value')";
        InsertOverriding o = InsertOverriding.take(text);
        assertNull(o.kind());
        assertEquals(text, o.sql());
        assertNull(InsertOverriding.take("SELECT 1").kind());
    }
}
