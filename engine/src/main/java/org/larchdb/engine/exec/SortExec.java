package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.PgType;

/**
 * Runs a sort in memory: reads all input rows with their key values, sorts stably, then returns
 * them. (Spilling to disk past work_mem is future work.)
 */
public final class SortExec implements RowSource {
    private final RowSource input;
    private final List<SortKey> keys;
    private final ExecContext ctx;
    private List<Object[][]> sorted;
    private int next;

    public SortExec(RowSource input, List<SortKey> keys, ExecContext ctx) {
        this.input = input;
        this.keys = keys;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (sorted == null) {
            sorted = new ArrayList<>();
            Object[] row;
            while ((row = input.next()) != null) {
                Object[] keyValues = new Object[keys.size()];
                for (int i = 0; i < keyValues.length; i++) {
                    keyValues[i] = Evaluator.eval(keys.get(i).expr(), row, ctx);
                }
                sorted.add(new Object[][] {keyValues, row});
            }
            sorted.sort(comparator());
        }
        return next < sorted.size() ? sorted.get(next++)[1] : null;
    }

    private Comparator<Object[][]> comparator() {
        PgType[] types = keys.stream().map(k -> k.expr().type().type()).toArray(PgType[]::new);
        return (a, b) -> {
            for (int i = 0; i < types.length; i++) {
                SortKey key = keys.get(i);
                Object x = a[0][i];
                Object y = b[0][i];
                int c;
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    c = (x == null) == key.nullsFirst() ? -1 : 1;
                    return c;
                }
                c = Comparisons.compare(x, y, types[i]);
                if (c != 0) {
                    return key.descending() ? -c : c;
                }
            }
            return 0;
        };
    }

    @Override
    public void close() {
        input.close();
        sorted = null;
    }
}
