package org.larchdb.engine.exec;

import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.larchdb.engine.plan.DeleteNode;
import org.larchdb.engine.storage.Tid;

/** Runs a DELETE: collects the matching rows, then deletes them (heap tuple and index entries). */
public final class DeleteExec {
    private DeleteExec() {
    }

    public static long run(DeleteNode node, ExecContext ctx, Consumer<Object[]> stored) {
        int width = node.target().columns().size();
        List<Object[]> rows = new ArrayList<>();
        try (RowSource source = node.source().open(ctx)) {
            Object[] row;
            // A target row joined to several rows of DELETE … USING is deleted (and returned) once.
            java.util.Set<Long> seen = node.joined() ? new java.util.HashSet<>() : null;
            while ((row = source.next()) != null) {
                if (seen == null || seen.add((Long) row[width])) {
                    rows.add(row);
                }
            }
        }
        TableWriter writer = new TableWriter(node.target(), ctx);
        long count = 0;
        for (Object[] row : rows) {
            Object[] old = Arrays.copyOf(row, width);
            if (writer.delete(Tid.fromLong((Long) row[width]), old)) {
                stored.accept(node.joined() ? row : old);
                count++;
            }
        }
        return count;
    }
}
