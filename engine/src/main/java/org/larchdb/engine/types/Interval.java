package org.larchdb.engine.types;

import java.math.BigInteger;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * An interval value as PostgreSQL stores it: months, days and microseconds kept apart, because a month and a
 * day have no fixed length when added to a timestamp. Comparison, hashing and index keys use the total span
 * with PostgreSQL's conventions (a month is 30 days, a day 24 hours), so '1 mon' = '30 days' = '720:00:00'.
 *
 * <p>The record's {@code equals} is field-wise (as Java value identity), SQL equality is {@link #compareTo};
 * {@link #hashCode} hashes the span so that SQL-equal values share a hash (grouping, DISTINCT).
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {

    public static final long MICROS_PER_DAY = 86_400_000_000L;
    public static final long MICROS_PER_HOUR = 3_600_000_000L;
    public static final long MICROS_PER_MINUTE = 60_000_000L;
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final int DAYS_PER_MONTH = 30;

    public static final Interval ZERO = new Interval(0, 0, 0);

    /** The total span in microseconds (interval_cmp_value): needs more than 64 bits. */
    public BigInteger span() {
        long dayCount = (long) months * DAYS_PER_MONTH + days;
        return BigInteger.valueOf(dayCount).multiply(BigInteger.valueOf(MICROS_PER_DAY))
                .add(BigInteger.valueOf(micros));
    }

    /** The span split in two longs (high, low unsigned), cheaper than {@link #span()} for comparing and keys. */
    long[] span128() {
        long dayCount = (long) months * DAYS_PER_MONTH + days; // |dayCount| < 2^37
        long hi = Math.multiplyHigh(dayCount, MICROS_PER_DAY);
        long lo = dayCount * MICROS_PER_DAY;
        long sum = lo + micros;
        // carry of an unsigned add, plus the sign extension of micros
        long carry = Long.compareUnsigned(sum, lo) < 0 ? 1 : 0;
        hi += carry + (micros < 0 ? -1 : 0);
        return new long[] {hi, sum};
    }

    @Override
    public int compareTo(Interval o) {
        long[] a = span128();
        long[] b = o.span128();
        int c = Long.compare(a[0], b[0]);
        return c != 0 ? c : Long.compareUnsigned(a[1], b[1]);
    }

    @Override
    public int hashCode() {
        long[] s = span128();
        return Long.hashCode(s[0] * 31 + s[1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interval i && i.months == months && i.days == days && i.micros == micros;
    }

    /** 22008 interval out of range. */
    public static DbException outOfRange() {
        return new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    private static int toInt(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange();
        }
        return (int) v;
    }

    /** interval_pl */
    public Interval plus(Interval o) {
        try {
            return new Interval(Math.addExact(months, o.months), Math.addExact(days, o.days),
                    Math.addExact(micros, o.micros));
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    /** interval_mi */
    public Interval minus(Interval o) {
        try {
            return new Interval(Math.subtractExact(months, o.months), Math.subtractExact(days, o.days),
                    Math.subtractExact(micros, o.micros));
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    /** interval_um */
    public Interval negate() {
        if (months == Integer.MIN_VALUE || days == Integer.MIN_VALUE || micros == Long.MIN_VALUE) {
            throw outOfRange();
        }
        return new Interval(-months, -days, -micros);
    }

    /** TSROUND: rounds to microsecond precision in seconds. */
    private static double tsRound(double v) {
        return Math.rint(v * 1_000_000.0) / 1_000_000.0;
    }

    /** interval_mul: fractional months spill into days and fractional days into time, as PostgreSQL does. */
    public Interval multiply(double factor) {
        double m = months * factor;
        if (Double.isNaN(m) || m > Integer.MAX_VALUE || m < Integer.MIN_VALUE) {
            throw outOfRange();
        }
        double d = days * factor;
        if (Double.isNaN(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
            throw outOfRange();
        }
        return spill((int) m, (int) d, m, d, micros * factor);
    }

    /** interval_div */
    public Interval divide(double factor) {
        if (factor == 0.0) {
            throw TypeErrors.divisionByZero();
        }
        double m = months / factor;
        double d = days / factor;
        if (Double.isNaN(m) || m > Integer.MAX_VALUE || m < Integer.MIN_VALUE
                || Double.isNaN(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
            throw outOfRange();
        }
        return spill((int) m, (int) d, m, d, micros / factor);
    }

    private static Interval spill(int month, int day, double exactMonths, double exactDays, double time) {
        double monthRemainderDays = tsRound((exactMonths - month) * DAYS_PER_MONTH);
        double secRemainder = tsRound((exactDays - day + monthRemainderDays - (int) monthRemainderDays) * 86400.0);
        long dayCount = day;
        if (Math.abs(secRemainder) >= 86400.0) {
            dayCount += (int) (secRemainder / 86400.0);
            secRemainder -= (int) (secRemainder / 86400.0) * 86400.0;
        }
        dayCount += (int) monthRemainderDays;
        double t = Math.rint(time + secRemainder * MICROS_PER_SECOND);
        if (Double.isNaN(t) || t >= 9.223372036854775807E18 || t < -9.223372036854775808E18) {
            throw outOfRange();
        }
        return new Interval(month, toInt(dayCount), (long) t);
    }

    /** justify_hours: whole days of the time part move to the days. */
    public Interval justifyHours() {
        long whole = micros / MICROS_PER_DAY;
        long t = micros - whole * MICROS_PER_DAY;
        long d = days + whole;
        if (d > 0 && t < 0) {
            t += MICROS_PER_DAY;
            d--;
        } else if (d < 0 && t > 0) {
            t -= MICROS_PER_DAY;
            d++;
        }
        return new Interval(months, toInt(d), t);
    }

    /** justify_days: whole 30-day periods move to the months. */
    public Interval justifyDays() {
        int whole = days / DAYS_PER_MONTH;
        int d = days - whole * DAYS_PER_MONTH;
        long m = (long) months + whole;
        if (m > 0 && d < 0) {
            d += DAYS_PER_MONTH;
            m--;
        } else if (m < 0 && d > 0) {
            d -= DAYS_PER_MONTH;
            m++;
        }
        return new Interval(toInt(m), d, micros);
    }

    /** justify_interval: both, with the signs of all fields made to agree. */
    public Interval justifyInterval() {
        long whole = micros / MICROS_PER_DAY;
        long t = micros - whole * MICROS_PER_DAY;
        long d = days + whole;
        long wholeMonths = d / DAYS_PER_MONTH;
        d -= wholeMonths * DAYS_PER_MONTH;
        long m = months + wholeMonths;
        if (m > 0 && (d < 0 || (d == 0 && t < 0))) {
            d += DAYS_PER_MONTH;
            m--;
        } else if (m < 0 && (d > 0 || (d == 0 && t > 0))) {
            d -= DAYS_PER_MONTH;
            m++;
        }
        if (d > 0 && t < 0) {
            t += MICROS_PER_DAY;
            d--;
        } else if (d < 0 && t > 0) {
            t -= MICROS_PER_DAY;
            d++;
        }
        return new Interval(toInt(m), toInt(d), t);
    }
}
