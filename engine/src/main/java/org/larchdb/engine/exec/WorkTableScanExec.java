package org.larchdb.engine.exec;

import java.util.List;

/** Runs a {@link org.larchdb.engine.plan.WorkTableScanNode} over the working table it was given. */
public final class WorkTableScanExec implements RowSource {
    private final List<Object[]> rows;
    private int next;

    public WorkTableScanExec(List<Object[]> rows) {
        this.rows = rows;
    }

    @Override
    public Object[] next() {
        return next < rows.size() ? rows.get(next++) : null;
    }

    @Override
    public void close() {
    }
}
