package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnTopLevelSemicolons() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlScript.split("SELECT 1; SELECT 2;"));
    }

    @Test
    void lastStatementNeedsNoSemicolonAndEmptyOnesVanish() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlScript.split(";;SELECT 1;\n ;\nSELECT 2"));
    }

    @Test
    void keepsSemicolonsInsideQuotes() {
        assertEquals(List.of("SELECT 'a;b', \"c;d\"", "SELECT 'it''s;'"),
                SqlScript.split("SELECT 'a;b', \"c;d\"; SELECT 'it''s;';"));
    }

    @Test
    void escapeStringsHonourBackslashes() {
        assertEquals(List.of("SELECT E'\\';x'", "SELECT 1"), SqlScript.split("SELECT E'\\';x'; SELECT 1"));
        // Outside E'' a backslash is an ordinary character, so the string ends at the second quote.
        assertEquals(List.of("SELECT '\\'", "SELECT 1"), SqlScript.split("SELECT '\\'; SELECT 1"));
    }

    @Test
    void keepsDollarQuotes() {
        assertEquals(List.of("SELECT $$a;b$$", "SELECT $x$ $$; $x$"),
                SqlScript.split("SELECT $$a;b$$; SELECT $x$ $$; $x$;"));
    }

    @Test
    void parametersAreNotDollarQuotes() {
        assertEquals(List.of("SELECT $1", "SELECT $2"), SqlScript.split("SELECT $1; SELECT $2"));
    }

    @Test
    void dropsLineCommentsEvenWithSemicolons() {
        assertEquals(List.of("SELECT 1", "SELECT\n2"),
                SqlScript.split("-- leading; comment\nSELECT 1; -- trailing;\nSELECT -- inner;\n2;\n-- end"));
    }

    @Test
    void keepsNestedBlockComments() {
        assertEquals(List.of("SELECT /* a; /* b; */ c; */ 1", "SELECT 2"),
                SqlScript.split("SELECT /* a; /* b; */ c; */ 1; SELECT 2"));
    }

    @Test
    void commentOnlyScriptHasNoStatements() {
        assertEquals(List.of(), SqlScript.split("-- nothing here;\n\n  -- at all\n"));
    }
}
