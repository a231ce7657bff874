package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.plan.DeleteNode;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.Tid;

/** Runs a DELETE: collects the matching tids, then deletes them. */
public final class DeleteExec {
    private DeleteExec() {
    }

    public static long run(DeleteNode node, ExecContext ctx) {
        HeapFile heap = ctx.heap(node.target());
        List<Tid> tids = new ArrayList<>();
        try (RowSource source = node.source().open(ctx)) {
            Object[] row;
            while ((row = source.next()) != null) {
                tids.add(Tid.fromLong((Long) row[row.length - 1]));
            }
        }
        long count = 0;
        for (Tid tid : tids) {
            if (ctx.transaction().delete(heap, tid)) {
                count++;
            }
        }
        return count;
    }
}
