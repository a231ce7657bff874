package org.larchdb.engine.plan;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.exec.AggregateExec;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/**
 * Groups its input by the key expressions and computes aggregates per group. Output rows are
 * the group keys followed by the aggregate values. Without keys there is exactly one group, even
 * over no input rows (count(*) = 0).
 */
public record AggregateNode(PlanNode input, List<Expr> groupKeys, List<AggregateCall> aggregates)
        implements PlanNode {

    public AggregateNode {
        groupKeys = List.copyOf(groupKeys);
        aggregates = List.copyOf(aggregates);
    }

    @Override
    public List<DataType> outputTypes() {
        List<DataType> types = new ArrayList<>();
        groupKeys.forEach(k -> types.add(k.type()));
        aggregates.forEach(a -> types.add(a.type()));
        return types;
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new AggregateExec(this, input.open(ctx), ctx);
    }

    @Override
    public String describe() {
        return groupKeys.isEmpty() ? "Aggregate" : "HashAggregate";
    }
}
