package org.larchdb.engine.sql.functions;

import static org.larchdb.engine.sql.functions.FunctionSignature.of;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.List;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.DateTimeArithmetic;
import org.larchdb.engine.types.Interval;
import org.larchdb.engine.types.PgType;
import org.larchdb.engine.types.TextCodec;

/**
 * Functions over interval, time and timetz: extract/date_part, date_trunc(text, interval), justify_days/hours/
 * interval, make_interval, make_time, age and to_char(interval). Units are read as PostgreSQL's DecodeUnits/DecodeSpecial read
 * them: plurals and abbreviations, "not supported" (0A000) for a known unit that does not apply to the type,
 * "not recognized" (22023) otherwise.
 */
final class IntervalFunctions {
    private IntervalFunctions() {
    }

    private static final DataType T = DataType.TEXT;
    private static final DataType IV = DataType.INTERVAL;
    private static final DataType I4 = DataType.INT4;
    private static final DataType F8 = DataType.FLOAT8;

    static void register(List<FunctionSignature> out) {
        for (DataType type : List.of(IV, DataType.TIME, DataType.TIMETZ)) {
            PgType t = type.type();
            out.add(of("extract", DataType.NUMERIC, true, (a, c) -> extract((String) a[0], a[1], t), T, type));
            out.add(of("date_part", F8, true, (a, c) -> extract((String) a[0], a[1], t).doubleValue(), T, type));
        }
        out.add(of("to_char", T, true, (a, c) -> IntervalToChar.format((Interval) a[0], (String) a[1]), IV, T));
        out.add(of("date_trunc", IV, true, (a, c) -> trunc((String) a[0], (Interval) a[1]), T, IV));
        out.add(of("justify_days", IV, true, (a, c) -> ((Interval) a[0]).justifyDays(), IV));
        out.add(of("justify_hours", IV, true, (a, c) -> ((Interval) a[0]).justifyHours(), IV));
        out.add(of("justify_interval", IV, true, (a, c) -> ((Interval) a[0]).justifyInterval(), IV));
        out.add(of("make_time", DataType.TIME, true, (a, c) -> makeTime((Integer) a[0], (Integer) a[1],
                (Double) a[2]), I4, I4, F8));
        DataType[] makeArgs = {I4, I4, I4, I4, I4, I4, F8};
        for (int n = 0; n <= makeArgs.length; n++) {
            out.add(of("make_interval", IV, true, (a, c) -> makeInterval(a),
                    java.util.Arrays.copyOf(makeArgs, n)));
        }
        out.add(of("age", IV, true, (a, c) -> DateTimeArithmetic.age((LocalDateTime) a[0], (LocalDateTime) a[1]),
                DataType.TIMESTAMP, DataType.TIMESTAMP));
        out.add(of("age", IV, true, (a, c) -> DateTimeArithmetic.age((Instant) a[0], (Instant) a[1], c.timeZone()),
                DataType.TIMESTAMPTZ, DataType.TIMESTAMPTZ));
        // age(x) is age(current_date, x): midnight of the transaction's date in the session time zone
        out.add(of("age", IV, true, (a, c) -> DateTimeArithmetic.age(
                LocalDate.ofInstant(c.transactionStart(), c.timeZone()).atStartOfDay(), (LocalDateTime) a[0]),
                DataType.TIMESTAMP));
        out.add(of("age", IV, true, (a, c) -> DateTimeArithmetic.age(
                LocalDate.ofInstant(c.transactionStart(), c.timeZone()).atStartOfDay(c.timeZone()).toInstant(),
                (Instant) a[0], c.timeZone()), DataType.TIMESTAMPTZ));
    }

    /** The canonical unit a word names, or null: the plurals and abbreviations of PostgreSQL's unit tables. */
    static String unit(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return switch (w) {
            case "microsecond", "microseconds", "us", "usec", "usecs", "usecond", "useconds" -> "microseconds";
            case "millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds" -> "milliseconds";
            case "second", "seconds", "s", "sec", "secs" -> "second";
            case "minute", "minutes", "m", "min", "mins" -> "minute";
            case "hour", "hours", "h", "hr", "hrs" -> "hour";
            case "day", "days", "d" -> "day";
            case "week", "weeks", "w" -> "week";
            case "month", "months", "mon", "mons" -> "month";
            case "quarter", "qtr" -> "quarter";
            case "year", "years", "y", "yr", "yrs" -> "year";
            case "decade", "decades", "dec", "decs" -> "decade";
            case "century", "centuries", "c", "cent" -> "century";
            case "millennium", "millennia", "mil", "mils" -> "millennium";
            case "epoch", "dow", "isodow", "doy", "isoyear", "julian", "timezone", "timezone_hour", "timezone_minute",
                 "timezone_h", "timezone_m" -> w.startsWith("timezone_h") ? "timezone_hour"
                    : w.startsWith("timezone_m") ? "timezone_minute" : w;
            default -> null;
        };
    }

    private static DbException notSupported(String unit, PgType t) {
        return new DbException(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + unit + "\" not supported for type "
                + t.sqlName());
    }

    private static DbException notRecognized(String unit, PgType t) {
        return new DbException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + unit + "\" not recognized for type "
                + t.sqlName());
    }

    static BigDecimal extract(String unitText, Object value, PgType t) {
        String u = unit(unitText);
        String shown = unitText.toLowerCase(Locale.ROOT);
        if (u == null) {
            throw notRecognized(shown, t);
        }
        if (t == PgType.INTERVAL) {
            return extractInterval(u, shown, (Interval) value);
        }
        LocalTime time = t == PgType.TIME ? (LocalTime) value : ((OffsetTime) value).toLocalTime();
        long micros = DateTimeArithmetic.timeToMicros(time);
        long secMicros = micros % Interval.MICROS_PER_MINUTE;
        int east = t == PgType.TIMETZ ? ((OffsetTime) value).getOffset().getTotalSeconds() : 0;
        return switch (u) {
            case "microseconds" -> BigDecimal.valueOf(secMicros);
            case "milliseconds" -> BigDecimal.valueOf(secMicros, 3);
            case "second" -> BigDecimal.valueOf(secMicros, 6);
            case "minute" -> BigDecimal.valueOf(micros / Interval.MICROS_PER_MINUTE % 60);
            case "hour" -> BigDecimal.valueOf(micros / Interval.MICROS_PER_HOUR);
            case "epoch" -> BigDecimal.valueOf(micros - east * 1_000_000L, 6);
            case "timezone" -> {
                if (t != PgType.TIMETZ) {
                    throw notSupported(shown, t);
                }
                yield BigDecimal.valueOf(east);
            }
            case "timezone_hour" -> {
                if (t != PgType.TIMETZ) {
                    throw notSupported(shown, t);
                }
                yield BigDecimal.valueOf(east / 3600);
            }
            case "timezone_minute" -> {
                if (t != PgType.TIMETZ) {
                    throw notSupported(shown, t);
                }
                yield BigDecimal.valueOf(east / 60 % 60);
            }
            default -> throw notSupported(shown, t);
        };
    }

    private static BigDecimal extractInterval(String u, String shown, Interval v) {
        long secMicros = v.micros() % Interval.MICROS_PER_MINUTE;
        int year = v.months() / 12;
        return switch (u) {
            case "microseconds" -> BigDecimal.valueOf(secMicros);
            case "milliseconds" -> BigDecimal.valueOf(secMicros, 3);
            case "second" -> BigDecimal.valueOf(secMicros, 6);
            case "minute" -> BigDecimal.valueOf(v.micros() / Interval.MICROS_PER_MINUTE % 60);
            case "hour" -> BigDecimal.valueOf(v.micros() / Interval.MICROS_PER_HOUR);
            case "day" -> BigDecimal.valueOf(v.days());
            case "month" -> BigDecimal.valueOf(v.months() % 12);
            case "quarter" -> BigDecimal.valueOf(v.months() % 12 / 3 + 1);
            case "year" -> BigDecimal.valueOf(year);
            case "decade" -> BigDecimal.valueOf(year / 10);
            case "century" -> BigDecimal.valueOf(year / 100);
            case "millennium" -> BigDecimal.valueOf(year / 1000);
            case "epoch" -> {
                // a year is 365.25 days, a month 30 days (interval_part_common)
                long secs = 31_557_600L * (v.months() / 12) + 2_592_000L * (v.months() % 12) + 86_400L * v.days();
                yield BigDecimal.valueOf(secs).movePointRight(6).add(BigDecimal.valueOf(v.micros()))
                        .movePointLeft(6).setScale(6);
            }
            default -> throw notSupported(shown, PgType.INTERVAL);
        };
    }

    /** interval_trunc: the fields below the unit become zero. */
    static Interval trunc(String unitText, Interval v) {
        String u = unit(unitText);
        String shown = unitText.toLowerCase(Locale.ROOT);
        if (u == null) {
            throw notRecognized(shown, PgType.INTERVAL);
        }
        int year = v.months() / 12;
        int mon = v.months() % 12;
        long t = v.micros();
        long hour = t / Interval.MICROS_PER_HOUR;
        long min = t / Interval.MICROS_PER_MINUTE % 60;
        long usec = t % Interval.MICROS_PER_MINUTE;
        return switch (u) {
            case "microseconds" -> v;
            case "milliseconds" -> timePart(v, hour, min, usec / 1000 * 1000);
            case "second" -> timePart(v, hour, min, usec / 1_000_000 * 1_000_000);
            case "minute" -> timePart(v, hour, min, 0);
            case "hour" -> timePart(v, hour, 0, 0);
            case "day" -> new Interval(v.months(), v.days(), 0);
            case "month" -> new Interval(v.months(), 0, 0);
            case "quarter" -> new Interval(year * 12 + mon / 3 * 3, 0, 0);
            case "year" -> new Interval(year * 12, 0, 0);
            case "decade" -> new Interval(year / 10 * 120, 0, 0);
            case "century" -> new Interval(year / 100 * 1200, 0, 0);
            case "millennium" -> new Interval(year / 1000 * 12000, 0, 0);
            case "week" -> throw notSupported(shown, PgType.INTERVAL).withDetail("Months usually have fractional weeks.");
            default -> throw notSupported(shown, PgType.INTERVAL);
        };
    }

    private static Interval timePart(Interval v, long hour, long min, long usec) {
        return new Interval(v.months(), v.days(), hour * Interval.MICROS_PER_HOUR + min * Interval.MICROS_PER_MINUTE
                + usec);
    }

    /** make_interval(years, months, weeks, days, hours, mins, secs), each defaulting to 0. */
    static Interval makeInterval(Object[] a) {
        long[] f = new long[6];
        for (int i = 0; i < 6 && i < a.length; i++) {
            f[i] = (Integer) a[i];
        }
        double secs = a.length > 6 ? (Double) a[6] : 0.0;
        if (Double.isNaN(secs) || Double.isInfinite(secs)) {
            throw Interval.outOfRange();
        }
        long months = f[0] * 12 + f[1];
        long days = f[2] * 7 + f[3];
        double micros = Math.rint(secs * 1_000_000.0);
        if (months > Integer.MAX_VALUE || months < Integer.MIN_VALUE || days > Integer.MAX_VALUE
                || days < Integer.MIN_VALUE || Math.abs(micros) >= 9.2e18) {
            throw Interval.outOfRange();
        }
        try {
            long t = Math.addExact(Math.addExact(Math.multiplyExact(f[4], Interval.MICROS_PER_HOUR),
                    Math.multiplyExact(f[5], Interval.MICROS_PER_MINUTE)), (long) micros);
            return new Interval((int) months, (int) days, t);
        } catch (ArithmeticException e) {
            throw Interval.outOfRange();
        }
    }

    /** make_time(hour, min, sec): 24:00:00 is allowed, as in time input; 60 seconds roll over. */
    static LocalTime makeTime(int hour, int min, double sec) {
        double usec = Math.rint(sec * 1_000_000.0);
        long total = hour * Interval.MICROS_PER_HOUR + min * Interval.MICROS_PER_MINUTE + (long) usec;
        if (hour < 0 || hour > 24 || min < 0 || min > 59 || sec < 0 || sec > 60 || Double.isNaN(sec)
                || total > Interval.MICROS_PER_DAY) {
            // PostgreSQL formats it with "%d:%02d:%02g"
            String secText = sec == Math.rint(sec) && Math.abs(sec) < 1e6 ? Long.toString((long) sec)
                    : TextCodec.format(sec, F8, org.larchdb.engine.types.TextFormat.DEFAULT);
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "time field value out of range: "
                    + hour + ":" + pad(min) + ":" + (secText.length() < 2 ? "0" : "") + secText);
        }
        return DateTimeArithmetic.microsToTime(total);
    }

    private static String pad(int v) {
        return v >= 0 && v < 10 ? "0" + v : Integer.toString(v);
    }
}
