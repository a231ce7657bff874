package org.larchdb.engine.plan;

import java.util.function.Consumer;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.DeleteExec;
import org.larchdb.engine.exec.ExecContext;

/**
 * Deletes the rows produced by {@code source} (table columns followed by the packed tid). When
 * {@code joined} (DELETE … USING) the source row goes on with the other tables' columns, a target
 * row may come several times (deleted once), and the rows handed on as stored are the whole
 * source row, for RETURNING.
 */
public record DeleteNode(RelationInfo target, PlanNode source, boolean joined) implements ModifyNode {

    public DeleteNode(RelationInfo target, PlanNode source) {
        this(target, source, false);
    }

    @Override
    public long execute(ExecContext ctx, Consumer<Object[]> stored) {
        return DeleteExec.run(this, ctx, stored);
    }
}
