package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

class IntervalTimeTest {
    private static final TextFormat F = TextFormat.DEFAULT;

    private static String iv(String text) {
        return TextCodec.format(TextCodec.parse(text, DataType.INTERVAL, F), DataType.INTERVAL, F);
    }

    @Test
    void intervalTextMatchesPostgres() {
        assertEquals("1 year 2 mons 3 days 04:05:06.7", iv("1-2 3 4:05:06.7"));
        assertEquals("-1 days +01:57:00", iv("-1 day +2 hours -3 minutes"));
        assertEquals("11 mons", iv("1 year -1 mon"));
        assertEquals("-1 years -2 mons -04:00:00", iv("-1 year -2 mons -04:00:00"));
        assertEquals("-01:00:00", iv("@ 1 hour ago"));
        assertEquals("1 year 2 mons 3 days 04:05:06.5", iv("P1Y2M3DT4H5M6.5S"));
        assertEquals("1 year 2 mons 3 days 04:05:06", iv("P0001-02-03T04:05:06"));
        assertEquals("1 year 6 mons", iv("1.5 years"));
        assertEquals("1 mon 15 days", iv("1.5 months"));
        assertEquals("10 days 12:00:00", iv("1.5 weeks"));
        assertEquals("00:00:05", iv("5"));
        assertEquals("1 day 10:00:00", iv("1 10:00"));
        assertEquals("100:00:00", iv("100:00:00"));
        assertEquals("-10:00:00", iv("-10:00"));
        assertEquals("00:00:00", iv("0"));
    }

    @Test
    void intervalInputErrors() {
        assertEquals(SqlState.INVALID_DATETIME_FORMAT, assertThrows(DbException.class, () -> iv("1 day 2 days")).state());
        assertEquals(SqlState.INVALID_DATETIME_FORMAT, assertThrows(DbException.class, () -> iv("infinity")).state());
        assertEquals(SqlState.INVALID_DATETIME_FORMAT, assertThrows(DbException.class, () -> iv("1 2")).state());
        DbException e = assertThrows(DbException.class, () -> iv("2147483648 days"));
        assertEquals(SqlState.INTERVAL_FIELD_OVERFLOW, e.state());
        assertEquals("interval field value out of range: \"2147483648 days\"", e.getMessage());
        assertEquals(SqlState.INTERVAL_FIELD_OVERFLOW,
                assertThrows(DbException.class, () -> iv("99999999999 hours")).state());
    }

    @Test
    void comparisonUsesThirtyDayMonths() {
        Interval month = new Interval(1, 0, 0);
        Interval days30 = new Interval(0, 30, 0);
        Interval hours720 = new Interval(0, 0, 720 * Interval.MICROS_PER_HOUR);
        assertEquals(0, month.compareTo(days30));
        assertEquals(0, days30.compareTo(hours720));
        assertEquals(month.hashCode(), hours720.hashCode());
        assertTrue(new Interval(0, 0, -1).compareTo(Interval.ZERO) < 0);
        assertTrue(new Interval(Integer.MAX_VALUE, 0, 0).compareTo(new Interval(0, Integer.MAX_VALUE, 0)) > 0);
        assertEquals(new Interval(Integer.MIN_VALUE, 5, -7).span(),
                new java.math.BigInteger(Long.toString(Integer.MIN_VALUE)).multiply(java.math.BigInteger.valueOf(30))
                        .add(java.math.BigInteger.valueOf(5)).multiply(java.math.BigInteger.valueOf(Interval.MICROS_PER_DAY))
                        .subtract(java.math.BigInteger.valueOf(7)));
    }

    @Test
    void arithmeticFollowsPostgres() {
        assertEquals("15 days", IntervalText.format(new Interval(1, 0, 0).multiply(0.5)));
        assertEquals("4 days 06:51:25.6896", IntervalText.format(new Interval(1, 0, 0).divide(7)));
        assertEquals("1 day 07:12:00", IntervalText.format(new Interval(0, 1, 0).multiply(1.3)));
        assertEquals("00:20:00", IntervalText.format(new Interval(0, 0, Interval.MICROS_PER_HOUR).divide(3)));
        assertEquals(SqlState.DIVISION_BY_ZERO, assertThrows(DbException.class,
                () -> new Interval(0, 1, 0).divide(0)).state());
        assertThrows(DbException.class, () -> new Interval(0, 1, 0).multiply(1e300));
        assertThrows(DbException.class, () -> new Interval(0, Integer.MIN_VALUE, 0).negate());
        // month-end rule: Jan 31 + 1 month is the last day of February
        assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0),
                DateTimeArithmetic.plus(LocalDateTime.of(2024, 1, 31, 0, 0), new Interval(1, 0, 0)));
        assertEquals(LocalDateTime.of(2023, 2, 28, 0, 0),
                DateTimeArithmetic.plus(LocalDateTime.of(2023, 1, 31, 0, 0), new Interval(1, 0, 0)));
        assertEquals("1 day 03:00:00", IntervalText.format(DateTimeArithmetic.minus(
                LocalDateTime.of(2024, 1, 2, 3, 0), LocalDateTime.of(2024, 1, 1, 0, 0))));
        assertEquals("1 mon 2 days", IntervalText.format(DateTimeArithmetic.age(
                LocalDateTime.of(2024, 3, 31, 0, 0), LocalDateTime.of(2024, 2, 29, 0, 0))));
        assertEquals("43 years 9 mons 27 days", IntervalText.format(DateTimeArithmetic.age(
                LocalDateTime.of(2001, 4, 10, 0, 0), LocalDateTime.of(1957, 6, 13, 0, 0))));
        assertEquals("-1 years -1 mons -14 days -10:00:00", IntervalText.format(DateTimeArithmetic.age(
                LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2021, 2, 15, 10, 0))));
        assertEquals(LocalTime.of(1, 0), DateTimeArithmetic.plus(LocalTime.of(23, 0), new Interval(0, 5, 2 * Interval.MICROS_PER_HOUR)));
        assertEquals("10 days 08:20:00", IntervalText.format(new Interval(1, 1, Interval.MICROS_PER_HOUR).divide(3)));
    }

    @Test
    void intervalStyles() {
        String[] inputs = {"1 year 2 mons 3 days 04:05:06.5", "-1 day +2 hours", "1 year -1 mon", "0",
            "-1 year -2 mons", "3 days", "-04:05:06", "1 mon 2 days", "100:00:00.000001",
            "-1 year -2 mons -3 days -04:05:06"};
        String[][] expected = {
            {"+1-2 +3 +4:05:06.5", "+0-0 -1 +2:00:00", "0-11", "0", "-1-2", "3 0:00:00", "-4:05:06",
                "+0-1 +2 +0:00:00", "100:00:00.000001", "-1-2 -3 -4:05:06"},
            {"P1Y2M3DT4H5M6.5S", "P-1DT2H", "P11M", "PT0S", "P-1Y-2M", "P3D", "PT-4H-5M-6S", "P1M2D",
                "PT100H0.000001S", "P-1Y-2M-3DT-4H-5M-6S"},
            {"@ 1 year 2 mons 3 days 4 hours 5 mins 6.5 secs", "@ 1 day -2 hours ago", "@ 11 mons", "@ 0",
                "@ 1 year 2 mons ago", "@ 3 days", "@ 4 hours 5 mins 6 secs ago", "@ 1 mon 2 days",
                "@ 100 hours 0.000001 secs", "@ 1 year 2 mons 3 days 4 hours 5 mins 6 secs ago"}};
        TextFormat.IntervalStyle[] styles = {TextFormat.IntervalStyle.SQL_STANDARD,
            TextFormat.IntervalStyle.ISO_8601, TextFormat.IntervalStyle.POSTGRES_VERBOSE};
        for (int s = 0; s < styles.length; s++) {
            TextFormat f = new TextFormat(ZoneOffset.UTC, 1, TextFormat.DateOrder.MDY, styles[s]);
            for (int i = 0; i < inputs.length; i++) {
                Object v = TextCodec.parse(inputs[i], DataType.INTERVAL, F);
                assertEquals(expected[s][i], TextCodec.format(v, DataType.INTERVAL, f), styles[s] + " " + inputs[i]);
            }
        }
    }

    @Test
    void justify() {
        assertEquals("1 mon 5 days", IntervalText.format(new Interval(0, 35, 0).justifyDays()));
        assertEquals("1 day 03:00:00", IntervalText.format(new Interval(0, 0, 27 * Interval.MICROS_PER_HOUR).justifyHours()));
        assertEquals("29 days 23:00:00", IntervalText.format(new Interval(1, 0, -Interval.MICROS_PER_HOUR).justifyInterval()));
    }

    @Test
    void timeTextAndErrors() {
        assertEquals("24:00:00", TextCodec.format(TextCodec.parse("24:00", DataType.TIME, F), DataType.TIME, F));
        assertEquals("22:00:00.5", TextCodec.format(TextCodec.parse("10:00:00.5 pm", DataType.TIME, F), DataType.TIME, F));
        assertEquals("04:05:06", TextCodec.format(TextCodec.parse("040506", DataType.TIME, F), DataType.TIME, F));
        assertEquals("04:05:06", TextCodec.format(TextCodec.parse("2003-04-12 04:05:06", DataType.TIME, F), DataType.TIME, F));
        assertEquals("10:00:00+05:30", TextCodec.format(TextCodec.parse("10:00+05:30", DataType.TIMETZ, F), DataType.TIMETZ, F));
        assertEquals("10:00:00-08", TextCodec.format(TextCodec.parse("10:00 PST", DataType.TIMETZ, F), DataType.TIMETZ, F));
        DbException e = assertThrows(DbException.class, () -> TextCodec.parse("25:00", DataType.TIME, F));
        assertEquals(SqlState.DATETIME_FIELD_OVERFLOW, e.state());
        assertEquals("date/time field value out of range: \"25:00\"", e.getMessage());
        e = assertThrows(DbException.class, () -> TextCodec.parse("x", DataType.TIME, F));
        assertEquals("invalid input syntax for type time: \"x\"", e.getMessage());
    }

    @Test
    void timePrecisionRounds() {
        DataType time3 = DataType.time(PgType.TIME, 3);
        assertEquals("time(3) without time zone", time3.displayName());
        assertEquals("10:00:00.123", TextCodec.format(TextCodec.parse("10:00:00.123456", time3, F), time3, F));
        DataType time0 = DataType.time(PgType.TIME, 0);
        assertEquals("10:00:01", TextCodec.format(TextCodec.parse("10:00:00.9999", time0, F), time0, F));
        assertEquals(LocalTime.MAX, TextCodec.parse("23:59:59.9", time0, F));
        DataType timetz2 = DataType.time(PgType.TIMETZ, 2);
        assertEquals("10:00:00.12+02", TextCodec.format(TextCodec.parse("10:00:00.123456+02", timetz2, F), timetz2, F));
        assertEquals(LocalTime.of(10, 0, 0, 560_000_000), Casts.cast(LocalTime.of(10, 0, 0, 555_000_000),
                DataType.TIME, DataType.time(PgType.TIME, 2), Casts.Context.ASSIGNMENT, F));
    }

    @Test
    void timetzOrdersByUtcThenZone() {
        OffsetTime a = OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(2));
        OffsetTime b = OffsetTime.of(8, 0, 0, 0, ZoneOffset.UTC);
        assertTrue(Comparisons.compare(a, b, PgType.TIMETZ) < 0); // same instant: the zone further east first
        assertTrue(Comparisons.compare(OffsetTime.of(9, 0, 0, 0, ZoneOffset.UTC), a, PgType.TIMETZ) > 0);
    }

    @Test
    void binaryTupleAndKeyRoundTrips() {
        List<Object[]> cases = List.of(
                new Object[] {new Interval(14, -3, 123_456_789L), DataType.INTERVAL},
                new Object[] {LocalTime.of(13, 14, 15, 123_456_000), DataType.TIME},
                new Object[] {LocalTime.MAX, DataType.TIME},
                new Object[] {OffsetTime.of(1, 2, 3, 4000, ZoneOffset.ofHoursMinutes(-5, -30)), DataType.TIMETZ});
        for (Object[] c : cases) {
            DataType t = (DataType) c[1];
            assertEquals(c[0], BinaryCodec.decode(BinaryCodec.encode(c[0], t), t));
            assertEquals(c[0], TextCodec.parse(TextCodec.format(c[0], t, F), t, F));
        }
        byte[] wire = BinaryCodec.encode(new Interval(1, 2, 3), DataType.INTERVAL);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 1}, wire);
        KeyEncoder keys = new KeyEncoder(KeySpec.ascending(PgType.INTERVAL));
        Interval[] sorted = {new Interval(-1, 0, 0), new Interval(0, -1, 5), Interval.ZERO,
            new Interval(0, 29, 0), new Interval(1, 0, 1), new Interval(Integer.MAX_VALUE, 0, 0)};
        for (int i = 1; i < sorted.length; i++) {
            assertTrue(Arrays.compareUnsigned(keys.encode(new Object[] {sorted[i - 1]}),
                    keys.encode(new Object[] {sorted[i]})) < 0, sorted[i].toString());
        }
        assertArrayEquals(keys.encode(new Object[] {new Interval(1, 0, 0)}),
                keys.encode(new Object[] {new Interval(0, 30, 0)}));
    }
}
