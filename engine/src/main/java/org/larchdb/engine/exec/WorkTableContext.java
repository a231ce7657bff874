package org.larchdb.engine.exec;

import java.util.List;

/** The context one iteration of a recursive query's recursive term runs in: it sees the working table. */
final class WorkTableContext extends ForwardingExecContext {
    private final Object key;
    private final List<Object[]> rows;

    WorkTableContext(ExecContext enclosing, Object key, List<Object[]> rows) {
        super(enclosing);
        this.key = key;
        this.rows = rows;
    }

    @Override
    public List<Object[]> workTable(Object key) {
        return key == this.key ? rows : enclosing.workTable(key);
    }
}
