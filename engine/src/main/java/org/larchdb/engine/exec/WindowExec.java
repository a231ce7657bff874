package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.plan.WindowCall;
import org.larchdb.engine.plan.WindowNode;
import org.larchdb.engine.plan.WindowSpec;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.PgType;

/**
 * Runs a {@link WindowNode} in memory: reads every input row, then for each distinct window sorts
 * the rows by partition and order keys and evaluates that window's calls partition by partition.
 * Rows come out in the order of the last window evaluated (a query wanting an order says ORDER BY).
 */
public final class WindowExec implements RowSource {
    private final WindowNode node;
    private final RowSource input;
    private final ExecContext ctx;
    private List<Object[]> rows;
    private int next;

    public WindowExec(WindowNode node, RowSource input, ExecContext ctx) {
        this.node = node;
        this.input = input;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (rows == null) {
            rows = compute();
        }
        return next < rows.size() ? rows.get(next++) : null;
    }

    private List<Object[]> compute() {
        int width = node.input().outputTypes().size();
        int total = width + node.calls().size();
        List<Object[]> all = new ArrayList<>();
        Object[] row;
        while ((row = input.next()) != null) {
            all.add(Arrays.copyOf(row, total));
        }
        Map<WindowSpec, List<Integer>> byWindow = new LinkedHashMap<>();
        for (int i = 0; i < node.calls().size(); i++) {
            byWindow.computeIfAbsent(node.calls().get(i).window(), w -> new ArrayList<>()).add(i);
        }
        List<Object[]> ordered = all;
        for (Map.Entry<WindowSpec, List<Integer>> e : byWindow.entrySet()) {
            ordered = evaluateWindow(e.getKey(), e.getValue(), all, width);
        }
        return ordered;
    }

    /** Sorts the rows for one window, evaluates its calls into the rows; returns the rows in window order. */
    private List<Object[]> evaluateWindow(WindowSpec window, List<Integer> callIndexes, List<Object[]> all,
                                          int width) {
        int partitionKeys = window.partitionBy().size();
        int orderKeys = window.orderBy().size();
        PgType[] partitionTypes = window.partitionBy().stream().map(k -> k.type().type()).toArray(PgType[]::new);
        // Each entry: [0] = partition key values, [1] = order key values, [2] = the row.
        List<Object[][]> entries = new ArrayList<>(all.size());
        for (Object[] r : all) {
            Object[] pk = new Object[partitionKeys];
            for (int i = 0; i < partitionKeys; i++) {
                pk[i] = Evaluator.eval(window.partitionBy().get(i), r, ctx);
            }
            Object[] ok = new Object[orderKeys];
            for (int i = 0; i < orderKeys; i++) {
                ok[i] = Evaluator.eval(window.orderBy().get(i).expr(), r, ctx);
            }
            entries.add(new Object[][] {pk, ok, r});
        }
        Comparator<Object[]> orderCmp = orderComparator(window.orderBy());
        entries.sort(Comparator.<Object[][], Object[]>comparing(en -> en[0], partitionComparator(partitionTypes))
                .thenComparing(en -> en[1], orderCmp));
        List<Object[]> out = new ArrayList<>(entries.size());
        WindowFrameOffsets offsets = null;
        int start = 0;
        while (start < entries.size()) {
            int end = start + 1;
            while (end < entries.size() && samePartition(entries.get(start)[0], entries.get(end)[0], partitionTypes)) {
                end++;
            }
            int n = end - start;
            Object[][] partRows = new Object[n][];
            Object[][] partKeys = new Object[n][];
            for (int i = 0; i < n; i++) {
                partRows[i] = entries.get(start + i)[2];
                partKeys[i] = entries.get(start + i)[1];
                out.add(partRows[i]);
            }
            if (offsets == null) {
                // PostgreSQL evaluates frame offsets when the first partition begins, so empty input never fails.
                offsets = WindowFrameOffsets.evaluate(window.frame(), ctx);
            }
            WindowPartition partition = new WindowPartition(partRows, partKeys, window, offsets, orderCmp, ctx);
            for (int callIndex : callIndexes) {
                WindowCall call = node.calls().get(callIndex);
                Object[] values = partition.evaluate(call);
                for (int i = 0; i < n; i++) {
                    partRows[i][width + callIndex] = values[i];
                }
            }
            start = end;
        }
        return out;
    }

    private static boolean samePartition(Object[] a, Object[] b, PgType[] types) {
        for (int i = 0; i < types.length; i++) {
            if (a[i] == null || b[i] == null) {
                if (a[i] != b[i]) {
                    return false;
                }
            } else if (Comparisons.compare(a[i], b[i], types[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Any total order groups a partition's rows together; NULLs last like an ascending sort. */
    private static Comparator<Object[]> partitionComparator(PgType[] types) {
        return (a, b) -> {
            for (int i = 0; i < types.length; i++) {
                int c = compareNullable(a[i], b[i], types[i], false, false);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** The window's ORDER BY over key values; also decides peers (equal under it). */
    static Comparator<Object[]> orderComparator(List<SortKey> keys) {
        PgType[] types = keys.stream().map(k -> k.expr().type().type()).toArray(PgType[]::new);
        return (a, b) -> {
            for (int i = 0; i < types.length; i++) {
                SortKey key = keys.get(i);
                int c = compareNullable(a[i], b[i], types[i], key.descending(), key.nullsFirst());
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private static int compareNullable(Object x, Object y, PgType type, boolean descending, boolean nullsFirst) {
        if (x == null || y == null) {
            if (x == y) {
                return 0;
            }
            return (x == null) == nullsFirst ? -1 : 1;
        }
        int c = Comparisons.compare(x, y, type);
        return descending ? -c : c;
    }

    @Override
    public void close() {
        input.close();
        rows = null;
    }
}
