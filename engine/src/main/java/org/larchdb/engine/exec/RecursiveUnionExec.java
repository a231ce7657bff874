package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.larchdb.engine.plan.RecursiveUnionNode;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Runs a {@link RecursiveUnionNode}: emits the non-recursive term's rows, then rounds of the recursive
 * term over the previous round's rows (the working table) until a round is empty. Rows stream out as
 * each round produces them; a round's rows are kept only until the next round has read them.
 */
public final class RecursiveUnionExec implements RowSource {
    private final RecursiveUnionNode node;
    private final ExecContext ctx;
    private final PgType[] types;
    private final Set<GroupKey> seen;
    private RowSource current;
    private List<Object[]> produced = new ArrayList<>();

    public RecursiveUnionExec(RecursiveUnionNode node, ExecContext ctx) {
        this.node = node;
        this.ctx = ctx;
        this.types = node.outputTypes().stream().map(DataType::type).toArray(PgType[]::new);
        this.seen = node.all() ? null : new HashSet<>();
        this.current = node.nonRecursive().open(ctx);
    }

    @Override
    public Object[] next() {
        while (current != null) {
            ctx.checkInterrupts();
            Object[] row = current.next();
            if (row != null) {
                if (seen == null || seen.add(new GroupKey(row, types))) {
                    produced.add(row);
                    return row;
                }
                continue;
            }
            current.close();
            current = null;
            if (!produced.isEmpty()) {
                List<Object[]> workTable = produced;
                produced = new ArrayList<>();
                current = node.recursive().open(new WorkTableContext(ctx, node.key(), workTable));
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
