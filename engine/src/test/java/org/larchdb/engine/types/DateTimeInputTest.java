package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.larchdb.engine.types.TypeAssertions.assertError;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.larchdb.engine.error.DbException;

/** PostgreSQL's non-ISO date/time input (DateStyle 'ISO, MDY' unless named); expected values from pg-ref. */
class DateTimeInputTest {

    private static TextFormat order(String order) {
        return new TextFormat(ZoneOffset.UTC, 1, TextFormat.DateOrder.valueOf(order));
    }

    private static String io(String text, DataType type, TextFormat format) {
        return TextCodec.format(TextCodec.parse(text, type, format), type, format);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MDY|01/02/2024|2024-01-02", "MDY|1/8/1999|1999-01-08", "MDY|January 8, 1999|1999-01-08",
        "MDY|Jan 8 1999|1999-01-08", "MDY|8 January 1999|1999-01-08", "MDY|1999-Jan-08|1999-01-08",
        "MDY|19990108|1999-01-08", "MDY|Friday Jan 08 1999|1999-01-08", "MDY|08-Jan-1999|1999-01-08",
        "MDY|Jan-08-1999|1999-01-08", "MDY|08-Jan-99|1999-01-08", "MDY|1999.008|1999-01-08",
        "MDY|JANUARY 8 1999 BC|1999-01-08 BC", "MDY|990108|1999-01-08", "MDY|2024 01 02|2024-01-02",
        "DMY|01/02/2024|2024-02-01", "DMY|08-Jan-99|1999-01-08", "DMY|1/8/99|1999-08-01",
        "YMD|99-Jan-08|1999-01-08", "YMD|24/01/02|2024-01-02", "YMD|2024-01-02|2024-01-02",
        "MDY|Infinity|infinity", "MDY|-infinity|-infinity", "MDY|epoch|1970-01-01", "MDY|1 Jan 0044 ad|0044-01-01",
        "MDY|J2451187|1999-01-08", "MDY|Sat, 06 Jan 2024|2024-01-06"})
    void dates(String order, String text, String expected) {
        assertEquals(expected, io(text, DataType.DATE, order(order)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Jan 8 1999 04:05:06 PM|1999-01-08 16:05:06", "19990108T040506|1999-01-08 04:05:06",
        "1999-01-08 allballs|1999-01-08 00:00:00", "12:00 AM Jan 8 1999|1999-01-08 00:00:00",
        "Jan 8 1999 040506|1999-01-08 04:05:06", "1999-01-08 04:05|1999-01-08 04:05:00",
        "2024-01-02 10:00 +05|2024-01-02 10:00:00", "infinity|infinity", "-infinity|-infinity",
        "epoch|1970-01-01 00:00:00", "2024-01-15T10:30:00|2024-01-15 10:30:00"})
    void timestamps(String text, String expected) {
        assertEquals(expected, io(text, DataType.TIMESTAMP, TextFormat.DEFAULT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1999-01-08 04:05:06 -8:00|1999-01-08 12:05:06+00", "January 8 1999 04:05:06.789 PST|1999-01-08 12:05:06.789+00",
        "2024-01-01 10:00 Europe/Paris|2024-01-01 09:00:00+00", "2024-01-01 10:00 europe/paris|2024-01-01 09:00:00+00",
        "2024-01-01 allballs|2024-01-01 00:00:00+00", "+infinity|infinity", "epoch|1970-01-01 00:00:00+00",
        "2024-01-01 10:00:00 Japan|2024-01-01 01:00:00+00", "1999-01-08 04:05:06.5 -8:00:30|1999-01-08 12:05:36.5+00",
        "Sat, 06 Jan 2024 10:00:00 GMT|2024-01-06 10:00:00+00", "2024-07-01 10:00 America/New_York|2024-07-01 14:00:00+00",
        "2024-01-01T10:00:00.123+01:00|2024-01-01 09:00:00.123+00"})
    void timestamptz(String text, String expected) {
        assertEquals(expected, io(text, DataType.TIMESTAMPTZ, TextFormat.DEFAULT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Jan 8|22007|invalid input syntax for type timestamp: \"Jan 8\"",
        "1999-01-08 foo|22007|invalid input syntax for type timestamp: \"1999-01-08 foo\"",
        "Feb 30 2024|22008|date/time field value out of range: \"Feb 30 2024\"",
        "2024-01-01 24:00:01|22008|date/time field value out of range: \"2024-01-01 24:00:01\"",
        "1/2|22007|invalid input syntax for type timestamp: \"1/2\"",
        "Jan Feb 1999|22007|invalid input syntax for type timestamp: \"Jan Feb 1999\"",
        "2024-01-01 10:00 +16|22008|time zone displacement out of range: \"2024-01-01 10:00 +16\"",
        "1999-01-08 13:00 PM|22008|date/time field value out of range: \"1999-01-08 13:00 PM\"",
        "0000-01-01|22008|date/time field value out of range: \"0000-01-01\"",
        "Jan 8 1999 Mon Tue|22007|invalid input syntax for type timestamp: \"Jan 8 1999 Mon Tue\"",
        "2024-01-01 10:00 Foo/Bar|22023|time zone \"foo/bar\" not recognized",
        "10:00|22007|invalid input syntax for type timestamp: \"10:00\"",
        "10:00 2024-01-01|22007|invalid input syntax for type timestamp: \"10:00 2024-01-01\"",
        "infinity 10:00|22007|invalid input syntax for type timestamp: \"infinity 10:00\""})
    void timestampErrors(String text, String code, String message) {
        assertError(code, message, () -> TextCodec.parse(text, DataType.TIMESTAMP, TextFormat.DEFAULT));
    }

    @Test
    void monthOrDayOutOfRangeHintsAtDateStyle() {
        DbException e = assertError("22008", "date/time field value out of range: \"13/25/1999\"",
                () -> TextCodec.parse("13/25/1999", DataType.DATE, TextFormat.DEFAULT));
        assertEquals("Perhaps you need a different \"datestyle\" setting.", e.hint());
        e = assertError("22008", "date/time field value out of range: \"01/02/2024\"",
                () -> TextCodec.parse("01/02/2024", DataType.DATE, order("YMD")));
        assertEquals("Perhaps you need a different \"datestyle\" setting.", e.hint());
        e = assertError("22008", "date/time field value out of range: \"Feb 30 2024\"",
                () -> TextCodec.parse("Feb 30 2024", DataType.DATE, TextFormat.DEFAULT));
        assertNull(e.hint());
    }

    @Test
    void relativeWordsReadTheClockInTheSessionZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        TextFormat f = TextFormat.of(tokyo);
        LocalDate today = LocalDate.now(tokyo);
        Object parsed = TextCodec.parse("today", DataType.DATE, f);
        // the clock may pass midnight between the two reads
        LocalDate after = LocalDate.now(tokyo);
        assertEquals(true, parsed.equals(today) || parsed.equals(after));
        LocalDate tomorrow = (LocalDate) TextCodec.parse("tomorrow", DataType.DATE, f);
        LocalDate yesterday = (LocalDate) TextCodec.parse("yesterday", DataType.DATE, f);
        assertEquals(2, tomorrow.toEpochDay() - yesterday.toEpochDay());
        Instant now = (Instant) TextCodec.parse("now", DataType.TIMESTAMPTZ, f);
        assertEquals(true, Duration.between(now, Instant.now()).abs().toSeconds() < 5);
        Instant midnight = (Instant) TextCodec.parse("today", DataType.TIMESTAMPTZ, f);
        assertEquals(0, midnight.atZone(tokyo).toLocalTime().toSecondOfDay());
        assertEquals("10:00", TextCodec.format(TextCodec.parse("tomorrow 10:00", DataType.TIMESTAMP, f),
                DataType.TIMESTAMP, f).substring(11, 16));
    }

    @Test
    void dateStyleOrderFromTheSetting() {
        assertEquals(TextFormat.DateOrder.MDY, TextFormat.dateOrderOf("ISO, MDY"));
        assertEquals(TextFormat.DateOrder.DMY, TextFormat.dateOrderOf("ISO, DMY"));
        assertEquals(TextFormat.DateOrder.YMD, TextFormat.dateOrderOf("ISO, YMD"));
        assertEquals(TextFormat.DateOrder.DMY, TextFormat.dateOrderOf("European"));
        assertEquals(TextFormat.DateOrder.MDY, TextFormat.dateOrderOf("ISO"));
    }
}
