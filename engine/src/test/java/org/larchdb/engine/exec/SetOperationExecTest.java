package org.larchdb.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.SetOperationNode;
import org.larchdb.engine.plan.ValuesNode;
import org.larchdb.engine.types.DataType;

class SetOperationExecTest {
    private static final PlanNode INTS = new ValuesNode(List.of(), List.of(DataType.INT4));

    private static List<Object> run(SetOperationNode.Kind kind, boolean all, Object[][] left, Object[][] right) {
        SetOperationNode node = new SetOperationNode(kind, all, INTS, INTS);
        return RowLists.firstColumn(new SetOperationExec(node, RowLists.of(left), RowLists.of(right)));
    }

    private static Object[][] rows(Integer... values) {
        return Arrays.stream(values).map(v -> new Object[] {v}).toArray(Object[][]::new);
    }

    @Test
    void unionRemovesDuplicatesAcrossBothSidesAndTreatsNullsAsEqual() {
        assertEquals(Arrays.asList(1, 2, null, 3),
                run(SetOperationNode.Kind.UNION, false, rows(1, 2, 2, null), rows(null, 3, 1)));
    }

    @Test
    void unionAllKeepsEverything() {
        assertEquals(Arrays.asList(1, 1, 1), run(SetOperationNode.Kind.UNION, true, rows(1, 1), rows(1)));
    }

    @Test
    void intersectAllKeepsTheSmallerMultiplicity() {
        assertEquals(List.of(2, 2), run(SetOperationNode.Kind.INTERSECT, true, rows(2, 2, 2, 3), rows(2, 2, 4)));
        assertEquals(List.of(2), run(SetOperationNode.Kind.INTERSECT, false, rows(2, 2, 2, 3), rows(2, 2, 4)));
    }

    @Test
    void exceptAllSubtractsMultiplicities() {
        assertEquals(List.of(2, 3), run(SetOperationNode.Kind.EXCEPT, true, rows(2, 2, 2, 3), rows(2, 2, 4)));
        assertEquals(List.of(3), run(SetOperationNode.Kind.EXCEPT, false, rows(2, 2, 2, 3), rows(2, 2, 4)));
        assertEquals(List.of(), run(SetOperationNode.Kind.EXCEPT, false, rows((Integer) null), rows((Integer) null)));
    }

    @Test
    void distinctKeepsFirstRowPerKeyAndComparesNumericsByValue() {
        PlanNode two = new ValuesNode(List.of(), List.of(DataType.NUMERIC, DataType.INT4));
        var exec = new DistinctExec(RowLists.of(new Object[] {new BigDecimal("1.0"), 1},
                new Object[] {new BigDecimal("1.00"), 2}, new Object[] {null, 3}, new Object[] {null, 4}),
                two.outputTypes().subList(0, 1));
        List<Object> seconds = new java.util.ArrayList<>();
        Object[] row;
        while ((row = exec.next()) != null) {
            seconds.add(row[1]);
        }
        assertEquals(List.of(1, 3), seconds);
    }
}
