package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.UpdateNode;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.types.TupleCodec;

/**
 * Runs an UPDATE in two passes: first compute every new row, then write them, so a row moved
 * further along the heap by its update is not seen and updated again by the same scan.
 */
public final class UpdateExec {
    private UpdateExec() {
    }

    public static long run(UpdateNode node, ExecContext ctx) {
        HeapFile heap = ctx.heap(node.target());
        TupleCodec codec = new TupleCodec(node.target().columnTypes());
        List<Expr> exprs = node.newValues();
        List<Object[]> pending = new ArrayList<>();
        try (RowSource source = node.source().open(ctx)) {
            Object[] row;
            while ((row = source.next()) != null) {
                Object[] newRow = new Object[exprs.size() + 1];
                for (int i = 0; i < exprs.size(); i++) {
                    newRow[i] = Evaluator.eval(exprs.get(i), row, ctx);
                }
                newRow[exprs.size()] = row[row.length - 1];
                pending.add(newRow);
            }
        }
        long count = 0;
        for (Object[] p : pending) {
            Object[] newRow = java.util.Arrays.copyOf(p, exprs.size());
            RowChecks.checkNotNull(node.target(), newRow, ctx);
            if (ctx.transaction().update(heap, Tid.fromLong((Long) p[exprs.size()]), codec.encode(newRow)) != null) {
                count++;
            }
        }
        return count;
    }
}
