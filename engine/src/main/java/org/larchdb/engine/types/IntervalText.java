package org.larchdb.engine.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * interval text input (PostgreSQL's DecodeInterval and DecodeISO8601Interval) and output in IntervalStyle
 * postgres (EncodeInterval). Input accepts '1 day 2 hours', '1.5 weeks', '@ 1 hour ago', '10:00',
 * '1 10:00:00' (days then time), '1-2' (years-months), 'P1Y2M3DT4H5M6S' and 'P0001-02-03T04:05:06'.
 *
 * <p>As in PostgreSQL the fields are decoded from last to first, so that a unit word sets the unit of the
 * number before it and a time field makes a bare number before it count days; a unit given twice is a syntax
 * error, and a bare number alone counts seconds.
 */
final class IntervalText {
    private IntervalText() {
    }

    private static final String TYPE = "interval";

    // field mask bits, so that a unit may appear only once
    private static final int M_YEAR = 1;
    private static final int M_MONTH = 2;
    private static final int M_DAY = 4;
    private static final int M_HOUR = 8;
    private static final int M_MINUTE = 16;
    private static final int M_SECOND = 32;
    private static final int M_MILLI = 64;
    private static final int M_MICRO = 128;

    private enum Unit { MICROSECOND, MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR, DECADE, CENTURY,
        MILLENNIUM }

    /** The fields being accumulated; hours, minutes and seconds are kept apart until the end, as PostgreSQL's itm. */
    private static final class Fields {
        long years;
        long months;
        long days;
        long hours;
        long minutes;
        long seconds;
        long micros;
    }

    static Interval parse(String text) {
        String s = text.strip();
        if (s.length() > 1 && (s.charAt(0) == 'P' || s.charAt(0) == 'p')) {
            return IntervalIso8601.parse(text, s);
        }
        List<String> tokens = tokenize(text, s);
        if (tokens.isEmpty()) {
            throw syntax(text);
        }
        Fields f = new Fields();
        boolean ago = false;
        int fmask = 0;
        Unit unit = null;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            String tok = tokens.get(i);
            char c0 = tok.charAt(0);
            int tmask;
            if (Character.isLetter(c0)) {
                if (tok.equals("ago")) {
                    if (ago || i != tokens.size() - 1) {
                        throw syntax(text);
                    }
                    ago = true;
                    continue;
                }
                unit = unitOf(tok);
                if (unit == null) {
                    throw syntax(text);
                }
                continue;
            }
            if (tok.indexOf(':') >= 0) {
                tmask = decodeTime(tok, f, text);
                unit = Unit.DAY;
            } else {
                tmask = decodeNumber(tok, unit == null ? Unit.SECOND : unit, f, text);
            }
            if ((tmask & fmask) != 0) {
                throw syntax(text);
            }
            fmask |= tmask;
        }
        if (fmask == 0) {
            throw syntax(text);
        }
        Interval r = toInterval(f, text);
        return ago ? r.negate() : r;
    }

    static DbException syntax(String text) {
        return TypeErrors.datetimeSyntax(TYPE, text);
    }

    static DbException fieldOverflow(String text) {
        return new DbException(SqlState.INTERVAL_FIELD_OVERFLOW, "interval field value out of range: \"" + text + "\"");
    }

    /**
     * Splits into numbers (with sign, '.', ':' and an inner '-'), and lower-case words; '@', commas and other
     * punctuation only separate, as in ParseDateTime.
     */
    private static List<String> tokenize(String text, String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (DateTimeTokens.isAlpha(c)) {
                int start = i;
                while (i < n && DateTimeTokens.isAlpha(s.charAt(i))) {
                    i++;
                }
                out.add(s.substring(start, i).toLowerCase(Locale.ROOT));
            } else if (DateTimeTokens.isDigit(c) || c == '.' || c == '+' || c == '-') {
                int start = i;
                if (c == '+' || c == '-') {
                    i++;
                    while (i < n && Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                    if (i >= n || !(DateTimeTokens.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        throw syntax(text);
                    }
                }
                StringBuilder b = new StringBuilder();
                if (c == '-') {
                    b.append('-');
                }
                while (i < n && (DateTimeTokens.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == ':'
                        || s.charAt(i) == '-')) {
                    b.append(s.charAt(i++));
                }
                if (start == i) {
                    throw syntax(text);
                }
                out.add(b.toString());
            } else if (c < 128 && !Character.isLetterOrDigit(c)) {
                i++;
            } else {
                throw syntax(text);
            }
        }
        return out;
    }

    private static Unit unitOf(String word) {
        return switch (word) {
            case "microsecond", "microseconds", "us", "usec", "usecs", "useconds" -> Unit.MICROSECOND;
            case "millisecond", "milliseconds", "ms", "msec", "msecs", "mseconds" -> Unit.MILLISECOND;
            case "second", "seconds", "s", "sec", "secs" -> Unit.SECOND;
            case "minute", "minutes", "m", "min", "mins" -> Unit.MINUTE;
            case "hour", "hours", "h", "hr", "hrs" -> Unit.HOUR;
            case "day", "days", "d" -> Unit.DAY;
            case "week", "weeks", "w" -> Unit.WEEK;
            case "month", "months", "mon", "mons" -> Unit.MONTH;
            case "year", "years", "y", "yr", "yrs" -> Unit.YEAR;
            case "decade", "decades", "dec", "decs" -> Unit.DECADE;
            case "century", "centuries", "c", "cent" -> Unit.CENTURY;
            case "millennium", "millennia", "mil", "mils" -> Unit.MILLENNIUM;
            default -> null;
        };
    }

    /** '[-]h:m[:s[.f]]' as hours, minutes and seconds; the sign applies to all of them. */
    private static int decodeTime(String tok, Fields f, String text) {
        boolean neg = tok.startsWith("-");
        String[] parts = (neg ? tok.substring(1) : tok).split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw syntax(text);
        }
        long h = integerPart(parts[0], text);
        long m = integerPart(parts[1], text);
        long sec = 0;
        long us = 0;
        if (parts.length == 3) {
            String sp = parts[2];
            int dot = sp.indexOf('.');
            sec = integerPart(dot < 0 ? sp : sp.substring(0, dot), text);
            if (dot >= 0) {
                us = fractionMicros(sp.substring(dot), text);
            }
        } else if (parts[1].indexOf('.') >= 0) {
            throw syntax(text);
        }
        if (m < 0 || m > 59 || sec < 0 || sec > 60) {
            throw fieldOverflow(text);
        }
        int sign = neg ? -1 : 1;
        f.hours += sign * h;
        f.minutes += sign * m;
        f.seconds += sign * sec;
        f.micros += sign * us;
        return M_HOUR | M_MINUTE | M_SECOND;
    }

    private static long integerPart(String digits, String text) {
        if (digits.isEmpty() || digits.length() > 18) {
            if (digits.length() > 18 && digits.chars().allMatch(Character::isDigit)) {
                throw fieldOverflow(text);
            }
            throw syntax(text);
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                throw syntax(text);
            }
        }
        return Long.parseLong(digits);
    }

    /** ".123456789" → 123457 (rounded to microseconds). */
    private static long fractionMicros(String dotDigits, String text) {
        try {
            return Math.round(Double.parseDouble("0" + dotDigits) * 1_000_000.0);
        } catch (NumberFormatException e) {
            throw syntax(text);
        }
    }

    /** A number with the unit of the word after it: integral part exact, the fraction spilled downwards. */
    private static int decodeNumber(String tok, Unit unit, Fields f, String text) {
        boolean neg = tok.startsWith("-");
        String body = neg ? tok.substring(1) : tok;
        int dash = body.indexOf('-');
        if (dash > 0) {
            // SQL-standard years-months
            long y = integerPart(body.substring(0, dash), text);
            long m = integerPart(body.substring(dash + 1), text);
            if (m > 11) {
                throw TypeErrors.datetimeFieldOverflow(text);
            }
            int sign = neg ? -1 : 1;
            f.years += sign * y;
            f.months += sign * m;
            return M_YEAR | M_MONTH;
        }
        int dot = body.indexOf('.');
        String intDigits = dot < 0 ? body : body.substring(0, dot);
        long val = intDigits.isEmpty() && dot >= 0 ? 0 : integerPart(intDigits, text);
        double frac = 0;
        if (dot >= 0) {
            String fd = body.substring(dot + 1);
            if (fd.isEmpty() && intDigits.isEmpty() || !fd.chars().allMatch(Character::isDigit)) {
                throw syntax(text);
            }
            frac = fd.isEmpty() ? 0 : Double.parseDouble("0." + fd);
        }
        if (neg) {
            val = -val;
            frac = -frac;
        }
        if (val > Integer.MAX_VALUE || val < Integer.MIN_VALUE) {
            throw fieldOverflow(text);
        }
        try {
            return switch (unit) {
                case MICROSECOND -> {
                    f.micros = Math.addExact(f.micros, val + Math.round(frac));
                    yield M_MICRO;
                }
                case MILLISECOND -> {
                    f.micros = Math.addExact(f.micros, val * 1000 + Math.round(frac * 1000));
                    yield M_MILLI;
                }
                case SECOND -> {
                    f.seconds = Math.addExact(f.seconds, val);
                    f.micros = Math.addExact(f.micros, Math.round(frac * 1_000_000));
                    yield frac == 0 ? M_SECOND : M_SECOND | M_MILLI | M_MICRO;
                }
                case MINUTE -> {
                    f.minutes = Math.addExact(f.minutes, val);
                    fractSeconds(f, frac, 60);
                    yield M_MINUTE;
                }
                case HOUR -> {
                    f.hours = Math.addExact(f.hours, val);
                    fractSeconds(f, frac, 3600);
                    yield M_HOUR;
                }
                case DAY -> {
                    f.days = Math.addExact(f.days, val);
                    fractSeconds(f, frac, 86400);
                    yield M_DAY;
                }
                case WEEK -> {
                    f.days = Math.addExact(f.days, val * 7);
                    fractDays(f, frac, 7);
                    yield M_DAY;
                }
                case MONTH -> {
                    f.months = Math.addExact(f.months, val);
                    fractDays(f, frac, Interval.DAYS_PER_MONTH);
                    yield M_MONTH;
                }
                case YEAR -> {
                    f.years = Math.addExact(f.years, val);
                    f.months = Math.addExact(f.months, Math.round(frac * 12));
                    yield M_YEAR;
                }
                case DECADE -> years(f, val, frac, 10);
                case CENTURY -> years(f, val, frac, 100);
                case MILLENNIUM -> years(f, val, frac, 1000);
            };
        } catch (ArithmeticException e) {
            throw fieldOverflow(text);
        }
    }

    private static int years(Fields f, long val, double frac, int scale) {
        f.years = Math.addExact(f.years, Math.multiplyExact(val, scale));
        f.months = Math.addExact(f.months, Math.round(frac * 12 * scale));
        return M_YEAR;
    }

    /** AdjustFractSeconds: a fraction of a unit of {@code scale} seconds, as whole seconds and microseconds. */
    private static void fractSeconds(Fields f, double frac, int scale) {
        if (frac == 0) {
            return;
        }
        double secs = frac * scale;
        long whole = (long) secs;
        f.seconds += whole;
        f.micros += Math.round((secs - whole) * 1_000_000);
    }

    /** AdjustFractDays: a fraction of a unit of {@code scale} days, as whole days and the rest as seconds. */
    private static void fractDays(Fields f, double frac, int scale) {
        if (frac == 0) {
            return;
        }
        double extra = frac * scale;
        long whole = (long) extra;
        f.days += whole;
        fractSeconds(f, extra - whole, 86400);
    }

    private static Interval toInterval(Fields f, String text) {
        try {
            long months = Math.addExact(Math.multiplyExact(f.years, 12), f.months);
            long micros = Math.addExact(Math.multiplyExact(f.hours, Interval.MICROS_PER_HOUR),
                    Math.addExact(Math.multiplyExact(f.minutes, Interval.MICROS_PER_MINUTE),
                            Math.addExact(Math.multiplyExact(f.seconds, Interval.MICROS_PER_SECOND), f.micros)));
            if (months > Integer.MAX_VALUE || months < Integer.MIN_VALUE || f.days > Integer.MAX_VALUE
                    || f.days < Integer.MIN_VALUE) {
                throw fieldOverflow(text);
            }
            return new Interval((int) months, (int) f.days, micros);
        } catch (ArithmeticException e) {
            throw fieldOverflow(text);
        }
    }

    // ---- output

    /** EncodeInterval in IntervalStyle postgres: '1 year 2 mons -3 days +04:05:06.5'. */
    static String format(Interval v) {
        StringBuilder sb = new StringBuilder();
        boolean[] state = {true, false}; // is_zero, is_before
        int year = v.months() / 12;
        int mon = v.months() % 12;
        addPart(sb, year, "year", state);
        addPart(sb, mon, "mon", state);
        addPart(sb, v.days(), "day", state);
        long t = v.micros();
        long hour = t / Interval.MICROS_PER_HOUR;
        t -= hour * Interval.MICROS_PER_HOUR;
        long min = t / Interval.MICROS_PER_MINUTE;
        t -= min * Interval.MICROS_PER_MINUTE;
        long sec = t / Interval.MICROS_PER_SECOND;
        long fsec = t - sec * Interval.MICROS_PER_SECOND;
        if (state[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
            if (!state[0]) {
                sb.append(' ');
            }
            sb.append(minus ? "-" : state[1] ? "+" : "");
            appendTwo(sb, Math.abs(hour));
            sb.append(':');
            appendTwo(sb, Math.abs(min));
            sb.append(':');
            appendTwo(sb, Math.abs(sec));
            appendFraction(sb, Math.abs(fsec));
        }
        return sb.toString();
    }

    private static void addPart(StringBuilder sb, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (!state[0]) {
            sb.append(' ');
        }
        if (state[1] && value > 0) {
            sb.append('+');
        }
        sb.append(value).append(' ').append(unit);
        if (value != 1) {
            sb.append('s');
        }
        state[1] = value < 0;
        state[0] = false;
    }

    static void appendTwo(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    /** ".5" for 500000 µs: six digits with trailing zeros cut, nothing for zero. */
    static void appendFraction(StringBuilder sb, long micros) {
        if (micros == 0) {
            return;
        }
        String f = Long.toString(micros + 1_000_000).substring(1);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(f, 0, end);
    }
}
