package org.larchdb.engine.plan;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.ProjectSetExec;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.types.DataType;

/**
 * Set-returning functions of a select list (PostgreSQL's ProjectSet): for each input row, the
 * calls (arguments over that row) run in lockstep, one output row per step until the longest ends,
 * the ones already ended giving NULL. Output rows are the input columns followed by one column per call.
 * An input row for which every call returns nothing gives no row.
 */
public record ProjectSetNode(PlanNode input, List<SetFunctionCall> calls) implements PlanNode {

    public ProjectSetNode {
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
        return new ProjectSetExec(this, input.open(ctx), ctx);
    }

    @Override
    public String describe() {
        return "ProjectSet";
    }
}
