package org.larchdb.engine.plan;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.FunctionScanExec;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.types.DataType;

/**
 * A set-returning function in FROM: one row per value it returns, followed by a bigint row number
 * WITH ORDINALITY. Its arguments are evaluated once per opening; they may read an earlier FROM item
 * through outer references (a LATERAL join opens it again for each row of that item).
 */
public record FunctionScanNode(SetFunctionCall call, boolean ordinality) implements PlanNode {

    @Override
    public List<DataType> outputTypes() {
        List<DataType> types = new ArrayList<>();
        types.add(call.type());
        if (ordinality) {
            types.add(DataType.INT8);
        }
        return types;
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new FunctionScanExec(this, ctx);
    }

    @Override
    public String describe() {
        return "Function Scan on " + call.function().sqlName();
    }
}
