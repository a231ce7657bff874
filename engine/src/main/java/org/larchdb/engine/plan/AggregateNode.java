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
 *
 * <p>With {@code groupingSets} (GROUPING SETS, ROLLUP, CUBE) each input row is grouped once per set,
 * by the keys listed in that set (indexes into {@code groupKeys}); the other keys are NULL in the
 * set's output rows. The last group key is then a placeholder the executor fills with the number of
 * the row's set (what GROUPING() reads). An empty set gives one row even over no input.
 */
public record AggregateNode(PlanNode input, List<Expr> groupKeys, List<AggregateCall> aggregates,
                            List<List<Integer>> groupingSets) implements PlanNode {

    public AggregateNode {
        groupKeys = List.copyOf(groupKeys);
        aggregates = List.copyOf(aggregates);
        groupingSets = groupingSets == null ? null : groupingSets.stream().map(List::copyOf).toList();
    }

    /** Plain grouping by all of {@code groupKeys}. */
    public AggregateNode(PlanNode input, List<Expr> groupKeys, List<AggregateCall> aggregates) {
        this(input, groupKeys, aggregates, null);
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
        return groupingSets != null ? "MixedAggregate (" + groupingSets.size() + " grouping sets)"
                : groupKeys.isEmpty() ? "Aggregate" : "HashAggregate";
    }
}
