package org.larchdb.engine.exec;

import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    private record Change(Tid tid, Object[] oldRow, Object[] newRow) {
    }

    public static long run(UpdateNode node, ExecContext ctx, Consumer<Object[]> stored) {
        List<Expr> exprs = node.newValues();
        int width = exprs.size();
        List<Change> pending = new ArrayList<>();
        try (RowSource source = node.source().open(ctx)) {
            Object[] row;
            while ((row = source.next()) != null) {
                Object[] newRow = new Object[width];
                for (int i = 0; i < width; i++) {
                    newRow[i] = Evaluator.eval(exprs.get(i), row, ctx);
                }
                pending.add(new Change(Tid.fromLong((Long) row[row.length - 1]), Arrays.copyOf(row, width), newRow));
            }
        }
        TableWriter writer = new TableWriter(node.target(), ctx);
        long count = 0;
        for (Change c : pending) {
            if (writer.update(c.tid(), c.oldRow(), c.newRow())) {
                stored.accept(c.newRow());
                count++;
            }
        }
        return count;
    }
}
