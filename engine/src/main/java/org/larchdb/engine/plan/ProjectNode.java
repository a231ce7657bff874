package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.ProjectExec;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/** Computes output columns from each input row. */
public record ProjectNode(PlanNode input, List<Expr> exprs) implements PlanNode {

    public ProjectNode {
        exprs = List.copyOf(exprs);
    }

    @Override
    public List<DataType> outputTypes() {
        return exprs.stream().map(Expr::type).toList();
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new ProjectExec(input.open(ctx), exprs, ctx);
    }

    @Override
    public String describe() {
        return "Project (" + exprs.size() + " columns)";
    }
}
