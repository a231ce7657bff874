package org.larchdb.engine.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;

/**
 * The operators over date/time types and intervals that do not depend on the session time zone
 * (timestamptz ± interval does, and is bound as a function by the analyzer: see {@link #needsTimeZone}).
 * Operands that PostgreSQL converts implicitly are declared with the converted type (date + interval is
 * timestamp + interval), so the analyzer inserts the cast.
 */
final class DateTimeOperators {
    private DateTimeOperators() {
    }

    private static final DataType TS = DataType.TIMESTAMP;
    private static final DataType TSTZ = DataType.TIMESTAMPTZ;
    private static final DataType IV = DataType.INTERVAL;

    /** Whether {@code l op r} is timestamptz ± interval or interval + timestamptz (after unknown resolution). */
    static boolean needsTimeZone(char op, PgType l, PgType r) {
        return (op == '+' || op == '-') && l == PgType.TIMESTAMPTZ && r == PgType.INTERVAL
                || op == '+' && l == PgType.INTERVAL && r == PgType.TIMESTAMPTZ;
    }

    private static boolean isTimestamp(PgType t) {
        return t == PgType.DATE || t == PgType.TIMESTAMP || t == PgType.TIMESTAMPTZ;
    }

    /**
     * Where PostgreSQL's candidate search finds several operators equally good: date + unknown (integer,
     * interval, time, timetz), time + time and timetz + time (each side could become an interval).
     */
    static boolean isAmbiguous(String name, PgType l, PgType r) {
        if (!name.equals("+")) {
            return false;
        }
        return (l == PgType.DATE && r == PgType.UNKNOWN) || (l == PgType.UNKNOWN && r == PgType.DATE)
                || (l == PgType.TIME && r == PgType.TIME);
    }

    /** The operator, or null when none applies. */
    static Operator arithmetic(String name, PgType l, PgType r) {
        char op = name.charAt(0);
        boolean add = op == '+';
        boolean sub = op == '-';
        if (l == PgType.INTERVAL && r == PgType.INTERVAL && (add || sub)) {
            return new Operator(name, IV, IV, IV,
                    (a, b) -> add ? ((Interval) a).plus((Interval) b) : ((Interval) a).minus((Interval) b));
        }
        if (l == PgType.INTERVAL && r.isNumeric() && (op == '*' || op == '/')) {
            return new Operator(name, IV, DataType.FLOAT8, IV, (a, b) -> op == '*'
                    ? ((Interval) a).multiply((Double) b) : ((Interval) a).divide((Double) b));
        }
        if (l.isNumeric() && r == PgType.INTERVAL && op == '*') {
            return new Operator(name, DataType.FLOAT8, IV, IV, (a, b) -> ((Interval) b).multiply((Double) a));
        }
        if ((l == PgType.DATE || l == PgType.TIMESTAMP) && r == PgType.INTERVAL && (add || sub)) {
            return new Operator(name, TS, IV, TS, (a, b) -> DateTimeArithmetic.plus((LocalDateTime) a,
                    add ? (Interval) b : ((Interval) b).negate()));
        }
        if (l == PgType.INTERVAL && (r == PgType.DATE || r == PgType.TIMESTAMP) && add) {
            return new Operator(name, IV, TS, TS, (a, b) -> DateTimeArithmetic.plus((LocalDateTime) b, (Interval) a));
        }
        if (isTimestamp(l) && isTimestamp(r) && sub && !(l == PgType.DATE && r == PgType.DATE)) {
            if (l == PgType.TIMESTAMPTZ || r == PgType.TIMESTAMPTZ) {
                return new Operator(name, TSTZ, TSTZ, IV,
                        (a, b) -> DateTimeArithmetic.minus((Instant) a, (Instant) b));
            }
            return new Operator(name, TS, TS, IV,
                    (a, b) -> DateTimeArithmetic.minus((LocalDateTime) a, (LocalDateTime) b));
        }
        if (l == PgType.TIME && r == PgType.INTERVAL && (add || sub)) {
            return new Operator(name, DataType.TIME, IV, DataType.TIME, (a, b) -> DateTimeArithmetic.plus(
                    (LocalTime) a, add ? (Interval) b : ((Interval) b).negate()));
        }
        if (l == PgType.INTERVAL && r == PgType.TIME && add) {
            return new Operator(name, IV, DataType.TIME, DataType.TIME,
                    (a, b) -> DateTimeArithmetic.plus((LocalTime) b, (Interval) a));
        }
        if (l == PgType.TIMETZ && r == PgType.INTERVAL && (add || sub)) {
            return new Operator(name, DataType.TIMETZ, IV, DataType.TIMETZ, (a, b) -> DateTimeArithmetic.plus(
                    (OffsetTime) a, add ? (Interval) b : ((Interval) b).negate()));
        }
        if (l == PgType.INTERVAL && r == PgType.TIMETZ && add) {
            return new Operator(name, IV, DataType.TIMETZ, DataType.TIMETZ,
                    (a, b) -> DateTimeArithmetic.plus((OffsetTime) b, (Interval) a));
        }
        if (l == PgType.TIME && r == PgType.TIME && sub) {
            return new Operator(name, DataType.TIME, DataType.TIME, IV,
                    (a, b) -> DateTimeArithmetic.minus((LocalTime) a, (LocalTime) b));
        }
        if (add && l == PgType.DATE && r == PgType.TIME) {
            return new Operator(name, DataType.DATE, DataType.TIME, TS,
                    (a, b) -> DateTimeArithmetic.combine((LocalDate) a, (LocalTime) b));
        }
        if (add && l == PgType.TIME && r == PgType.DATE) {
            return new Operator(name, DataType.TIME, DataType.DATE, TS,
                    (a, b) -> DateTimeArithmetic.combine((LocalDate) b, (LocalTime) a));
        }
        if (add && l == PgType.DATE && r == PgType.TIMETZ) {
            return new Operator(name, DataType.DATE, DataType.TIMETZ, TSTZ,
                    (a, b) -> DateTimeArithmetic.combine((LocalDate) a, (OffsetTime) b));
        }
        if (add && l == PgType.TIMETZ && r == PgType.DATE) {
            return new Operator(name, DataType.TIMETZ, DataType.DATE, TSTZ,
                    (a, b) -> DateTimeArithmetic.combine((LocalDate) b, (OffsetTime) a));
        }
        return null;
    }
}
