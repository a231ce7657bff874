package org.larchdb.engine.exec;

import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.UpdateNode;
import org.larchdb.engine.storage.Tid;

/**
 * Runs an UPDATE in two passes: first compute every new row, then write them, so a row moved
 * further along the heap (or the index) by its update is not seen and updated again by the same scan.
 */
public final class UpdateExec {
    private UpdateExec() {
    }

    /** One row to change; {@code joined} is the tid and the other tables' columns of UPDATE … FROM. */
    private record Change(Tid tid, Object[] oldRow, Object[] newRow, Object[] joined) {
    }

    public static long run(UpdateNode node, ExecContext ctx, Consumer<Object[]> stored) {
        List<Expr> exprs = node.newValues();
        int width = exprs.size();
        List<Change> pending = new ArrayList<>();
        // A target row joined to several rows of UPDATE … FROM is updated once, with its first match.
        Set<Long> seen = node.joined() ? new HashSet<>() : null;
        try (RowSource source = node.source().open(ctx)) {
            Object[] row;
            while ((row = source.next()) != null) {
                long tid = (Long) row[width];
                if (seen != null && !seen.add(tid)) {
                    continue;
                }
                Object[] newRow = new Object[width];
                for (int i = 0; i < width; i++) {
                    newRow[i] = Evaluator.eval(exprs.get(i), row, ctx);
                }
                pending.add(new Change(Tid.fromLong(tid), Arrays.copyOf(row, width), newRow,
                        seen == null ? null : Arrays.copyOfRange(row, width, row.length)));
            }
        }
        TableWriter writer = new TableWriter(node.target(), ctx);
        long count = 0;
        for (Change c : pending) {
            if (writer.update(c.tid(), c.oldRow(), c.newRow())) {
                stored.accept(c.joined() == null ? c.newRow() : concat(c.newRow(), c.joined()));
                count++;
            }
        }
        return count;
    }

    static Object[] concat(Object[] a, Object[] b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
