package org.larchdb.engine.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Arithmetic between date/time values and intervals, as PostgreSQL's timestamp_pl_interval, timestamp_mi,
 * time_pl_interval and age: months are added on the calendar (a day past the end of the target month becomes
 * its last day: Jan 31 + 1 month = Feb 29 in 2024), then days, then the time part; infinite timestamps stay
 * infinite.
 */
public final class DateTimeArithmetic {
    private DateTimeArithmetic() {
    }

    private static DbException timestampOutOfRange() {
        return new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
    }

    /** A time of day as microseconds since midnight (24:00:00 is a whole day). */
    public static long timeToMicros(LocalTime t) {
        return TimeText.toMicros(t);
    }

    /** The time of day of a microsecond count in [0, 24h]. */
    public static LocalTime microsToTime(long micros) {
        return TimeText.fromMicros(micros);
    }

    /** timestamp + interval. */
    public static LocalDateTime plus(LocalDateTime ts, Interval span) {
        if (DateTimeText.infinitySign(ts) != 0) {
            return ts;
        }
        try {
            LocalDateTime r = ts.plusMonths(span.months()).plusDays(span.days());
            r = r.plus(span.micros(), ChronoUnit.MICROS);
            if (!DateTimeText.inTimestampRange(r)) {
                throw timestampOutOfRange();
            }
            return r;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw timestampOutOfRange();
        }
    }

    /** timestamptz + interval: months and days move the local date in the zone, the time part the instant. */
    public static Instant plus(Instant ts, Interval span, ZoneId zone) {
        if (DateTimeText.infinitySign(ts) != 0) {
            return ts;
        }
        try {
            Instant r = ts;
            if (span.months() != 0 || span.days() != 0) {
                ZonedDateTime z = ts.atZone(zone).plusMonths(span.months());
                z = z.plusDays(span.days());
                r = z.toInstant();
            }
            r = r.plus(span.micros(), ChronoUnit.MICROS);
            if (!DateTimeText.inTimestampRange(r)) {
                throw timestampOutOfRange();
            }
            return r;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw timestampOutOfRange();
        }
    }

    /** timestamp - timestamp: the difference in microseconds, whole days moved out (justify_hours). */
    public static Interval minus(LocalDateTime a, LocalDateTime b) {
        if (DateTimeText.infinitySign(a) != 0 || DateTimeText.infinitySign(b) != 0) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
        }
        return microsDifference(DateTimeText.timestampToPgMicros(a), DateTimeText.timestampToPgMicros(b));
    }

    /** timestamptz - timestamptz. */
    public static Interval minus(Instant a, Instant b) {
        if (DateTimeText.infinitySign(a) != 0 || DateTimeText.infinitySign(b) != 0) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
        }
        return microsDifference(DateTimeText.instantToPgMicros(a), DateTimeText.instantToPgMicros(b));
    }

    private static Interval microsDifference(long a, long b) {
        try {
            return new Interval(0, 0, Math.subtractExact(a, b)).justifyHours();
        } catch (ArithmeticException e) {
            throw Interval.outOfRange();
        }
    }

    /** time + interval: only the time part counts, wrapped around midnight. */
    public static LocalTime plus(LocalTime t, Interval span) {
        return TimeText.wrap(TimeText.toMicros(t) + span.micros() % Interval.MICROS_PER_DAY);
    }

    /** timetz + interval */
    public static OffsetTime plus(OffsetTime t, Interval span) {
        return OffsetTime.of(plus(t.toLocalTime(), span), t.getOffset());
    }

    /** time - time */
    public static Interval minus(LocalTime a, LocalTime b) {
        return new Interval(0, 0, TimeText.toMicros(a) - TimeText.toMicros(b));
    }

    /** date + time */
    public static LocalDateTime combine(LocalDate d, LocalTime t) {
        if (DateTimeText.infinitySign(d) != 0) {
            return d.equals(LocalDate.MAX) ? LocalDateTime.MAX : LocalDateTime.MIN;
        }
        LocalDateTime r = d.atStartOfDay().plus(TimeText.toMicros(t), ChronoUnit.MICROS);
        if (!DateTimeText.inTimestampRange(r)) {
            throw timestampOutOfRange();
        }
        return r;
    }

    /** date + timetz: the date and time at the value's own offset. */
    public static Instant combine(LocalDate d, OffsetTime t) {
        if (DateTimeText.infinitySign(d) != 0) {
            return d.equals(LocalDate.MAX) ? Instant.MAX : Instant.MIN;
        }
        return combine(d, t.toLocalTime()).toInstant(t.getOffset());
    }

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private static int daysIn(long year, int month) {
        if (month == 2 && java.time.Year.isLeap(year)) {
            return 29;
        }
        return DAYS_IN_MONTH[month - 1];
    }

    /**
     * age(a, b): the difference field by field (years, months, days, time) with borrows, as PostgreSQL's
     * timestamp_age, so age('2024-03-31', '2024-02-29') is '1 mon 2 days'.
     */
    public static Interval age(LocalDateTime a, LocalDateTime b) {
        if (DateTimeText.infinitySign(a) != 0 || DateTimeText.infinitySign(b) != 0) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
        }
        long fsec = a.getNano() / 1000 - b.getNano() / 1000;
        long sec = a.getSecond() - b.getSecond();
        long min = a.getMinute() - b.getMinute();
        long hour = a.getHour() - b.getHour();
        long mday = a.getDayOfMonth() - b.getDayOfMonth();
        long mon = a.getMonthValue() - b.getMonthValue();
        long year = (long) a.getYear() - b.getYear();
        boolean before = a.isBefore(b);
        if (before) {
            fsec = -fsec;
            sec = -sec;
            min = -min;
            hour = -hour;
            mday = -mday;
            mon = -mon;
            year = -year;
        }
        while (fsec < 0) {
            fsec += 1_000_000;
            sec--;
        }
        while (sec < 0) {
            sec += 60;
            min--;
        }
        while (min < 0) {
            min += 60;
            hour--;
        }
        while (hour < 0) {
            hour += 24;
            mday--;
        }
        while (mday < 0) {
            LocalDateTime ref = before ? a : b;
            mday += daysIn(ref.getYear(), ref.getMonthValue());
            mon--;
        }
        while (mon < 0) {
            mon += 12;
            year--;
        }
        if (before) {
            fsec = -fsec;
            sec = -sec;
            min = -min;
            hour = -hour;
            mday = -mday;
            mon = -mon;
            year = -year;
        }
        long months = year * 12 + mon;
        if (months > Integer.MAX_VALUE || months < Integer.MIN_VALUE) {
            throw Interval.outOfRange();
        }
        long micros = ((hour * 60 + min) * 60 + sec) * 1_000_000L + fsec;
        return new Interval((int) months, (int) mday, micros);
    }

    /** age of two timestamptz values, taken apart in the session time zone (timestamptz_age). */
    public static Interval age(Instant a, Instant b, ZoneId zone) {
        if (DateTimeText.infinitySign(a) != 0 || DateTimeText.infinitySign(b) != 0) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
        }
        return age(LocalDateTime.ofInstant(a, zone), LocalDateTime.ofInstant(b, zone));
    }
}
