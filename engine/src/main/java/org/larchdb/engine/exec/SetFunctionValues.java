package org.larchdb.engine.exec;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.plan.SetFunctionCall;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.DateTimeArithmetic;
import org.larchdb.engine.types.Interval;
import org.larchdb.engine.types.NumericSpecial;
import org.larchdb.engine.types.PgType;

/**
 * The values of one call of a set-returning function, produced one at a time (a series is never
 * materialised). generate_series follows PostgreSQL: the series ends at the last value not past
 * stop, or before a value that would overflow the type; a zero step, or a NaN or infinite numeric
 * argument, is an error (22023). A NULL argument gives no values (the functions are strict).
 */
abstract class SetFunctionValues {
    private Object current;

    /** Moves to the next value; false at the end. */
    final boolean advance() {
        current = nextValue();
        return current != NONE;
    }

    final Object current() {
        return current;
    }

    /** Returned by {@link #nextValue} at the end (a value may itself be null in other functions). */
    static final Object NONE = new Object();

    abstract Object nextValue();

    /** Evaluates the call's arguments over {@code row} and starts its series. */
    static SetFunctionValues open(SetFunctionCall call, Object[] row, ExecContext ctx) {
        Object[] args = new Object[call.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = Evaluator.eval(call.args().get(i), row, ctx);
            if (args[i] == null) {
                return empty();
            }
        }
        return switch (call.function()) {
            case GENERATE_SERIES_INT4 -> integers(args, Integer.MIN_VALUE, Integer.MAX_VALUE, false);
            case GENERATE_SERIES_INT8 -> integers(args, Long.MIN_VALUE, Long.MAX_VALUE, true);
            case GENERATE_SERIES_NUMERIC -> numerics(args);
            case GENERATE_SERIES_TIMESTAMP -> timestamps(args, (Interval) args[2], v -> DateTimeArithmetic.plus(
                    (LocalDateTime) v, (Interval) args[2]), PgType.TIMESTAMP);
            case GENERATE_SERIES_TIMESTAMPTZ -> timestamps(args, (Interval) args[2], v -> DateTimeArithmetic.plus(
                    (Instant) v, (Interval) args[2], ctx.timeZone()), PgType.TIMESTAMPTZ);
        };
    }

    private static SetFunctionValues empty() {
        return new SetFunctionValues() {
            @Override
            Object nextValue() {
                return NONE;
            }
        };
    }

    private static DbException invalid(String message) {
        return new DbException(SqlState.INVALID_PARAMETER_VALUE, message);
    }

    private static SetFunctionValues integers(Object[] args, long min, long max, boolean wide) {
        long start = ((Number) args[0]).longValue();
        long stop = ((Number) args[1]).longValue();
        long step = args.length > 2 ? ((Number) args[2]).longValue() : 1;
        if (step == 0) {
            throw invalid("step size cannot equal zero");
        }
        return new SetFunctionValues() {
            private long next = start;
            private boolean done;

            @Override
            Object nextValue() {
                if (done || (step > 0 ? next > stop : next < stop)) {
                    return NONE;
                }
                long value = next;
                // Stop instead of overflowing: the next value would be past the type's range.
                if (step > 0 ? value > max - step : value < min - step) {
                    done = true;
                } else {
                    next = value + step;
                }
                return wide ? (Object) value : (Object) (int) value;
            }
        };
    }

    private static SetFunctionValues numerics(Object[] args) {
        special(args[0], "start value");
        special(args[1], "stop value");
        BigDecimal step = BigDecimal.ONE;
        if (args.length > 2) {
            special(args[2], "step size");
            step = (BigDecimal) args[2];
        }
        if (step.signum() == 0) {
            throw invalid("step size cannot equal zero");
        }
        BigDecimal stop = (BigDecimal) args[1];
        BigDecimal increment = step;
        return new SetFunctionValues() {
            private BigDecimal next = (BigDecimal) args[0];

            @Override
            Object nextValue() {
                if (increment.signum() > 0 ? next.compareTo(stop) > 0 : next.compareTo(stop) < 0) {
                    return NONE;
                }
                BigDecimal value = next;
                next = next.add(increment);
                return value;
            }
        };
    }

    private static void special(Object v, String what) {
        if (v instanceof NumericSpecial s) {
            throw invalid(what + " cannot be " + (s == NumericSpecial.NAN ? "NaN" : "infinity"));
        }
    }

    private static SetFunctionValues timestamps(Object[] args, Interval step,
                                                java.util.function.UnaryOperator<Object> plus, PgType type) {
        int direction = Comparisons.compare(step, Interval.ZERO, PgType.INTERVAL);
        if (direction == 0) {
            throw invalid("step size cannot equal zero");
        }
        Object stop = args[1];
        return new SetFunctionValues() {
            private Object next = args[0];

            @Override
            Object nextValue() {
                int c = Comparisons.compare(next, stop, type);
                if (direction > 0 ? c > 0 : c < 0) {
                    return NONE;
                }
                Object value = next;
                next = plus.apply(next);
                return value;
            }
        };
    }
}
