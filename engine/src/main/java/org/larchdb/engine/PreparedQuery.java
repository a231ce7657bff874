package org.larchdb.engine;

import java.util.List;
import org.larchdb.engine.types.DataType;

/**
 * A parsed and analyzed statement, ready to be bound to parameter values any number of times
 * (the extended protocol's prepared statement). Immutable: portals share it.
 */
public interface PreparedQuery {

    /** The statement text as given. */
    String sql();

    /** Types of $1..$n: the ones the client gave, the rest inferred from context. */
    List<DataType> parameterTypes();

    /** The columns of the rows the statement returns, or null when it returns none (NoData). */
    List<ResultColumn> resultColumns();

    /** The coarse statement class, for metrics. */
    StatementKind kind();
}
