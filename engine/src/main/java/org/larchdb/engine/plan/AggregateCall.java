package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/**
 * One aggregate of an {@link AggregateNode}: the function, its argument (null for count(*)) and
 * result type; {@code distinct} (aggregate each distinct argument value once), {@code filter}
 * (FILTER (WHERE ...), null when absent), {@code extra} (string_agg's delimiter, evaluated per row)
 * and {@code orderBy} (the order the values are fed in, for string_agg). All expressions are over the input row.
 */
public record AggregateCall(Function function, Expr argument, DataType type, boolean distinct, Expr filter,
                            Expr extra, List<SortKey> orderBy) {

    public AggregateCall {
        orderBy = List.copyOf(orderBy);
    }

    public AggregateCall(Function function, Expr argument, DataType type) {
        this(function, argument, type, false, null, null, List.of());
    }

    /** The aggregate functions the executor knows. */
    public enum Function {
        COUNT_STAR, COUNT, SUM, MIN, MAX, BOOL_AND, BOOL_OR, AVG, STRING_AGG, VAR_SAMP, VAR_POP, STDDEV_SAMP,
        STDDEV_POP,
        /** Collectors: NULL inputs are kept (see {@code AggregateCollector}). */
        ARRAY_AGG, JSON_AGG, JSONB_AGG, JSON_OBJECT_AGG, JSONB_OBJECT_AGG;

        /** Whether NULL arguments are aggregated rather than skipped. */
        public boolean keepsNulls() {
            return ordinal() >= ARRAY_AGG.ordinal();
        }
    }
}
