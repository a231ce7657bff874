package org.larchdb.engine.sql.functions;

import static org.larchdb.engine.sql.functions.FunctionSignature.of;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * extract/date_part, date_trunc, make_date, to_timestamp, to_char and age. Timestamps with time zone are
 * taken apart in the session time zone. extract answers numeric (PostgreSQL 14+), date_part double precision.
 */
final class DateTimeFunctions {
    private DateTimeFunctions() {
    }

    private static final DataType T = DataType.TEXT;

    static void register(List<FunctionSignature> out) {
        for (DataType type : List.of(DataType.DATE, DataType.TIMESTAMP, DataType.TIMESTAMPTZ)) {
            PgType t = type.type();
            out.add(of("extract", DataType.NUMERIC, true,
                    (a, c) -> extract((String) a[0], local(a[1], t, c.timeZone()), t, a[1]), T, type));
            if (t != PgType.DATE) {
                out.add(of("date_part", DataType.FLOAT8, true,
                        (a, c) -> extract((String) a[0], local(a[1], t, c.timeZone()), t, a[1]).doubleValue(),
                        T, type));
                out.add(of("date_trunc", type, true, (a, c) -> {
                    LocalDateTime r = trunc((String) a[0], local(a[1], t, c.timeZone()), t);
                    return t == PgType.TIMESTAMP ? r : r.atZone(c.timeZone()).toInstant();
                }, T, type));
                out.add(of("to_char", T, true,
                        (a, c) -> ToChar.dateTime(local(a[0], t, c.timeZone()), (String) a[1]), type, T));
            }
        }
        out.add(of("make_date", DataType.DATE, true, (a, c) -> makeDate((Integer) a[0], (Integer) a[1],
                (Integer) a[2]), DataType.INT4, DataType.INT4, DataType.INT4));
        out.add(of("to_timestamp", DataType.TIMESTAMPTZ, true, (a, c) -> {
            double s = (Double) a[0];
            if (Double.isNaN(s) || Double.isInfinite(s) || Math.abs(s) > 9.2e12) {
                throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \""
                        + org.larchdb.engine.types.TextCodec.format(s, DataType.FLOAT8,
                        c.textFormat()) + "\"");
            }
            long micros = Math.round(s * 1_000_000d);
            return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        }, DataType.FLOAT8));
        out.add(of("to_timestamp", DataType.TIMESTAMPTZ, true,
                (a, c) -> ToChar.parse((String) a[0], (String) a[1]).atZone(c.timeZone()).toInstant(), T, T));
        out.add(of("to_date", DataType.DATE, true,
                (a, c) -> ToChar.parse((String) a[0], (String) a[1]).toLocalDate(), T, T));
        for (DataType type : List.of(DataType.INT4, DataType.INT8, DataType.FLOAT4, DataType.FLOAT8,
                DataType.NUMERIC)) {
            out.add(of("to_char", T, true, (a, c) -> ToChar.number(toDecimal(a[0]), (String) a[1]), type, T));
        }
    }

    private static BigDecimal toDecimal(Object v) {
        return switch (v) {
            case BigDecimal d -> d;
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Float f -> new BigDecimal(Float.toString(f));
            case Double d -> new BigDecimal(Double.toString(d));
            default -> MathFunctions.num(v);
        };
    }

    private static String typeName(PgType t) {
        return t.sqlName();
    }

    static LocalDateTime local(Object v, PgType t, ZoneId zone) {
        if (v.equals(LocalDate.MAX) || v.equals(LocalDate.MIN) || v.equals(LocalDateTime.MAX)
                || v.equals(LocalDateTime.MIN) || v.equals(Instant.MAX) || v.equals(Instant.MIN)) {
            throw DbException.notSupported("this function on infinite dates and timestamps");
        }
        return switch (t) {
            case DATE -> ((LocalDate) v).atStartOfDay();
            case TIMESTAMP -> (LocalDateTime) v;
            default -> LocalDateTime.ofInstant((Instant) v, zone);
        };
    }

    static BigDecimal extract(String unit, LocalDateTime ts, PgType t, Object original) {
        String u = unit.toLowerCase(Locale.ROOT);
        long micros = ts.getSecond() * 1_000_000L + ts.getNano() / 1000;
        BigDecimal r = switch (u) {
            case "year", "years" -> BigDecimal.valueOf(ts.getYear());
            case "month", "months", "mon" -> BigDecimal.valueOf(ts.getMonthValue());
            case "day", "days" -> BigDecimal.valueOf(ts.getDayOfMonth());
            case "hour", "hours" -> timeField(t, u, ts.getHour());
            case "minute", "minutes", "min" -> timeField(t, u, ts.getMinute());
            case "second", "seconds", "sec" -> t == PgType.DATE ? timeField(t, u, 0) : BigDecimal.valueOf(micros, 6);
            case "milliseconds", "millisecond", "ms" -> t == PgType.DATE ? timeField(t, u, 0)
                    : BigDecimal.valueOf(micros, 3);
            case "microseconds", "microsecond", "us" -> timeField(t, u, micros);
            case "dow" -> BigDecimal.valueOf(ts.getDayOfWeek().getValue() % 7);
            case "isodow" -> BigDecimal.valueOf(ts.getDayOfWeek().getValue());
            case "doy" -> BigDecimal.valueOf(ts.getDayOfYear());
            case "quarter" -> BigDecimal.valueOf((ts.getMonthValue() - 1) / 3 + 1);
            case "week" -> BigDecimal.valueOf(ts.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "isoyear" -> BigDecimal.valueOf(ts.get(IsoFields.WEEK_BASED_YEAR));
            case "decade" -> BigDecimal.valueOf(Math.floorDiv(ts.getYear(), 10));
            case "century" -> BigDecimal.valueOf(ts.getYear() > 0 ? (ts.getYear() + 99) / 100
                    : -((99 - (ts.getYear() - 1)) / 100));
            case "millennium" -> BigDecimal.valueOf(ts.getYear() > 0 ? (ts.getYear() + 999) / 1000
                    : -((999 - (ts.getYear() - 1)) / 1000));
            case "epoch" -> epoch(ts, t, original);
            default -> throw new DbException(t == PgType.DATE ? SqlState.INVALID_PARAMETER_VALUE
                    : SqlState.INVALID_PARAMETER_VALUE, "unit \"" + unit + "\" not recognized for type "
                    + typeName(t));
        };
        return r;
    }

    private static BigDecimal timeField(PgType t, String unit, long value) {
        if (t == PgType.DATE) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + unit
                    + "\" not supported for type date");
        }
        return BigDecimal.valueOf(value);
    }

    private static BigDecimal epoch(LocalDateTime ts, PgType t, Object original) {
        if (t == PgType.DATE) {
            return BigDecimal.valueOf(((LocalDate) original).toEpochDay() * 86_400L);
        }
        Instant i = t == PgType.TIMESTAMPTZ ? (Instant) original : ts.toInstant(java.time.ZoneOffset.UTC);
        long micros = Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
        return BigDecimal.valueOf(micros, 6);
    }

    static LocalDateTime trunc(String unit, LocalDateTime ts, PgType t) {
        String u = unit.toLowerCase(Locale.ROOT);
        LocalDate d = ts.toLocalDate();
        return switch (u) {
            case "microseconds", "microsecond" -> ts.truncatedTo(ChronoUnit.MICROS);
            case "milliseconds", "millisecond" -> ts.truncatedTo(ChronoUnit.MILLIS);
            case "second", "seconds" -> ts.truncatedTo(ChronoUnit.SECONDS);
            case "minute", "minutes" -> ts.truncatedTo(ChronoUnit.MINUTES);
            case "hour", "hours" -> ts.truncatedTo(ChronoUnit.HOURS);
            case "day", "days" -> d.atStartOfDay();
            case "week", "weeks" -> d.minusDays(d.getDayOfWeek().getValue() - 1L).atStartOfDay();
            case "month", "months" -> d.withDayOfMonth(1).atStartOfDay();
            case "quarter" -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case "year", "years" -> LocalDate.of(d.getYear(), 1, 1).atStartOfDay();
            case "decade" -> LocalDate.of(Math.floorDiv(d.getYear(), 10) * 10, 1, 1).atStartOfDay();
            case "century" -> LocalDate.of((d.getYear() - 1) / 100 * 100 + 1, 1, 1).atStartOfDay();
            case "millennium" -> LocalDate.of((d.getYear() - 1) / 1000 * 1000 + 1, 1, 1).atStartOfDay();
            default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + unit
                    + "\" not recognized for type " + typeName(t));
        };
    }

    static LocalDate makeDate(int year, int month, int day) {
        try {
            if (year == 0) {
                throw new DateTimeException("year zero");
            }
            return LocalDate.of(year < 0 ? year + 1 : year, month, day);
        } catch (DateTimeException e) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: "
                    + year + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day);
        }
    }
}
