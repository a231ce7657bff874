package org.larchdb.engine.plan;

import java.util.function.Consumer;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.DeleteExec;
import org.larchdb.engine.exec.ExecContext;

/** Deletes the rows produced by {@code source} (table columns followed by the packed tid). */
public record DeleteNode(RelationInfo target, PlanNode source) implements ModifyNode {

    @Override
    public long execute(ExecContext ctx, Consumer<Object[]> stored) {
        return DeleteExec.run(this, ctx, stored);
    }
}
