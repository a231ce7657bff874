package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.exec.SortExec;
import org.larchdb.engine.types.DataType;

/** Orders the rows of its input by the keys (evaluated over the input row). */
public record SortNode(PlanNode input, List<SortKey> keys) implements PlanNode {

    public SortNode {
        keys = List.copyOf(keys);
    }

    @Override
    public List<DataType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new SortExec(input.open(ctx), keys, ctx);
    }

    @Override
    public String describe() {
        return "Sort";
    }
}
