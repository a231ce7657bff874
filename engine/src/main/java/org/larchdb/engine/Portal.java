package org.larchdb.engine;

import java.util.List;

/**
 * A prepared statement bound to parameter values: it can be executed in steps (a row limit per
 * Execute) and keeps its cursor between steps.
 */
public interface Portal extends AutoCloseable {

    PreparedQuery query();

    /** Same as {@code query().resultColumns()}. */
    default List<ResultColumn> resultColumns() {
        return query().resultColumns();
    }

    /** Releases the cursor and anything it holds. Idempotent. */
    @Override
    void close();
}
