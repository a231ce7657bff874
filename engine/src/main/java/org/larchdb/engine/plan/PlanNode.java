package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.types.DataType;

/**
 * A node of a physical plan. Immutable and shareable (prepared statements and portals hold
 * plans); {@link #open} builds the run-time operator that holds cursors and state.
 */
public interface PlanNode {

    /** Types of the columns of the rows this node produces. */
    List<DataType> outputTypes();

    RowSource open(ExecContext ctx);

    /** One line for EXPLAIN-like diagnostics. */
    String describe();
}
