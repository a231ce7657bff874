package org.larchdb.engine.plan;

import java.util.function.Consumer;
import java.util.List;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.UpdateExec;
import org.larchdb.engine.expr.Expr;

/**
 * Updates the rows produced by {@code source} (old column values followed by the packed tid);
 * {@code newValues} holds one expression per table column, evaluated over the source row.
 */
public record UpdateNode(RelationInfo target, PlanNode source, List<Expr> newValues) implements ModifyNode {

    public UpdateNode {
        newValues = List.copyOf(newValues);
    }

    @Override
    public long execute(ExecContext ctx, Consumer<Object[]> stored) {
        return UpdateExec.run(this, ctx, stored);
    }
}
