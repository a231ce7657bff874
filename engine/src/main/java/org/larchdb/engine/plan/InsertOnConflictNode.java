package org.larchdb.engine.plan;

import java.util.function.Consumer;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.InsertOnConflictExec;

/**
 * INSERT … ON CONFLICT: inserts the complete rows of {@code source}, or, for a row that conflicts
 * on an arbiter index, does nothing or updates the existing row as {@code onConflict} says.
 */
public record InsertOnConflictNode(RelationInfo target, PlanNode source, OnConflict onConflict)
        implements ModifyNode {

    @Override
    public long execute(ExecContext ctx, Consumer<Object[]> stored) {
        return InsertOnConflictExec.run(this, ctx, stored);
    }
}
