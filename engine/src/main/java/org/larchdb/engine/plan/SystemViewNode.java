package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.exec.SystemViewExec;
import org.larchdb.engine.sql.SystemView;
import org.larchdb.engine.types.DataType;

/** Reads a system view computed from server state (pg_settings), not stored in a heap. */
public record SystemViewNode(SystemView view) implements PlanNode {

    @Override
    public List<DataType> outputTypes() {
        return view.columnTypes();
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new SystemViewExec(ctx.systemViewRows(view));
    }

    @Override
    public String describe() {
        return "Function Scan on " + view.viewName();
    }
}
