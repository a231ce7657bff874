package org.larchdb.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.TableFunction;
import org.junit.jupiter.api.Test;

/** WITH ORDINALITY: blanked before JSqlParser, put back on the right FROM function after. */
class FunctionOrdinalityTest {

    @Test
    void blanksKeepingLengthAndCountsFromFunctions() {
        String sql = "SELECT f(1) FROM generate_series(1, 2) a, generate_series(1, 3) WITH ORDINALITY b";
        FunctionOrdinality.Rewrite r = FunctionOrdinality.rewrite(sql);
        assertEquals(sql.length(), r.text().length());
        assertFalse(r.text().toLowerCase().contains("ordinality"));
        assertEquals(List.of(1), r.marked());
        assertEquals(2, r.functions());
    }

    @Test
    void marksTheSecondFunctionOnly() {
        PlainSelect select = (PlainSelect) SqlParser.parse(
                "SELECT * FROM generate_series(1, 2) a, generate_series(1, 3) WITH ORDINALITY AS b(x, n)");
        assertFalse(FunctionOrdinality.marked((TableFunction) select.getFromItem()));
        Join join = select.getJoins().get(0);
        assertTrue(FunctionOrdinality.marked((TableFunction) join.getRightItem()));
    }

    @Test
    void leavesOtherTextAlone() {
        String sql = "SELECT 'with ordinality' FROM t";
        assertEquals(sql, FunctionOrdinality.rewrite(sql).text());
    }
}
