package org.larchdb.engine.types;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The session settings that change how values are read from and written as text: TimeZone (timestamptz input
 * without an offset, timestamptz output, 'now'/'today'), extra_float_digits (real/double precision output),
 * the field order of DateStyle (how ambiguous dates such as '01/02/2024' are read) and IntervalStyle.
 *
 * @param timeZone the session time zone
 * @param extraFloatDigits extra_float_digits: above 0 floats print shortest-exact, else with 15 (double) or
 *        6 (real) plus this many significant digits
 * @param dateOrder DateStyle's field order for ambiguous numeric dates
 * @param intervalStyle IntervalStyle: how interval values are written
 */
public record TextFormat(ZoneId timeZone, int extraFloatDigits, DateOrder dateOrder, IntervalStyle intervalStyle) {

    /** DateStyle's field order: month-day-year ("US"), day-month-year ("European") or year-month-day. */
    public enum DateOrder { MDY, DMY, YMD }

    /** IntervalStyle's values: '1 day 02:00:00', '@ 1 day 2 hours', '1 2:00:00', 'P1DT2H'. */
    public enum IntervalStyle { POSTGRES, POSTGRES_VERBOSE, SQL_STANDARD, ISO_8601 }

    /** PostgreSQL's defaults: TimeZone UTC (LarchDB's default), extra_float_digits 1, DateStyle 'ISO, MDY'. */
    public static final TextFormat DEFAULT = new TextFormat(ZoneOffset.UTC, 1, DateOrder.MDY);

    public TextFormat {
        if (timeZone == null || dateOrder == null || intervalStyle == null) {
            throw new IllegalArgumentException("time zone, date order and interval style are required");
        }
    }

    /** With IntervalStyle postgres (the default). */
    public TextFormat(ZoneId timeZone, int extraFloatDigits, DateOrder dateOrder) {
        this(timeZone, extraFloatDigits, dateOrder, IntervalStyle.POSTGRES);
    }

    /** The style an IntervalStyle setting value names (case-insensitively); postgres when it names none. */
    public static IntervalStyle intervalStyleOf(String setting) {
        if (setting == null) {
            return IntervalStyle.POSTGRES;
        }
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "postgres_verbose" -> IntervalStyle.POSTGRES_VERBOSE;
            case "sql_standard" -> IntervalStyle.SQL_STANDARD;
            case "iso_8601" -> IntervalStyle.ISO_8601;
            default -> IntervalStyle.POSTGRES;
        };
    }

    /** The defaults with the given time zone. */
    public static TextFormat of(ZoneId timeZone) {
        return new TextFormat(timeZone, 1, DateOrder.MDY);
    }

    /**
     * The field order named by a DateStyle value such as "ISO, MDY" (also "European"/"Euro" = DMY and
     * "US"/"NonEuropean" = MDY, as PostgreSQL accepts); MDY when the value names none.
     */
    public static DateOrder dateOrderOf(String dateStyle) {
        DateOrder order = DateOrder.MDY;
        if (dateStyle == null) {
            return order;
        }
        for (String part : dateStyle.split(",")) {
            switch (part.trim().toUpperCase(Locale.ROOT)) {
                case "MDY", "US", "NONEURO", "NONEUROPEAN" -> order = DateOrder.MDY;
                case "DMY", "EURO", "EUROPEAN" -> order = DateOrder.DMY;
                case "YMD" -> order = DateOrder.YMD;
                default -> {
                }
            }
        }
        return order;
    }
}
