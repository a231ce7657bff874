package org.larchdb.engine.exec;

import org.larchdb.engine.plan.InsertNode;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.types.TupleCodec;

/** Runs an INSERT. */
public final class InsertExec {
    private InsertExec() {
    }

    public static long run(InsertNode node, ExecContext ctx) {
        HeapFile heap = ctx.heap(node.target());
        TupleCodec codec = new TupleCodec(node.target().columnTypes());
        long count = 0;
        try (RowSource source = node.source().open(ctx)) {
            Object[] row;
            while ((row = source.next()) != null) {
                RowChecks.checkNotNull(node.target(), row, ctx);
                ctx.transaction().insert(heap, codec.encode(row));
                count++;
            }
        }
        return count;
    }
}
