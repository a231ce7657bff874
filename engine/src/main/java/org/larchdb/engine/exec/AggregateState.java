package org.larchdb.engine.exec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.Set;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.Interval;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.NumericSpecial;
import org.larchdb.engine.types.Operator;
import org.larchdb.engine.types.Operators;
import org.larchdb.engine.types.PgType;

/**
 * The running state of one aggregate for one group, with PostgreSQL's transition and final
 * functions: sum/avg/variance of integers and numerics in numeric (avg and variance divide with
 * numeric division's result scale), of floats in double precision (Youngs-Cramer for variance).
 */
final class AggregateState {
    private static final Operator NUMERIC_ADD = Operators.resolveBinary("+", DataType.NUMERIC, DataType.NUMERIC);
    private static final Operator NUMERIC_SUB = Operators.resolveBinary("-", DataType.NUMERIC, DataType.NUMERIC);
    private static final Operator NUMERIC_MUL = Operators.resolveBinary("*", DataType.NUMERIC, DataType.NUMERIC);
    private static final Operator NUMERIC_DIV = Operators.resolveBinary("/", DataType.NUMERIC, DataType.NUMERIC);

    private final AggregateCall call;
    private final boolean floatInput;
    /** Seen argument values of a DISTINCT aggregate. */
    private final Set<GroupKey> seen;
    private Object value;
    private long count;
    private Object sumSquares;
    private double floatSum;
    private double floatSxx;
    private StringBuilder text;
    /** The collected values of array_agg/json_agg/jsonb_agg/json(b)_object_agg; null for other functions. */
    private final AggregateCollector collector;

    AggregateState(AggregateCall call) {
        this.call = call;
        this.seen = call.distinct() ? new HashSet<>() : null;
        PgType in = call.argument() == null ? null : call.argument().type().type();
        this.floatInput = in == PgType.FLOAT4 || in == PgType.FLOAT8;
        this.collector = call.function().keepsNulls() ? new AggregateCollector(call) : null;
    }

    /** Feeds one input row's argument value (and string_agg delimiter); NULL arguments are skipped. */
    void accumulate(Object arg, Object extra) {
        if (call.function() == AggregateCall.Function.COUNT_STAR) {
            count++;
            return;
        }
        if (call.function().keepsNulls()) {
            if (seen == null || seen.add(new GroupKey(new Object[] {arg},
                    new PgType[] {call.argument().type().type()}))) {
                collector.add(arg, extra);
            }
            return;
        }
        if (arg == null) {
            return;
        }
        if (seen != null && !seen.add(new GroupKey(new Object[] {arg},
                new PgType[] {call.argument().type().type()}))) {
            return;
        }
        count++;
        switch (call.function()) {
            case COUNT, COUNT_STAR -> {
            }
            case SUM -> value = value == null ? widen(arg) : add(value, arg);
            case MIN -> value = value == null || better(Comparisons.compare(arg, value, call.type().type()), -1)
                    ? arg : value;
            case MAX -> value = value == null || better(Comparisons.compare(arg, value, call.type().type()), 1)
                    ? arg : value;
            case BOOL_AND -> value = value == null ? arg : (Boolean) value && (Boolean) arg;
            case BOOL_OR -> value = value == null ? arg : (Boolean) value || (Boolean) arg;
            case AVG, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> moments(arg);
            case ARRAY_AGG, JSON_AGG, JSONB_AGG, JSON_OBJECT_AGG, JSONB_OBJECT_AGG -> {
            }
            case STRING_AGG -> {
                if (text == null) {
                    text = new StringBuilder();
                } else if (extra != null) {
                    text.append((String) extra);
                }
                text.append((String) arg);
            }
        }
    }

    /**
     * Whether a new value with this comparison result replaces the current min/max: interval_smaller/larger
     * keep the later of two equal intervals ('30 days' after '1 mon'), which then shows in the output.
     */
    private boolean better(int cmp, int direction) {
        return cmp == 0 ? call.type().type() == PgType.INTERVAL : Integer.signum(cmp) == direction;
    }

    private void moments(Object arg) {
        if (arg instanceof Interval span) {
            // avg(interval) keeps the sum as an interval and divides it at the end (interval_avg)
            value = value == null ? span : ((Interval) value).plus(span);
            return;
        }
        if (floatInput) {
            double x = ((Number) arg).doubleValue();
            floatSum += x;
            if (count > 1) {
                double tmp = x * count - floatSum;
                floatSxx += tmp * tmp / (count * (double) (count - 1));
            }
            return;
        }
        Object x = numeric(arg);
        value = value == null ? x : NUMERIC_ADD.apply(value, x);
        Object square = NUMERIC_MUL.apply(x, x);
        sumSquares = sumSquares == null ? square : NUMERIC_ADD.apply(sumSquares, square);
    }

    Object finish() {
        return switch (call.function()) {
            case COUNT, COUNT_STAR -> count;
            case STRING_AGG -> text == null ? null : text.toString();
            case ARRAY_AGG, JSON_AGG, JSONB_AGG, JSON_OBJECT_AGG, JSONB_OBJECT_AGG -> collector.finish();
            case AVG -> count == 0 ? null : value instanceof Interval sum ? sum.divide(count) : floatInput ? (Object) (floatSum / count)
                    : NUMERIC_DIV.apply(value, BigDecimal.valueOf(count));
            case VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> variance();
            default -> value;
        };
    }

    private Object variance() {
        boolean sample = call.function() == AggregateCall.Function.VAR_SAMP
                || call.function() == AggregateCall.Function.STDDEV_SAMP;
        boolean root = call.function() == AggregateCall.Function.STDDEV_SAMP
                || call.function() == AggregateCall.Function.STDDEV_POP;
        if (count == 0 || (sample && count == 1)) {
            return null;
        }
        if (floatInput) {
            double v = floatSxx / (sample ? count - 1 : count);
            return root ? Math.sqrt(v) : v;
        }
        if (value instanceof NumericSpecial || sumSquares instanceof NumericSpecial) {
            return NumericSpecial.NAN;
        }
        // numeric_stddev_internal: (N * sumX2 - sumX * sumX) / (N * (N - 1)), numeric division's scale.
        BigDecimal n = BigDecimal.valueOf(count);
        BigDecimal numerator = (BigDecimal) NUMERIC_SUB.apply(NUMERIC_MUL.apply(n, sumSquares),
                NUMERIC_MUL.apply(value, value));
        if (numerator.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal denominator = n.multiply(sample ? n.subtract(BigDecimal.ONE) : n);
        BigDecimal v = (BigDecimal) NUMERIC_DIV.apply(numerator, denominator);
        if (!root) {
            return v;
        }
        return v.sqrt(new MathContext(v.precision() + 10)).setScale(v.scale(), RoundingMode.HALF_UP);
    }

    private Object widen(Object arg) {
        return call.type().type() == PgType.NUMERIC ? numeric(arg) : call.type().type() == PgType.INT8
                ? (Object) ((Number) arg).longValue() : arg;
    }

    private static Object numeric(Object v) {
        return v instanceof Number n && !(v instanceof BigDecimal) ? BigDecimal.valueOf(n.longValue()) : v;
    }

    /** sum(): int2/int4 accumulate in bigint, bigint and numeric in numeric, floats in their type. */
    private Object add(Object state, Object arg) {
        return switch (call.type().type()) {
            case INT8 -> {
                try {
                    yield Math.addExact((Long) state, ((Number) arg).longValue());
                } catch (ArithmeticException e) {
                    throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
                }
            }
            case NUMERIC -> NUMERIC_ADD.apply(state, numeric(arg));
            case FLOAT4 -> (Float) state + (Float) arg;
            case FLOAT8 -> (Double) state + (Double) arg;
            case INTERVAL -> ((Interval) state).plus((Interval) arg);
            default -> throw DbException.notSupported("sum over " + call.type());
        };
    }
}
