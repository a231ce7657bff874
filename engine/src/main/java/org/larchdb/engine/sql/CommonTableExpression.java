package org.larchdb.engine.sql;

import java.util.List;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.types.DataType;

/**
 * A WITH query visible by name in FROM: its plan (shared by every reference; plans are immutable)
 * and column names and types. {@code referenced} records whether anything read it, which tells a
 * recursive query's self-reference apart from a plain one.
 */
record CommonTableExpression(String name, PlanNode plan, List<String> columns, List<DataType> types,
                             boolean[] referenced) {

    CommonTableExpression(String name, PlanNode plan, List<String> columns, List<DataType> types) {
        this(name, plan, List.copyOf(columns), List.copyOf(types), new boolean[1]);
    }
}
