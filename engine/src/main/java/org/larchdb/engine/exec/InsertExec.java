package org.larchdb.engine.exec;

import java.util.function.Consumer;
import org.larchdb.engine.plan.InsertNode;

/** Runs an INSERT. */
public final class InsertExec {
    private InsertExec() {
    }

    public static long run(InsertNode node, ExecContext ctx, Consumer<Object[]> stored) {
        TableWriter writer = new TableWriter(node.target(), ctx);
        long count = 0;
        try (RowSource source = node.source().open(ctx)) {
            Object[] row;
            while ((row = source.next()) != null) {
                writer.insert(row);
                stored.accept(row);
                count++;
            }
        }
        return count;
    }
}
