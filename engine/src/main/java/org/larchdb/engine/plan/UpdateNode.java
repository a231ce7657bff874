package org.larchdb.engine.plan;

import java.util.function.Consumer;
import java.util.List;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.UpdateExec;
import org.larchdb.engine.expr.Expr;

/**
 * Updates the rows produced by {@code source} (old column values followed by the packed tid);
 * {@code newValues} holds one expression per table column, evaluated over the source row. When
 * {@code joined} (UPDATE … FROM) the source row goes on with the other tables' columns, a target
 * row may come several times (only its first match counts, as in PostgreSQL), and the rows handed
 * on as stored keep the tid and those columns after the new values, for RETURNING.
 */
public record UpdateNode(RelationInfo target, PlanNode source, List<Expr> newValues, boolean joined)
        implements ModifyNode {

    public UpdateNode {
        newValues = List.copyOf(newValues);
    }

    public UpdateNode(RelationInfo target, PlanNode source, List<Expr> newValues) {
        this(target, source, newValues, false);
    }

    @Override
    public long execute(ExecContext ctx, Consumer<Object[]> stored) {
        return UpdateExec.run(this, ctx, stored);
    }
}
