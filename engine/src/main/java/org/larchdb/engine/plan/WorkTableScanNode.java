package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.exec.WorkTableScanExec;
import org.larchdb.engine.types.DataType;

/**
 * Reads the working table of the recursive query identified by {@code key}: the rows the previous
 * iteration produced. Appears only inside a {@link RecursiveUnionNode}'s recursive term.
 */
public record WorkTableScanNode(Object key, String name, List<DataType> outputTypes) implements PlanNode {

    public WorkTableScanNode {
        outputTypes = List.copyOf(outputTypes);
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new WorkTableScanExec(ctx.workTable(key));
    }

    @Override
    public String describe() {
        return "WorkTable Scan on " + name;
    }
}
