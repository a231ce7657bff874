package org.larchdb.engine.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * time and time with time zone: text input (DecodeTimeOnly's common forms: '04:05', '04:05:06.789', '040506',
 * '4:05 PM', 'allballs', 'T04:05', a date before the time, and for timetz an offset '+02', '-08:00', 'Z' or a
 * zone abbreviation), output, and the conversions to PostgreSQL's microsecond counts.
 *
 * <p>Values are {@link LocalTime} and {@link OffsetTime}. PostgreSQL accepts '24:00:00' as the end of the day;
 * it is the sentinel {@link LocalTime#MAX} (not a valid microsecond value otherwise), which compares above
 * every other time as it should.
 */
final class TimeText {
    private TimeText() {
    }

    static final long MICROS_PER_DAY = Interval.MICROS_PER_DAY;

    static String typeName(PgType type) {
        return type == PgType.TIME ? "time" : "time with time zone";
    }

    static long toMicros(LocalTime t) {
        if (t.equals(LocalTime.MAX)) {
            return MICROS_PER_DAY;
        }
        return t.toNanoOfDay() / 1000;
    }

    static LocalTime fromMicros(long micros) {
        if (micros == MICROS_PER_DAY) {
            return LocalTime.MAX;
        }
        if (micros < 0 || micros > MICROS_PER_DAY) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "time out of range");
        }
        return LocalTime.ofNanoOfDay(micros * 1000);
    }

    /** The time of day of a microsecond count, wrapped into [0, 24h) as time_pl_interval does. */
    static LocalTime wrap(long micros) {
        long m = Math.floorMod(micros, MICROS_PER_DAY);
        return LocalTime.ofNanoOfDay(m * 1000);
    }

    /** timetz_cmp: by the UTC time (time minus offset), then by the zone (seconds west: a larger offset first). */
    static int compareTimetz(OffsetTime a, OffsetTime b) {
        long ua = toMicros(a.toLocalTime()) - a.getOffset().getTotalSeconds() * 1_000_000L;
        long ub = toMicros(b.toLocalTime()) - b.getOffset().getTotalSeconds() * 1_000_000L;
        if (ua != ub) {
            return Long.compare(ua, ub);
        }
        return Integer.compare(-a.getOffset().getTotalSeconds(), -b.getOffset().getTotalSeconds());
    }

    /**
     * AdjustTimeForTypmod: time(p) keeps p fractional digits, rounding half up (23:59:59.9 in time(0) is
     * 24:00:00); a typmod outside 0..5 leaves the value as it is.
     */
    static LocalTime round(LocalTime t, int typmod) {
        if (typmod < 0 || typmod >= 6) {
            return t;
        }
        long scale = 1;
        for (int i = typmod; i < 6; i++) {
            scale *= 10;
        }
        long micros = toMicros(t);
        return fromMicros((micros + scale / 2) / scale * scale);
    }

    /** {@link #round(LocalTime, int)} for a time or timetz value. */
    static Object round(Object value, int typmod) {
        if (value instanceof OffsetTime o) {
            return OffsetTime.of(round(o.toLocalTime(), typmod), o.getOffset());
        }
        return round((LocalTime) value, typmod);
    }

    static String format(LocalTime t) {
        StringBuilder sb = new StringBuilder(15);
        appendTime(sb, t);
        return sb.toString();
    }

    static String format(OffsetTime t) {
        StringBuilder sb = new StringBuilder(21);
        appendTime(sb, t.toLocalTime());
        appendOffset(sb, t.getOffset().getTotalSeconds());
        return sb.toString();
    }

    private static void appendTime(StringBuilder sb, LocalTime t) {
        long micros = toMicros(t);
        long h = micros / Interval.MICROS_PER_HOUR;
        long m = micros / Interval.MICROS_PER_MINUTE % 60;
        long s = micros / Interval.MICROS_PER_SECOND % 60;
        IntervalText.appendTwo(sb, h);
        sb.append(':');
        IntervalText.appendTwo(sb, m);
        sb.append(':');
        IntervalText.appendTwo(sb, s);
        IntervalText.appendFraction(sb, micros % Interval.MICROS_PER_SECOND);
    }

    /** EncodeTimezone: "+02", "-03:30", "+05:30:15". */
    static void appendOffset(StringBuilder sb, int offsetSeconds) {
        int abs = Math.abs(offsetSeconds);
        sb.append(offsetSeconds < 0 ? '-' : '+');
        IntervalText.appendTwo(sb, abs / 3600);
        int min = abs / 60 % 60;
        int sec = abs % 60;
        if (min != 0 || sec != 0) {
            sb.append(':');
            IntervalText.appendTwo(sb, min);
        }
        if (sec != 0) {
            sb.append(':');
            IntervalText.appendTwo(sb, sec);
        }
    }

    /** Parses time ({@code withZone} false: any zone is ignored) or timetz (no zone: the session zone's offset now). */
    static Object parse(String text, boolean withZone, TextFormat format) {
        PgType type = withZone ? PgType.TIMETZ : PgType.TIME;
        String s = text.strip().toLowerCase(Locale.ROOT);
        LocalTime time;
        ZoneOffset offset = null;
        switch (s) {
            case "allballs" -> {
                time = LocalTime.MIDNIGHT;
                offset = withZone ? ZoneOffset.UTC : null;
            }
            case "now" -> {
                Instant now = Instant.now();
                time = LocalTime.ofInstant(now, format.timeZone()).withNano(LocalTime.ofInstant(now,
                        format.timeZone()).getNano() / 1000 * 1000);
            }
            default -> {
                Parsed p = new Parsed();
                try {
                    parseSimple(s, p, text, type);
                } catch (DbException e) {
                    if (e.state() != SqlState.INVALID_DATETIME_FORMAT) {
                        throw e;
                    }
                    parseWithDate(text, p, type, format);
                }
                time = p.time;
                offset = p.offset;
            }
        }
        if (!withZone) {
            return time;
        }
        if (offset == null) {
            offset = currentOffset(format.timeZone());
        }
        return OffsetTime.of(time, offset);
    }

    static ZoneOffset currentOffset(ZoneId zone) {
        return zone.getRules().getOffset(Instant.now());
    }

    private static final class Parsed {
        LocalTime time;
        ZoneOffset offset;
    }

    /** 'hh:mm[:ss[.f]]', 'hhmmss[.f]', with optional 'T' before, AM/PM and an offset or abbreviation after. */
    private static void parseSimple(String s, Parsed p, String text, PgType type) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == 't') {
            i++;
        }
        int start = i;
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) {
            i++;
        }
        String clock = s.substring(start, i);
        if (clock.isEmpty()) {
            throw TypeErrors.datetimeSyntax(typeName(type), text);
        }
        long hour;
        long min = 0;
        long sec = 0;
        double frac = 0;
        if (clock.indexOf(':') >= 0) {
            String[] parts = clock.split(":", -1);
            if (parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw TypeErrors.datetimeSyntax(typeName(type), text);
            }
            hour = digits(parts[0], text, type);
            String last = parts[parts.length - 1];
            int dot = last.indexOf('.');
            if (dot >= 0) {
                frac = fraction(last.substring(dot), text, type);
                parts[parts.length - 1] = last.substring(0, dot);
            }
            min = digits(parts[1], text, type);
            if (parts.length == 3) {
                sec = digits(parts[2], text, type);
            } else if (dot >= 0) {
                // 'mm:ss.f' is read as minutes and seconds
                sec = min;
                min = hour;
                hour = 0;
            }
        } else {
            int dot = clock.indexOf('.');
            String d = dot < 0 ? clock : clock.substring(0, dot);
            if (dot >= 0) {
                frac = fraction(clock.substring(dot), text, type);
            }
            if (d.length() == 6) {
                hour = digits(d.substring(0, 2), text, type);
                min = digits(d.substring(2, 4), text, type);
                sec = digits(d.substring(4), text, type);
            } else if (d.length() == 4) {
                hour = digits(d.substring(0, 2), text, type);
                min = digits(d.substring(2), text, type);
            } else if (d.length() <= 2 && dot < 0 && s.substring(i).strip().matches("(am|pm|a\\.m\\.|p\\.m\\.).*")) {
                hour = digits(d, text, type);
            } else {
                throw TypeErrors.datetimeSyntax(typeName(type), text);
            }
        }
        String rest = s.substring(i).strip();
        if (rest.startsWith("am") || rest.startsWith("pm") || rest.startsWith("a.m.") || rest.startsWith("p.m.")) {
            boolean pm = rest.charAt(0) == 'p';
            if (hour > 12 || hour < 0) {
                throw TypeErrors.datetimeFieldOverflow(text);
            }
            if (hour == 12) {
                hour = 0;
            }
            if (pm) {
                hour += 12;
            }
            rest = rest.substring(rest.charAt(1) == '.' ? 4 : 2).strip();
        }
        if (!rest.isEmpty()) {
            p.offset = parseZone(rest, text, type);
        }
        long micros = Math.round(frac * 1_000_000);
        if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || hour > 24
                || (hour == 24 && (min > 0 || sec > 0 || micros > 0))) {
            throw TypeErrors.datetimeFieldOverflow(text);
        }
        long total = hour * Interval.MICROS_PER_HOUR + min * Interval.MICROS_PER_MINUTE
                + sec * Interval.MICROS_PER_SECOND + micros;
        if (total > MICROS_PER_DAY) {
            throw TypeErrors.datetimeFieldOverflow(text);
        }
        p.time = fromMicros(total);
    }

    private static long digits(String d, String text, PgType type) {
        if (d.isEmpty() || d.length() > 9 || !d.chars().allMatch(Character::isDigit)) {
            throw TypeErrors.datetimeSyntax(typeName(type), text);
        }
        return Long.parseLong(d);
    }

    private static double fraction(String dotDigits, String text, PgType type) {
        if (dotDigits.length() < 2 || !dotDigits.substring(1).chars().allMatch(Character::isDigit)) {
            throw TypeErrors.datetimeSyntax(typeName(type), text);
        }
        return Double.parseDouble("0" + dotDigits);
    }

    /** '+hh', '+hh:mm', '+hhmm', '-hh:mm:ss', 'z', 'utc' or an abbreviation PostgreSQL knows. */
    private static ZoneOffset parseZone(String z, String text, PgType type) {
        if (z.equals("z") || z.equals("zulu") || z.equals("utc") || z.equals("gmt")) {
            return ZoneOffset.UTC;
        }
        char c = z.charAt(0);
        if (c == '+' || c == '-') {
            String body = z.substring(1).strip();
            int h;
            int m = 0;
            int sec = 0;
            String[] parts = body.split(":", -1);
            try {
                if (parts.length == 1) {
                    if (body.length() <= 2) {
                        h = Integer.parseInt(body);
                    } else if (body.length() == 4) {
                        h = Integer.parseInt(body.substring(0, 2));
                        m = Integer.parseInt(body.substring(2));
                    } else {
                        throw TypeErrors.datetimeSyntax(typeName(type), text);
                    }
                } else if (parts.length <= 3) {
                    h = Integer.parseInt(parts[0]);
                    m = Integer.parseInt(parts[1]);
                    sec = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
                } else {
                    throw TypeErrors.datetimeSyntax(typeName(type), text);
                }
            } catch (NumberFormatException e) {
                throw TypeErrors.datetimeSyntax(typeName(type), text);
            }
            if (h > 15 || m > 59 || sec > 59) {
                throw new DbException(SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                        "time zone displacement out of range: \"" + text + "\"");
            }
            int total = h * 3600 + m * 60 + sec;
            return ZoneOffset.ofTotalSeconds(c == '-' ? -total : total);
        }
        Integer abbrev = DateTimeTokens.ABBREVIATIONS.get(z);
        if (abbrev == null) {
            throw TypeErrors.datetimeSyntax(typeName(type), text);
        }
        return ZoneOffset.ofTotalSeconds(abbrev);
    }

    /** A full date and time ('2003-04-12 04:05:06-07'): read as a timestamp, keep the time and its offset. */
    private static void parseWithDate(String text, Parsed p, PgType type, TextFormat format) {
        DateTimeParser.Result r;
        try {
            r = DateTimeParser.parse(text, PgType.TIMESTAMPTZ, format);
        } catch (DbException e) {
            if (e.state() == SqlState.INVALID_DATETIME_FORMAT) {
                throw TypeErrors.datetimeSyntax(typeName(type), text);
            }
            throw e;
        }
        if (r.special() != DateTimeParser.Special.NONE || r.local() == null) {
            throw TypeErrors.datetimeSyntax(typeName(type), text);
        }
        LocalDateTime local = r.local();
        p.time = local.toLocalTime();
        if (r.zone() != null) {
            p.offset = r.zone().getRules().getOffset(local);
        }
    }
}
