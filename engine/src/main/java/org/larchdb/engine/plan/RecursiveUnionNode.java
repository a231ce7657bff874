package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RecursiveUnionExec;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.types.DataType;

/**
 * WITH RECURSIVE's {@code non-recursive term UNION [ALL] recursive term}: the recursive term is run
 * again over the rows of the previous round (read by a {@link WorkTableScanNode} with the same
 * {@code key}) until a round produces no new rows. Without {@code all}, rows already produced are dropped.
 */
public record RecursiveUnionNode(Object key, PlanNode nonRecursive, PlanNode recursive, boolean all)
        implements PlanNode {

    @Override
    public List<DataType> outputTypes() {
        return nonRecursive.outputTypes();
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new RecursiveUnionExec(this, ctx);
    }

    @Override
    public String describe() {
        return "Recursive Union";
    }
}
