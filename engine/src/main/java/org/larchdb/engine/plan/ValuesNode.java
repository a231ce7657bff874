package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.exec.ValuesExec;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/** Rows given by expressions: VALUES lists, and the single empty row of a SELECT without FROM. */
public record ValuesNode(List<List<Expr>> rows, List<DataType> outputTypes) implements PlanNode {

    public ValuesNode {
        rows = List.copyOf(rows);
        outputTypes = List.copyOf(outputTypes);
    }

    /** One row with no columns. */
    public static ValuesNode singleEmptyRow() {
        return new ValuesNode(List.of(List.of()), List.of());
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new ValuesExec(this, ctx);
    }

    @Override
    public String describe() {
        return "Values (" + rows.size() + " rows)";
    }
}
