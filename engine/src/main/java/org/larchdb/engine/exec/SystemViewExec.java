package org.larchdb.engine.exec;

import java.util.Iterator;
import java.util.List;

/** Returns the rows of a system view, computed when the plan is opened. */
public final class SystemViewExec implements RowSource {
    private final Iterator<Object[]> rows;

    public SystemViewExec(List<Object[]> rows) {
        this.rows = rows.iterator();
    }

    @Override
    public Object[] next() {
        return rows.hasNext() ? rows.next() : null;
    }

    @Override
    public void close() {
    }
}
