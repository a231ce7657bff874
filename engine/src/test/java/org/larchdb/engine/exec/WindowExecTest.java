package org.larchdb.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.plan.ValuesNode;
import org.larchdb.engine.plan.WindowCall;
import org.larchdb.engine.plan.WindowFrame;
import org.larchdb.engine.plan.WindowNode;
import org.larchdb.engine.plan.WindowSpec;
import org.larchdb.engine.types.DataType;

/** WindowExec over fixed rows (id int4, grp int4, v int4): ranking, offsets, frames, partitions. */
class WindowExecTest {
    private static final Expr ID = new Expr.ColumnRef(0, DataType.INT4, "id");
    private static final Expr GRP = new Expr.ColumnRef(1, DataType.INT4, "grp");
    private static final Expr V = new Expr.ColumnRef(2, DataType.INT4, "v");
    private static final Object[][] ROWS = {
        {1, 1, 10}, {2, 1, 20}, {3, 1, 20}, {4, 2, 5}, {5, 2, null}, {6, 1, 40},
    };

    private static WindowSpec window(List<Expr> partition, List<SortKey> order, WindowFrame frame) {
        return new WindowSpec(partition, order, frame);
    }

    private static SortKey asc(Expr e) {
        return new SortKey(e, false, false);
    }

    private static WindowFrame frame(WindowFrame.Mode mode, WindowFrame.BoundKind start, Integer startOffset,
                                     WindowFrame.BoundKind end, Integer endOffset) {
        return new WindowFrame(mode,
                new WindowFrame.Bound(start, startOffset == null ? null : new Expr.Const((long) startOffset, DataType.INT8)),
                new WindowFrame.Bound(end, endOffset == null ? null : new Expr.Const((long) endOffset, DataType.INT8)));
    }

    /** The call's value per input row, listed by id (1..6). */
    private static List<Object> run(WindowCall call) {
        ValuesNode input = new ValuesNode(List.of(), List.of(DataType.INT4, DataType.INT4, DataType.INT4));
        WindowNode node = new WindowNode(input, List.of(call));
        WindowExec exec = new WindowExec(node, RowLists.of(Arrays.stream(ROWS).map(Object[]::clone)
                .toArray(Object[][]::new)), null);
        Object[] byId = new Object[ROWS.length];
        Object[] row;
        while ((row = exec.next()) != null) {
            byId[(Integer) row[0] - 1] = row[3];
        }
        exec.close();
        return Arrays.asList(byId);
    }

    private static WindowCall call(WindowCall.Function f, WindowSpec w, DataType type, Expr... args) {
        return new WindowCall(f, List.of(args), null, w, type);
    }

    private static WindowCall sum(WindowSpec w) {
        return new WindowCall(WindowCall.Function.AGGREGATE, List.of(),
                new AggregateCall(AggregateCall.Function.SUM, V, DataType.INT8), w, DataType.INT8);
    }

    @Test
    void rankingFunctionsFollowPeerGroupsWithinPartitions() {
        WindowSpec w = window(List.of(GRP), List.of(asc(V)), WindowFrame.DEFAULT);
        // v = 20 twice in partition 1: row_number keeps input order among peers (a stable sort)
        assertEquals(List.of(1L, 2L, 3L, 1L, 2L, 4L), run(call(WindowCall.Function.ROW_NUMBER, w, DataType.INT8)));
        assertEquals(List.of(1L, 2L, 2L, 1L, 2L, 4L), run(call(WindowCall.Function.RANK, w, DataType.INT8)));
        assertEquals(List.of(1L, 2L, 2L, 1L, 2L, 3L), run(call(WindowCall.Function.DENSE_RANK, w, DataType.INT8)));
        assertEquals(List.of(0.0, 1.0 / 3, 1.0 / 3, 0.0, 1.0, 1.0),
                run(call(WindowCall.Function.PERCENT_RANK, w, DataType.FLOAT8)));
        assertEquals(List.of(0.25, 0.75, 0.75, 0.5, 1.0, 1.0),
                run(call(WindowCall.Function.CUME_DIST, w, DataType.FLOAT8)));
    }

    @Test
    void ntileSpreadsTheRemainderOverTheFirstBuckets() {
        WindowSpec w = window(List.of(), List.of(asc(ID)), WindowFrame.DEFAULT);
        assertEquals(List.of(1, 1, 2, 2, 3, 4),
                run(call(WindowCall.Function.NTILE, w, DataType.INT4, new Expr.Const(4, DataType.INT4))));
        DbException e = assertThrows(DbException.class,
                () -> run(call(WindowCall.Function.NTILE, w, DataType.INT4, new Expr.Const(0, DataType.INT4))));
        assertEquals("22014", e.state().code());
    }

    @Test
    void lagAndLeadUseTheDefaultOutsideThePartition() {
        WindowSpec w = window(List.of(GRP), List.of(asc(ID)), WindowFrame.DEFAULT);
        assertEquals(Arrays.asList(-1, 1, 2, -1, 4, 3), run(call(WindowCall.Function.LAG, w, DataType.INT4, ID,
                new Expr.Const(1, DataType.INT4), new Expr.Const(-1, DataType.INT4))));
        assertEquals(Arrays.asList(3, 6, null, null, null, null), run(call(WindowCall.Function.LEAD, w,
                DataType.INT4, ID, new Expr.Const(2, DataType.INT4))));
    }

    @Test
    void rowsFramesCountPhysicalRows() {
        WindowSpec w = window(List.of(), List.of(asc(ID)), frame(WindowFrame.Mode.ROWS,
                WindowFrame.BoundKind.PRECEDING, 1, WindowFrame.BoundKind.FOLLOWING, 1));
        assertEquals(Arrays.asList(30L, 50L, 45L, 25L, 45L, 40L), run(sum(w)));
        WindowSpec empty = window(List.of(), List.of(asc(ID)), frame(WindowFrame.Mode.ROWS,
                WindowFrame.BoundKind.FOLLOWING, 2, WindowFrame.BoundKind.FOLLOWING, 1));
        assertEquals(Arrays.asList(null, null, null, null, null, null), run(sum(empty)));
    }

    @Test
    void defaultFrameIncludesPeersAndNoOrderMeansWholePartition() {
        WindowSpec ordered = window(List.of(), List.of(asc(V)), WindowFrame.DEFAULT);
        // v: 5, 10, 20, 20, 40, NULL (nulls last): peers 20 share their sum
        assertEquals(Arrays.asList(15L, 55L, 55L, 5L, 95L, 95L), run(sum(ordered)));
        WindowSpec whole = window(List.of(GRP), List.of(), WindowFrame.DEFAULT);
        assertEquals(Arrays.asList(90L, 90L, 90L, 5L, 5L, 90L), run(sum(whole)));
    }

    @Test
    void rangeOffsetsCompareKeyValuesAndNullsAreTheirOwnPeers() {
        WindowSpec w = window(List.of(), List.of(asc(V)), frame(WindowFrame.Mode.RANGE,
                WindowFrame.BoundKind.PRECEDING, 10, WindowFrame.BoundKind.CURRENT_ROW, null));
        assertEquals(Arrays.asList(15L, 50L, 50L, 5L, null, 40L), run(sum(w)));
        WindowSpec desc = window(List.of(), List.of(new SortKey(V, true, true)), frame(WindowFrame.Mode.RANGE,
                WindowFrame.BoundKind.PRECEDING, 10, WindowFrame.BoundKind.CURRENT_ROW, null));
        assertEquals(Arrays.asList(50L, 40L, 40L, 15L, null, 40L), run(sum(desc)));
    }

    @Test
    void nthValueCountsFromTheFrameStart() {
        WindowSpec w = window(List.of(), List.of(asc(ID)), frame(WindowFrame.Mode.ROWS,
                WindowFrame.BoundKind.UNBOUNDED_PRECEDING, null, WindowFrame.BoundKind.UNBOUNDED_FOLLOWING, null));
        assertEquals(Arrays.asList(20, 20, 20, 20, 20, 20), run(call(WindowCall.Function.NTH_VALUE, w,
                DataType.INT4, V, new Expr.Const(2, DataType.INT4))));
        assertEquals(Arrays.asList(40, 40, 40, 40, 40, 40), run(call(WindowCall.Function.LAST_VALUE, w,
                DataType.INT4, V)));
    }

    @Test
    void negativeRowsOffsetIsRejectedWhenThePartitionStarts() {
        WindowSpec w = window(List.of(), List.of(asc(ID)), frame(WindowFrame.Mode.ROWS,
                WindowFrame.BoundKind.PRECEDING, -1, WindowFrame.BoundKind.CURRENT_ROW, null));
        DbException e = assertThrows(DbException.class, () -> run(sum(w)));
        assertEquals("frame starting offset must not be negative", e.getMessage());
    }

    @Test
    void groupsFramesStepOverWholePeerGroups() {
        // v order: 5 (id 4) | 10 (1) | 20, 20 (2, 3) | 40 (6) | NULL (5)
        WindowSpec w = window(List.of(), List.of(asc(V)), frame(WindowFrame.Mode.GROUPS,
                WindowFrame.BoundKind.PRECEDING, 1, WindowFrame.BoundKind.CURRENT_ROW, null));
        assertEquals(Arrays.asList(15L, 50L, 50L, 5L, 40L, 80L), run(sum(w)));
    }

    @Test
    void excludeGroupDropsTheCurrentRowAndItsPeers() {
        WindowSpec w = window(List.of(), List.of(asc(V)), new WindowFrame(WindowFrame.Mode.RANGE,
                new WindowFrame.Bound(WindowFrame.BoundKind.UNBOUNDED_PRECEDING, null),
                new WindowFrame.Bound(WindowFrame.BoundKind.UNBOUNDED_FOLLOWING, null), WindowFrame.Exclusion.GROUP));
        assertEquals(Arrays.asList(85L, 55L, 55L, 90L, 95L, 55L), run(sum(w)));
    }
}
