package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.FilterExec;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/** Passes the rows of its input for which the predicate is TRUE. */
public record FilterNode(PlanNode input, Expr predicate) implements PlanNode {

    @Override
    public List<DataType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new FilterExec(input.open(ctx), predicate, ctx);
    }

    @Override
    public String describe() {
        return "Filter";
    }
}
