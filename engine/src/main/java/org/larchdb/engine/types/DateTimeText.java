package org.larchdb.engine.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * date, timestamp and timestamptz text input (through {@link DateTimeParser}) and output in PostgreSQL's ISO
 * DateStyle, the infinity sentinels ({@code LocalDate.MAX/MIN}, {@code LocalDateTime.MAX/MIN},
 * {@code Instant.MAX/MIN}, see {@link PgType}) and the conversions to PostgreSQL's day and microsecond counts.
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

    static String typeName(PgType type) {
        return switch (type) {
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            default -> "timestamp with time zone";
        };
    }

    /** Parses text as a DATE, TIMESTAMP or TIMESTAMPTZ value in the session's time zone and DateStyle order. */
    static Object parse(String text, PgType type, TextFormat format) {
        DateTimeParser.Result r = DateTimeParser.parse(text, type, format);
        switch (r.special()) {
            case INFINITY -> {
                return type == PgType.DATE ? LocalDate.MAX : type == PgType.TIMESTAMP ? LocalDateTime.MAX : Instant.MAX;
            }
            case NEG_INFINITY -> {
                return type == PgType.DATE ? LocalDate.MIN : type == PgType.TIMESTAMP ? LocalDateTime.MIN : Instant.MIN;
            }
            case EPOCH -> {
                return type == PgType.DATE ? LocalDate.EPOCH
                        : type == PgType.TIMESTAMP ? LocalDateTime.of(1970, 1, 1, 0, 0) : Instant.EPOCH;
            }
            default -> {
            }
        }
        LocalDateTime local = r.local();
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
                Instant i = local.atZone(r.zone() != null ? r.zone() : format.timeZone()).toInstant();
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

    /** Whether a finite timestamp (LocalDateTime) or timestamptz (Instant, as UTC) is within PostgreSQL's range. */
    static boolean inTimestampRange(Object v) {
        LocalDateTime t = v instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : (LocalDateTime) v;
        return !t.isBefore(MIN_TIMESTAMP) && !t.isAfter(MAX_TIMESTAMP);
    }

    /** +1 for an infinity sentinel, -1 for a -infinity one, 0 for a finite date, timestamp or timestamptz. */
    static int infinitySign(Object v) {
        if (LocalDate.MAX.equals(v) || LocalDateTime.MAX.equals(v) || Instant.MAX.equals(v)) {
            return 1;
        }
        if (LocalDate.MIN.equals(v) || LocalDateTime.MIN.equals(v) || Instant.MIN.equals(v)) {
            return -1;
        }
        return 0;
    }

    static String formatDate(LocalDate d) {
        if (d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN)) {
            return d.equals(LocalDate.MAX) ? "infinity" : "-infinity";
        }
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, d);
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    static String formatTimestamp(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) {
            return t.equals(LocalDateTime.MAX) ? "infinity" : "-infinity";
        }
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
        if (i.equals(Instant.MAX) || i.equals(Instant.MIN)) {
            return i.equals(Instant.MAX) ? "infinity" : "-infinity";
        }
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

    // PostgreSQL stores infinity as the largest and -infinity as the smallest value of the integer (DATEVAL_NOEND,
    // DATEVAL_NOBEGIN, DT_NOEND, DT_NOBEGIN); the Java sentinels map to and from them.

    static int dateToPgDays(LocalDate d) {
        if (d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN)) {
            return d.equals(LocalDate.MAX) ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        }
        return (int) (d.toEpochDay() - PG_EPOCH_DAYS);
    }

    static LocalDate pgDaysToDate(int days) {
        if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
            return days == Integer.MAX_VALUE ? LocalDate.MAX : LocalDate.MIN;
        }
        return LocalDate.ofEpochDay((long) days + PG_EPOCH_DAYS);
    }

    static long timestampToPgMicros(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) {
            return t.equals(LocalDateTime.MAX) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        long secs = t.toEpochSecond(ZoneOffset.UTC) - PG_EPOCH_SECONDS;
        return secs * 1_000_000L + t.getNano() / 1000;
    }

    static LocalDateTime pgMicrosToTimestamp(long micros) {
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            return micros == Long.MAX_VALUE ? LocalDateTime.MAX : LocalDateTime.MIN;
        }
        long secs = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(secs, nanos, ZoneOffset.UTC);
    }

    static long instantToPgMicros(Instant i) {
        if (i.equals(Instant.MAX) || i.equals(Instant.MIN)) {
            return i.equals(Instant.MAX) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return (i.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + i.getNano() / 1000;
    }

    static Instant pgMicrosToInstant(long micros) {
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            return micros == Long.MAX_VALUE ? Instant.MAX : Instant.MIN;
        }
        long secs = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
        return Instant.ofEpochSecond(secs, Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
