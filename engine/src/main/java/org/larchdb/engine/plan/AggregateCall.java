package org.larchdb.engine.plan;

import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/** One aggregate of an {@link AggregateNode}: the function, its argument (null for count(*)) and result type. */
public record AggregateCall(Function function, Expr argument, DataType type) {

    /** The aggregate functions the executor knows. */
    public enum Function { COUNT_STAR, COUNT, SUM, MIN, MAX, BOOL_AND, BOOL_OR }
}
