package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.LimitExec;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/** LIMIT/OFFSET; either expression may be null (absent), and both are evaluated once per run. */
public record LimitNode(PlanNode input, Expr limit, Expr offset) implements PlanNode {

    @Override
    public List<DataType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new LimitExec(input.open(ctx), limit, offset, ctx);
    }

    @Override
    public String describe() {
        return "Limit";
    }
}
