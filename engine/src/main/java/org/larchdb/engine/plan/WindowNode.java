package org.larchdb.engine.plan;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.exec.WindowExec;
import org.larchdb.engine.types.DataType;

/**
 * Computes window functions over its input: each output row is the input row followed by the
 * value of every call, in order. It sits above aggregation (so window calls may use aggregate
 * results) and below DISTINCT, ORDER BY and LIMIT, as in PostgreSQL.
 */
public record WindowNode(PlanNode input, List<WindowCall> calls) implements PlanNode {

    public WindowNode {
        calls = List.copyOf(calls);
    }

    @Override
    public List<DataType> outputTypes() {
        List<DataType> types = new ArrayList<>(input.outputTypes());
        calls.forEach(c -> types.add(c.type()));
        return types;
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new WindowExec(this, input.open(ctx), ctx);
    }

    @Override
    public String describe() {
        return "WindowAgg";
    }
}
