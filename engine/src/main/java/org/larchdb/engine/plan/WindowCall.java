package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/**
 * One window function call of a {@link WindowNode}: the function, its arguments (over the node's
 * input row), the window it runs over and its result type. For {@link Function#AGGREGATE} the
 * aggregate (argument, FILTER) is in {@code aggregate} and {@code args} is empty.
 */
public record WindowCall(Function function, List<Expr> args, AggregateCall aggregate, WindowSpec window,
                         DataType type) {

    public WindowCall {
        args = List.copyOf(args);
    }

    /** The window functions the executor knows; AGGREGATE is any plain aggregate used with OVER. */
    public enum Function {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE,
        AGGREGATE
    }
}
