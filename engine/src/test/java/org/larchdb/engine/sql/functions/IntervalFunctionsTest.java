package org.larchdb.engine.sql.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Interval;
import org.larchdb.engine.types.PgType;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TextFormat;

class IntervalFunctionsTest {
    private static Interval iv(String text) {
        return (Interval) TextCodec.parse(text, DataType.INTERVAL, TextFormat.DEFAULT);
    }

    private static String show(Interval v) {
        return TextCodec.format(v, DataType.INTERVAL, TextFormat.DEFAULT);
    }

    @Test
    void extractFromIntervalAndTime() {
        assertEquals(new BigDecimal("37015506.500000"),
                IntervalFunctions.extract("epoch", iv("1 year 2 mons 3 days 04:05:06.5"), PgType.INTERVAL));
        assertEquals(new BigDecimal("5.250000"), IntervalFunctions.extract("second", iv("1 min 5.25 sec"), PgType.INTERVAL));
        assertEquals(new BigDecimal("5250.000"), IntervalFunctions.extract("ms", iv("5.25 sec"), PgType.INTERVAL));
        assertEquals(BigDecimal.valueOf(-30), IntervalFunctions.extract("hours", iv("-30 hours"), PgType.INTERVAL));
        assertEquals(BigDecimal.valueOf(2), IntervalFunctions.extract("month", iv("14 months"), PgType.INTERVAL));
        assertEquals(new BigDecimal("37815.500000"),
                IntervalFunctions.extract("epoch", LocalTime.of(10, 30, 15, 500_000_000), PgType.TIME));
        assertEquals(new BigDecimal("28800.000000"), IntervalFunctions.extract("epoch",
                OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(2)), PgType.TIMETZ));
        DbException e = assertThrows(DbException.class,
                () -> IntervalFunctions.extract("dow", iv("1 day"), PgType.INTERVAL));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.state());
        assertEquals("unit \"dow\" not supported for type interval", e.getMessage());
        e = assertThrows(DbException.class, () -> IntervalFunctions.extract("foo", LocalTime.NOON, PgType.TIME));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.state());
        assertEquals("unit \"foo\" not recognized for type time without time zone", e.getMessage());
    }

    @Test
    void truncAndMake() {
        assertEquals("1 day 10:00:00", show(IntervalFunctions.trunc("hour", iv("1 day 10:45:00"))));
        assertEquals("1 year", show(IntervalFunctions.trunc("year", iv("15 months 3 days"))));
        assertEquals("3 mons", show(IntervalFunctions.trunc("quarter", iv("5 months 3 days"))));
        assertEquals("00:00:01.234", show(IntervalFunctions.trunc("millisecond", iv("1.23456 sec"))));
        assertThrows(DbException.class, () -> IntervalFunctions.trunc("week", iv("10 days")));
        assertEquals("1 year 2 mons 25 days 05:06:07.5",
                show(IntervalFunctions.makeInterval(new Object[] {1, 2, 3, 4, 5, 6, 7.5})));
        assertEquals(LocalTime.of(10, 1), IntervalFunctions.makeTime(10, 0, 60));
        assertEquals(LocalTime.MAX, IntervalFunctions.makeTime(24, 0, 0));
        DbException e = assertThrows(DbException.class, () -> IntervalFunctions.makeTime(25, 0, 0));
        assertEquals("time field value out of range: 25:00:00", e.getMessage());
    }

    @Test
    void toChar() {
        assertEquals("15:02:12.500", IntervalToChar.format(iv("15h 2m 12.5s"), "HH24:MI:SS.MS"));
        assertEquals("0001 02 03 27 03 04 05",
                IntervalToChar.format(iv("1 year 2 mons 3 days 27:04:05"), "YYYY MM DD HH24 HH12 MI SS"));
        assertEquals("-1 -03 00", IntervalToChar.format(iv("-1 day -3 hours"), "DD HH24 MI"));
        assertEquals("3 days", IntervalToChar.format(iv("3 days"), "FMDD \"days\""));
    }
}
