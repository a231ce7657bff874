package org.larchdb.engine.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * date, timestamp and timestamptz text input and output in PostgreSQL's ISO DateStyle. Input covers the ISO
 * forms ('2024-01-31', '20240131', 'T' or space before the time, fractional seconds, offsets '+02', '+0230',
 * '+02:30', 'Z', zone names such as 'UTC' or 'Europe/Paris', ' BC'), 'epoch', 'now', 'today', 'tomorrow',
 * 'yesterday'. 'infinity' is refused with 0A000: java.time values cannot hold it.
 */
final class DateTimeText {
    private DateTimeText() {
    }

    /** Seconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01 (both UTC). */
    static final long PG_EPOCH_SECONDS = 946_684_800L;
    static final int PG_EPOCH_DAYS = 10_957;

    // PostgreSQL's limits: Julian day 0 (4714-11-24 BC) up to the ends of the int32 day / int64 microsecond ranges.
    private static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);
    private static final LocalDate MAX_DATE = LocalDate.of(5874897, 12, 31);
    private static final LocalDateTime MIN_TIMESTAMP = MIN_DATE.atStartOfDay();
    private static final LocalDateTime MAX_TIMESTAMP = LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000);

    private static final Pattern ISO = Pattern.compile(
            "(\\d{1,7})-(\\d{1,2})-(\\d{1,2})|(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern TIME = Pattern.compile(
            "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2})(?::?(\\d{2}))?)?");
    private static final Pattern ERA = Pattern.compile("(?i)(.*?)\\s*\\b(bc|ad)$");

    static String typeName(PgType type) {
        return switch (type) {
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            default -> "timestamp with time zone";
        };
    }

    /** Parses text as a DATE, TIMESTAMP or TIMESTAMPTZ value; zone is the session time zone. */
    static Object parse(String text, PgType type, ZoneId zone) {
        String s = text.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        LocalDateTime local;
        ZoneId explicitZone = null;
        switch (lower) {
            case "infinity", "+infinity", "-infinity" ->
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "date/time value \"" + lower + "\" is not supported");
            case "epoch" -> {
                local = LocalDateTime.of(1970, 1, 1, 0, 0);
                explicitZone = ZoneOffset.UTC;
            }
            case "now" -> {
                ZonedDateTime now = ZonedDateTime.now(zone);
                local = now.toLocalDateTime().withNano(now.getNano() / 1000 * 1000);
            }
            case "today" -> local = LocalDate.now(zone).atStartOfDay();
            case "tomorrow" -> local = LocalDate.now(zone).plusDays(1).atStartOfDay();
            case "yesterday" -> local = LocalDate.now(zone).minusDays(1).atStartOfDay();
            default -> {
                Fields f = parseFields(s, text, type);
                local = f.local;
                explicitZone = f.zone;
            }
        }
        return switch (type) {
            case DATE -> {
                LocalDate d = local.toLocalDate();
                if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
                    throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range: \"" + text + "\"");
                }
                yield d;
            }
            case TIMESTAMP -> checkTimestamp(local, text);
            default -> {
                checkTimestamp(local, text);
                Instant i = local.atZone(explicitZone != null ? explicitZone : zone).toInstant();
                // Range applies to the UTC value
                checkTimestamp(LocalDateTime.ofInstant(i, ZoneOffset.UTC), text);
                yield i;
            }
        };
    }

    private static LocalDateTime checkTimestamp(LocalDateTime t, String text) {
        if (t.isBefore(MIN_TIMESTAMP) || t.isAfter(MAX_TIMESTAMP)) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \"" + text + "\"");
        }
        return t;
    }

    private record Fields(LocalDateTime local, ZoneId zone) {
    }

    private static Fields parseFields(String s, String text, PgType type) {
        boolean bc = false;
        Matcher era = ERA.matcher(s);
        if (era.matches()) {
            bc = era.group(2).equalsIgnoreCase("bc");
            s = era.group(1);
        }
        Matcher dm = ISO.matcher(s);
        if (!dm.lookingAt()) {
            throw TypeErrors.datetimeSyntax(typeName(type), text);
        }
        long year = Long.parseLong(dm.group(1) != null ? dm.group(1) : dm.group(4));
        int month = Integer.parseInt(dm.group(1) != null ? dm.group(2) : dm.group(5));
        int day = Integer.parseInt(dm.group(1) != null ? dm.group(3) : dm.group(6));
        int pos = dm.end();
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        ZoneId zone = null;
        if (pos < s.length()) {
            int p = pos;
            char c = s.charAt(p);
            if (c == 'T' || c == 't') {
                p++;
            } else {
                while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                    p++;
                }
            }
            Matcher tm = TIME.matcher(s).region(p, s.length());
            if (tm.lookingAt()) {
                hour = Integer.parseInt(tm.group(1));
                minute = Integer.parseInt(tm.group(2));
                second = tm.group(3) == null ? 0 : Integer.parseInt(tm.group(3));
                micros = fractionMicros(tm.group(4));
                pos = tm.end();
            } else if (p == pos && c != 'T' && c != 't') {
                throw TypeErrors.datetimeSyntax(typeName(type), text);
            }
            String rest = s.substring(pos).strip();
            if (!rest.isEmpty()) {
                zone = parseZone(rest, text, type);
            }
        }
        if (year == 0) {
            throw TypeErrors.datetimeFieldOverflow(text);
        }
        if (month < 1 || month > 12) {
            throw TypeErrors.datetimeFieldOverflow(text).withHint("Perhaps you need a different \"datestyle\" setting.");
        }
        long prolepticYear = bc ? 1 - year : year;
        if (prolepticYear < -5_000_000 || prolepticYear > 6_000_000) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW,
                    (type == PgType.DATE ? "date" : "timestamp") + " out of range: \"" + text + "\"");
        }
        LocalDate date;
        try {
            date = LocalDate.of((int) prolepticYear, month, day);
        } catch (DateTimeException e) {
            throw TypeErrors.datetimeFieldOverflow(text);
        }
        boolean endOfDay = hour == 24 && minute == 0 && second == 0 && micros == 0;
        if ((hour > 23 && !endOfDay) || minute > 59 || second > 60) {
            throw TypeErrors.datetimeFieldOverflow(text);
        }
        LocalDateTime local = date.atStartOfDay().plusHours(hour).plusMinutes(minute).plusSeconds(second)
                .plusNanos(micros * 1000);
        return new Fields(local, zone);
    }

    /** Fractional seconds rounded to microseconds. */
    private static long fractionMicros(String digits) {
        if (digits == null || digits.isEmpty()) {
            return 0;
        }
        if (digits.length() <= 6) {
            return Long.parseLong((digits + "00000").substring(0, 6));
        }
        long m = Long.parseLong(digits.substring(0, 6));
        return digits.charAt(6) >= '5' ? m + 1 : m;
    }

    private static ZoneId parseZone(String z, String text, PgType type) {
        if (z.equals("Z") || z.equals("z")) {
            return ZoneOffset.UTC;
        }
        Matcher om = OFFSET.matcher(z);
        if (om.matches()) {
            int h = Integer.parseInt(om.group(2));
            int m = om.group(3) == null ? 0 : Integer.parseInt(om.group(3));
            int sec = om.group(4) == null ? 0 : Integer.parseInt(om.group(4));
            if (h > 15 || m > 59 || sec > 59) {
                throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "time zone displacement out of range: \"" + text + "\"");
            }
            int total = h * 3600 + m * 60 + sec;
            return ZoneOffset.ofTotalSeconds(om.group(1).equals("-") ? -total : total);
        }
        if (z.equalsIgnoreCase("utc") || z.equalsIgnoreCase("gmt") || z.equalsIgnoreCase("zulu")) {
            return ZoneOffset.UTC;
        }
        if (Character.isLetter(z.charAt(0))) {
            try {
                return ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + z + "\" not recognized");
            }
        }
        throw TypeErrors.datetimeSyntax(typeName(type), text);
    }

    static String formatDate(LocalDate d) {
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, d);
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    static String formatTimestamp(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, t.toLocalDate());
        sb.append(' ');
        appendTime(sb, t.toLocalTime());
        if (t.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    static String formatTimestamptz(Instant i, ZoneId zone) {
        ZonedDateTime z = i.atZone(zone);
        StringBuilder sb = new StringBuilder(40);
        appendDate(sb, z.toLocalDate());
        sb.append(' ');
        appendTime(sb, z.toLocalTime());
        int off = z.getOffset().getTotalSeconds();
        sb.append(off < 0 ? '-' : '+');
        off = Math.abs(off);
        pad2(sb, off / 3600);
        if (off % 3600 != 0) {
            sb.append(':');
            pad2(sb, off / 60 % 60);
            if (off % 60 != 0) {
                sb.append(':');
                pad2(sb, off % 60);
            }
        }
        if (z.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    private static void appendDate(StringBuilder sb, LocalDate d) {
        int y = d.getYear();
        int displayYear = y <= 0 ? 1 - y : y;
        String ys = Integer.toString(displayYear);
        for (int k = ys.length(); k < 4; k++) {
            sb.append('0');
        }
        sb.append(ys).append('-');
        pad2(sb, d.getMonthValue());
        sb.append('-');
        pad2(sb, d.getDayOfMonth());
    }

    private static void appendTime(StringBuilder sb, LocalTime t) {
        pad2(sb, t.getHour());
        sb.append(':');
        pad2(sb, t.getMinute());
        sb.append(':');
        pad2(sb, t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String f = Integer.toString(micros + 1_000_000).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
    }

    private static void pad2(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    static int dateToPgDays(LocalDate d) {
        return (int) (d.toEpochDay() - PG_EPOCH_DAYS);
    }

    static LocalDate pgDaysToDate(int days) {
        return LocalDate.ofEpochDay((long) days + PG_EPOCH_DAYS);
    }

    static long timestampToPgMicros(LocalDateTime t) {
        long secs = t.toEpochSecond(ZoneOffset.UTC) - PG_EPOCH_SECONDS;
        return secs * 1_000_000L + t.getNano() / 1000;
    }

    static LocalDateTime pgMicrosToTimestamp(long micros) {
        long secs = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(secs, nanos, ZoneOffset.UTC);
    }

    static long instantToPgMicros(Instant i) {
        return (i.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + i.getNano() / 1000;
    }

    static Instant pgMicrosToInstant(long micros) {
        long secs = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
        return Instant.ofEpochSecond(secs, Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
