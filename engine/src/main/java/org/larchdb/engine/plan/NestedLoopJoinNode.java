package org.larchdb.engine.plan;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.NestedLoopJoinExec;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/**
 * Joins two inputs by testing the condition (null = cross join) on every pair; output rows are
 * the left row's columns followed by the right row's. The right input is read once and kept in memory.
 */
public record NestedLoopJoinNode(PlanNode left, PlanNode right, JoinType joinType, Expr condition)
        implements PlanNode {

    @Override
    public List<DataType> outputTypes() {
        List<DataType> types = new ArrayList<>(left.outputTypes());
        types.addAll(right.outputTypes());
        return types;
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new NestedLoopJoinExec(this, left.open(ctx), right.open(ctx), ctx);
    }

    @Override
    public String describe() {
        return "Nested Loop " + joinType;
    }
}
