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
            while ((row = source.next()) != null) {
                rows.add(row);
            }
        }
        TableWriter writer = new TableWriter(node.target(), ctx);
        long count = 0;
        for (Object[] row : rows) {
            Object[] old = Arrays.copyOf(row, width);
            if (writer.delete(Tid.fromLong((Long) row[row.length - 1]), old)) {
                stored.accept(old);
                count++;
            }
        }
        return count;
    }
}
