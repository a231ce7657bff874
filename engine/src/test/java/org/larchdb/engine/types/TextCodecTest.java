package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.larchdb.engine.types.TypeAssertions.assertError;
import static org.larchdb.engine.types.TypeAssertions.io;
import static org.larchdb.engine.types.TypeAssertions.parse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextCodecTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "t|t", "true|t", "TRUE|t", "tr|t", "yes|t", "y|t", "on|t", "1|t", "' Of '|f", "off|f", "f|f",
        "false|f", "no|f", "n|f", "0|f", "'  TrUe  '|t"})
    void booleanInput(String in, String out) {
        assertEquals(out, io(in, DataType.BOOL));
    }

    @Test
    void booleanErrors() {
        assertError("22P02", "invalid input syntax for type boolean: \"o\"", () -> parse("o", DataType.BOOL));
        assertError("22P02", "invalid input syntax for type boolean: \"truex\"", () -> parse("truex", DataType.BOOL));
        assertError("22P02", "invalid input syntax for type boolean: \"\"", () -> parse("", DataType.BOOL));
    }

    @Test
    void integers() {
        assertEquals(12, parse("  12  ", DataType.INT4));
        assertEquals((short) -32768, parse("-32768", DataType.INT2));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775808", DataType.INT8));
        assertEquals(42, parse("+42", DataType.INT4));
        assertError("22003", "value \"99999999999\" is out of range for type integer", () -> parse("99999999999", DataType.INT4));
        assertError("22003", "value \"-32769\" is out of range for type smallint", () -> parse("-32769", DataType.INT2));
        assertError("22003", "value \"12345678901234567890\" is out of range for type bigint",
                () -> parse("12345678901234567890", DataType.INT8));
        assertError("22P02", "invalid input syntax for type integer: \"abc\"", () -> parse("abc", DataType.INT4));
        assertError("22P02", "invalid input syntax for type integer: \"1.5\"", () -> parse("1.5", DataType.INT4));
        assertError("22P02", "invalid input syntax for type bigint: \"\"", () -> parse("", DataType.INT8));
        assertError("22P02", "invalid input syntax for type smallint: \"1 2\"", () -> parse("1 2", DataType.INT2));
        assertEquals("-2147483648", io("-2147483648", DataType.INT4));
    }

    @Test
    void oid() {
        assertEquals(4294967295L, parse("4294967295", DataType.OID));
        assertEquals(4294967295L, parse("-1", DataType.OID));
        assertError("22003", "value \"4294967296\" is out of range for type oid", () -> parse("4294967296", DataType.OID));
    }

    @Test
    void floatsInput() {
        assertEquals("Infinity|-Infinity|NaN|Infinity", io("inf", DataType.FLOAT8) + "|" + io("-INF", DataType.FLOAT4)
                + "|" + io(" nan ", DataType.FLOAT8) + "|" + io("+Infinity", DataType.FLOAT8));
        assertEquals("5e-324", io("4.9e-324", DataType.FLOAT8));
        assertEquals("1e-45", io("1e-45", DataType.FLOAT4));
        assertError("22003", "\"1e400\" is out of range for type double precision", () -> parse("1e400", DataType.FLOAT8));
        assertError("22003", "\"1e-400\" is out of range for type double precision", () -> parse("1e-400", DataType.FLOAT8));
        assertError("22003", "\"1e40\" is out of range for type real", () -> parse("1e40", DataType.FLOAT4));
        assertError("22P02", "invalid input syntax for type double precision: \" abc\"", () -> parse(" abc", DataType.FLOAT8));
        assertError("22P02", "invalid input syntax for type real: \"1f\"", () -> parse("1f", DataType.FLOAT4));
        assertError("22P02", "invalid input syntax for type double precision: \"1d\"", () -> parse("1d", DataType.FLOAT8));
    }

    @Test
    void numericInputKeepsScale() {
        assertEquals("100000|0.00|0.5|5|0.0015|1.50", io("1e5", DataType.NUMERIC) + "|" + io("-0.00", DataType.NUMERIC)
                + "|" + io(" .5 ", DataType.NUMERIC) + "|" + io("5.", DataType.NUMERIC) + "|" + io("1.5e-3", DataType.NUMERIC)
                + "|" + io("1.50", DataType.NUMERIC));
        assertError("22P02", "invalid input syntax for type numeric: \"x\"", () -> parse("x", DataType.NUMERIC));
        assertEquals("NaN|Infinity|-Infinity|Infinity", io(" nan ", DataType.NUMERIC) + "|" + io("inf", DataType.NUMERIC)
                + "|" + io("-Infinity", DataType.NUMERIC) + "|" + io("+infinity", DataType.NUMERIC));
    }

    @Test
    void numericTypmod() {
        assertEquals("123.46", io("123.456", DataType.numeric(5, 2)));
        assertEquals("-123.46", io("-123.455", DataType.numeric(5, 2)));
        assertEquals("1.00", io("1", DataType.numeric(5, 2)));
        var ex = assertError("22003", "numeric field overflow", () -> parse("1234.5", DataType.numeric(5, 2)));
        assertEquals("A field with precision 5, scale 2 must round to an absolute value less than 10^3.", ex.detail());
        // rounding can overflow too: 999.995 rounds to 1000.00
        assertError("22003", "numeric field overflow", () -> parse("999.995", DataType.numeric(5, 2)));
        var ex2 = assertError("22003", "numeric field overflow", () -> parse("1", DataType.numeric(2, 2)));
        assertEquals("A field with precision 2, scale 2 must round to an absolute value less than 1.", ex2.detail());
    }

    @Test
    void characterTypes() {
        assertEquals("abc", io("abc", DataType.varchar(3)));
        assertEquals("ab", io("ab   ", DataType.varchar(2)));
        assertEquals("ab   ", io("ab", DataType.bpchar(5)));
        assertEquals("ab", io("ab   ", DataType.bpchar(2)));
        assertEquals("ééé", io("ééé", DataType.varchar(3)));
        assertError("22001", "value too long for type character varying(3)", () -> parse("abcd", DataType.varchar(3)));
        assertError("22001", "value too long for type character(2)", () -> parse("abc", DataType.bpchar(2)));
        assertEquals("x".repeat(63), parse("x".repeat(70), DataType.NAME));
        assertEquals("a", parse("abc", DataType.CHAR));
    }

    @Test
    void bytea() {
        assertArrayEquals(new byte[] {10, 11}, (byte[]) parse("\\x0A0b", DataType.BYTEA));
        assertEquals("\\x0a0b", io("\\x0a 0b", DataType.BYTEA));
        assertEquals("\\x61625c303031", io("ab\\\\001", DataType.BYTEA));
        assertEquals("\\x610162", io("a\\001b", DataType.BYTEA));
        assertEquals("\\x", io("", DataType.BYTEA));
        assertError("22023", "invalid hexadecimal digit: \"z\"", () -> parse("\\x0z", DataType.BYTEA));
        assertError("22023", "invalid hexadecimal data: odd number of digits", () -> parse("\\x0", DataType.BYTEA));
        assertError("22P02", "invalid input syntax for type bytea", () -> parse("a\\9", DataType.BYTEA));
    }

    @Test
    void uuid() {
        String canonical = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
        assertEquals(canonical, io("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", DataType.UUID));
        assertEquals(canonical, io("a0eebc999c0b4ef8bb6d6bb9bd380a11", DataType.UUID));
        assertEquals(canonical, io("{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}", DataType.UUID));
        assertError("22P02", "invalid input syntax for type uuid: \"a0eebc99\"", () -> parse("a0eebc99", DataType.UUID));
        assertError("22P02", "invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g\"",
                () -> parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g", DataType.UUID));
    }

    @Test
    void dates() {
        assertEquals(LocalDate.of(2024, 2, 29), parse("2024-02-29", DataType.DATE));
        assertEquals("0044-03-15 BC", io("0044-03-15 BC", DataType.DATE));
        assertEquals("4714-11-24 BC", io("4714-11-24 BC", DataType.DATE));
        assertEquals("10000-01-01", io("10000-01-01", DataType.DATE));
        assertEquals("2024-01-31", io("2024-01-31 13:45", DataType.DATE));
        assertEquals("2024-01-31", io("20240131", DataType.DATE));
        assertEquals("2024-01-05", io("2024-1-5", DataType.DATE));
        assertEquals("1970-01-01", io("epoch", DataType.DATE));
        assertError("22007", "invalid input syntax for type date: \"x\"", () -> parse("x", DataType.DATE));
        var ex = assertError("22008", "date/time field value out of range: \"2024-13-01\"", () -> parse("2024-13-01", DataType.DATE));
        assertEquals("Perhaps you need a different \"datestyle\" setting.", ex.hint());
        assertError("22008", "date/time field value out of range: \"2023-02-29\"", () -> parse("2023-02-29", DataType.DATE));
        assertError("22008", "date out of range: \"5874898-01-01\"", () -> parse("5874898-01-01", DataType.DATE));
        assertEquals("infinity|-infinity", io("Infinity", DataType.DATE) + "|" + io(" -INFINITY ", DataType.DATE));
    }

    @Test
    void timestamps() {
        assertEquals(LocalDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_000), parse("2024-01-31 13:45:00.123456", DataType.TIMESTAMP));
        assertEquals("2024-02-29 23:59:59.999999", io("2024-02-29 23:59:59.999999", DataType.TIMESTAMP));
        assertEquals("2024-01-02 00:00:00", io("2024-01-01 24:00", DataType.TIMESTAMP));
        assertEquals("2024-01-01 10:00:00", io("2024-01-01T10:00:00Z", DataType.TIMESTAMP));
        assertEquals("2024-01-01 10:00:00.123457", io("2024-01-01 10:00:00.1234567", DataType.TIMESTAMP));
        assertEquals("2024-01-01 10:01:00", io("2024-01-01 10:00:60", DataType.TIMESTAMP));
        assertEquals("2024-01-01 10:00:00.5", io("2024-01-01 10:00:00.50", DataType.TIMESTAMP));
        assertEquals("0001-01-01 00:00:00 BC", io("0001-01-01 00:00:00 BC", DataType.TIMESTAMP));
        assertError("22007", "invalid input syntax for type timestamp: \"x\"", () -> parse("x", DataType.TIMESTAMP));
        assertError("22008", "date/time field value out of range: \"2024-01-01 25:00\"",
                () -> parse("2024-01-01 25:00", DataType.TIMESTAMP));
        assertError("22008", "date/time field value out of range: \"2024-01-01 10:61\"",
                () -> parse("2024-01-01 10:61", DataType.TIMESTAMP));
        assertError("22008", "timestamp out of range: \"294277-01-01\"", () -> parse("294277-01-01", DataType.TIMESTAMP));
    }

    @Test
    void timestamptz() {
        assertEquals("2024-01-01 08:00:00+00", io("2024-01-01 10:00 +02", DataType.TIMESTAMPTZ));
        assertEquals("2024-01-01 10:00:00+00", io("2024-01-01 10:00 UTC", DataType.TIMESTAMPTZ));
        assertEquals("2024-01-01 12:30:00.5+00", io("2024-01-01 10:00:00.5-02:30", DataType.TIMESTAMPTZ));
        assertEquals("2024-01-01 07:30:00+00", io("2024-01-01T10:00+0230", DataType.TIMESTAMPTZ));
        assertEquals("2024-02-29 12:00:00.5+00", io("2024-02-29T12:00:00.5Z", DataType.TIMESTAMPTZ));
        assertEquals("2023-12-31 19:00:00+00", io("2024-01-01 10:00 +15", DataType.TIMESTAMPTZ));
        assertEquals("1970-01-01 00:00:00+00", io("epoch", DataType.TIMESTAMPTZ));
        assertError("22007", "invalid input syntax for type timestamp with time zone: \"x\"",
                () -> parse("x", DataType.TIMESTAMPTZ));
        TextFormat paris = TextFormat.of(ZoneId.of("Europe/Paris"));
        Instant noon = (Instant) TextCodec.parse("2024-06-01 12:00:00.5", DataType.TIMESTAMPTZ, paris);
        assertEquals(Instant.parse("2024-06-01T10:00:00.5Z"), noon);
        assertEquals("2024-06-01 12:00:00.5+02", TextCodec.format(noon, DataType.TIMESTAMPTZ, paris));
        Object bc = TextCodec.parse("0044-03-15 10:00 BC", DataType.TIMESTAMPTZ, paris);
        assertEquals("0044-03-15 10:00:00+00:09:21 BC", TextCodec.format(bc, DataType.TIMESTAMPTZ, paris));
        Object lmt = TextCodec.parse("1800-01-01 00:00", DataType.TIMESTAMPTZ, paris);
        assertEquals("1800-01-01 00:00:00+00:09:21", TextCodec.format(lmt, DataType.TIMESTAMPTZ, paris));
        assertEquals("2024-01-01 15:00:00+00", io("2024-01-01 10:00 America/New_York", DataType.TIMESTAMPTZ));
        assertEquals("2024-01-01 10:00:00", io("2024-01-01 10:00 America/New_York", DataType.TIMESTAMP));
        assertEquals("2024-01-01 15:30:00+05:30",
                TextCodec.format(Instant.parse("2024-01-01T10:00:00Z"), DataType.TIMESTAMPTZ, TextFormat.of(ZoneId.of("Asia/Kolkata"))));
    }

    @Test
    void numericFormatNormalizesNegativeScale() {
        assertEquals("1200", TextCodec.format(new BigDecimal("1.2E+3"), DataType.NUMERIC, TypeAssertions.UTC));
    }
}
