package org.larchdb.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SetOperationList;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.junit.jupiter.api.Test;

class PreParseTest {

    @Test
    void blanksAllAndSymmetricKeepingLength() {
        String sql = "SELECT 1 INTERSECT ALL SELECT 2 EXCEPT SELECT 3 WHERE x BETWEEN SYMMETRIC 1 AND 2";
        PreParse.Rewrite r = PreParse.rewrite(sql);
        assertEquals("SELECT 1 INTERSECT     SELECT 2 EXCEPT SELECT 3 WHERE x BETWEEN           1 AND 2", r.text());
        assertEquals(sql.length(), r.text().length());
        assertEquals(List.of(true, false), r.setOperationAll());
        assertEquals(List.of(true), r.betweenSymmetric());
        assertTrue(r.changed());
    }

    @Test
    void asymmetricIsDroppedButNotRecorded() {
        PreParse.Rewrite r = PreParse.rewrite("select 3 between asymmetric 5 and 1");
        assertEquals("select 3 between            5 and 1", r.text());
        assertEquals(List.of(false), r.betweenSymmetric());
    }

    @Test
    void quotesCommentsAndDollarQuotesAreLeftAlone() {
        String sql = "SELECT 'INTERSECT ALL', \"x between symmetric\", $$EXCEPT ALL$$, $t$BETWEEN SYMMETRIC$t$ "
                + "-- EXCEPT ALL\n /* INTERSECT ALL */";
        PreParse.Rewrite r = PreParse.rewrite(sql);
        assertEquals(sql, r.text());
        assertFalse(r.changed());
    }

    @Test
    void unterminatedQuoteLeavesTextForJSqlParser() {
        String sql = "SELECT 1 INTERSECT ALL SELECT 'oops";
        assertEquals(sql, PreParse.rewrite(sql).text());
    }

    @Test
    void setOperationsGetTheirAllFlagInTextOrder() {
        SetOperationList list = (SetOperationList) SqlParser.parse(
                "SELECT 1 EXCEPT (SELECT 2 INTERSECT ALL SELECT 3) EXCEPT ALL SELECT 4 INTERSECT SELECT 5");
        assertEquals(List.of("EXCEPT", "EXCEPT ALL", "INTERSECT"),
                list.getOperations().stream().map(Object::toString).toList());
        SetOperationList inner = (SetOperationList) ((ParenthesedSelect) list.getSelects().get(1)).getSelect();
        assertInstanceOf(PreParse.AllIntersect.class, inner.getOperations().get(0));
    }

    @Test
    void symmetricBetweenIsMarkedInTextOrder() {
        PlainSelect select = (PlainSelect) SqlParser.parse(
                "SELECT (a BETWEEN 1 AND 2) BETWEEN SYMMETRIC b AND c, d BETWEEN e AND f");
        Between outer = (Between) select.getSelectItems().get(0).getExpression();
        Between nested = (Between) ((net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?>)
                outer.getLeftExpression()).get(0);
        Between last = (Between) select.getSelectItems().get(1).getExpression();
        assertTrue(PreParse.isSymmetric(outer));
        assertFalse(PreParse.isSymmetric(nested));
        assertFalse(PreParse.isSymmetric(last));
    }

    @Test
    void symmetricBetweenInsideSubqueryAndUpdate() {
        var update = SqlParser.parse("UPDATE t SET a = 1 WHERE b NOT BETWEEN SYMMETRIC 3 AND 1 "
                + "AND c IN (SELECT d FROM u WHERE d BETWEEN 1 AND 2)");
        assertNotEquals(null, update);
        String shown = update.toString();
        assertTrue(shown.contains("NOT BETWEEN 3 AND 1"), shown);
    }

    @Test
    void errorPositionsPointIntoTheOriginalText() {
        String sql = "SELECT x BETWEEN SYMMETRIC 1 AND 2 FROM t INTERSECT ALL SELECT 1 FROM u u2 u3";
        DbException e = assertThrows(DbException.class, () -> SqlParser.parse(sql));
        assertSame(SqlState.SYNTAX_ERROR, e.state());
        assertEquals("syntax error at or near \"u3\"", e.getMessage());
        assertEquals(sql.indexOf("u3") + 1, e.position());
    }

    @Test
    void windowReferenceInsideOverIsBlankedAndPutBackOnTheRightCall() {
        String sql = "SELECT sum(a) OVER w, sum(b) OVER (w ORDER BY c ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
                + " FROM t WHERE a BETWEEN SYMMETRIC 2 AND 1 WINDOW w AS (PARTITION BY d)";
        PreParse.Rewrite r = PreParse.rewrite(sql);
        assertEquals(sql.length(), r.text().length());
        assertEquals(java.util.Arrays.asList(null, "w"), r.windowReferences());
        assertEquals(List.of(true), r.betweenSymmetric());
        PlainSelect select = (PlainSelect) SqlParser.parse(sql);
        var first = (net.sf.jsqlparser.expression.AnalyticExpression) select.getSelectItems().get(0).getExpression();
        var second = (net.sf.jsqlparser.expression.AnalyticExpression) select.getSelectItems().get(1).getExpression();
        assertFalse(PreParse.isWindowReference(first));
        assertTrue(PreParse.isWindowReference(second));
        assertEquals("w", second.getWindowName());
        assertTrue(PreParse.isSymmetric((Between) select.getWhere()));
    }

    @Test
    void groupsAndExcludeAreRewrittenKeepingLength() {
        String sql = "SELECT sum(a) OVER (ORDER BY b GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES),"
                + " count(*) OVER w FROM t WINDOW w AS (v ORDER BY c GROUPS 2 PRECEDING EXCLUDE CURRENT ROW)";
        PreParse.Rewrite r = PreParse.rewrite(sql);
        assertEquals(sql.length(), r.text().length());
        assertEquals(sql.replace("GROUPS", "range ").replace(" EXCLUDE TIES", " ".repeat(13))
                .replace(" EXCLUDE CURRENT ROW", " ".repeat(20)).replace("(v ORDER", "(  ORDER"), r.text());
        assertEquals(java.util.Set.of(0), r.groupsFrames());
        assertEquals(java.util.Map.of(0, org.larchdb.engine.plan.WindowFrame.Exclusion.TIES), r.exclusions());
        assertEquals(new PreParse.DefinitionMarks("v", true, org.larchdb.engine.plan.WindowFrame.Exclusion.CURRENT_ROW),
                r.windowDefinitions().get("w"));
    }
}
