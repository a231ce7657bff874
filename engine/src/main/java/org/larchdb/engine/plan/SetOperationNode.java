package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.exec.SetOperationExec;
import org.larchdb.engine.types.DataType;

/**
 * UNION, INTERSECT or EXCEPT of two inputs whose columns the analyzer already coerced to the same
 * types. Rows compare as for DISTINCT (NULLs equal). With {@code all}, duplicates count: INTERSECT
 * ALL keeps min(m, n) copies of a row, EXCEPT ALL max(m - n, 0).
 */
public record SetOperationNode(Kind kind, boolean all, PlanNode left, PlanNode right) implements PlanNode {

    /** The set operation, named as in SQL. */
    public enum Kind { UNION, INTERSECT, EXCEPT }

    @Override
    public List<DataType> outputTypes() {
        return left.outputTypes();
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new SetOperationExec(this, left.open(ctx), right.open(ctx));
    }

    @Override
    public String describe() {
        return kind + (all ? " ALL" : "");
    }
}
