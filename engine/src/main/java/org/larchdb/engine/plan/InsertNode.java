package org.larchdb.engine.plan;

import java.util.function.Consumer;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.InsertExec;

/** Inserts the rows of {@code source}, which produces complete rows in the table's column order. */
public record InsertNode(RelationInfo target, PlanNode source) implements ModifyNode {

    @Override
    public long execute(ExecContext ctx, Consumer<Object[]> stored) {
        return InsertExec.run(this, ctx, stored);
    }
}
