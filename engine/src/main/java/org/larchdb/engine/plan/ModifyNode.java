package org.larchdb.engine.plan;

import java.util.function.Consumer;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.ExecContext;

/** The top of an INSERT, UPDATE or DELETE plan: changes the target table and counts the rows changed. */
public interface ModifyNode {

    RelationInfo target();

    /**
     * Runs the change inside the context's transaction, handing each changed row as stored (the
     * inserted row, an update's new row, a delete's old row; table columns only) to {@code stored}
     * once written — RETURNING is computed from these. Returns the number of rows affected.
     */
    long execute(ExecContext ctx, Consumer<Object[]> stored);

    default long execute(ExecContext ctx) {
        return execute(ctx, row -> { });
    }
}
