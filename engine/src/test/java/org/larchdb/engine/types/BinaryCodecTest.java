package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.larchdb.engine.types.TypeAssertions.assertError;

import java.math.BigDecimal;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinaryCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Expected bytes are numeric_send() output from pg-ref. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0000000000000000", "-12.5|0002000040000001000c1388", "0.0001|0001ffff000000040001",
        "1e20|00010005000000000001", "1.50|000200000000000200011388",
        "123456789.123456789|0006000200000009000109291a8504d2162e2328", "-0.00012300|0002ffff40000008000108fc"})
    void numeric(String value, String hex) {
        Object v = NumericValues.parse(value);
        assertEquals(hex, HEX.formatHex(BinaryCodec.encode(v, DataType.NUMERIC)));
        Object back = BinaryCodec.decode(HEX.parseHex(hex), DataType.NUMERIC);
        assertEquals(TextCodec.format(v, DataType.NUMERIC, TypeAssertions.UTC),
                TextCodec.format(back, DataType.NUMERIC, TypeAssertions.UTC));
    }

    @Test
    void numericRecvTruncatesToDscaleAndAppliesTypmod() {
        // 1.2345 with dscale 2 -> 1.23 (trunc_var)
        byte[] data = HEX.parseHex("000200000000000200010929");
        assertEquals(new BigDecimal("1.23"), BinaryCodec.decode(data, DataType.NUMERIC));
        assertError("22003", "numeric field overflow", () -> BinaryCodec.decode(HEX.parseHex("00010005000000000001"),
                DataType.numeric(5, 2)));
        assertError("22P03", "invalid digit in external \"numeric\" value",
                () -> BinaryCodec.decode(HEX.parseHex("000100000000000027ff"), DataType.NUMERIC));
        assertError("22P03", "insufficient data left in message",
                () -> BinaryCodec.decode(HEX.parseHex("00020000000000000001"), DataType.NUMERIC));
    }

    /** Expected bytes from timestamp_send / date_send / uuid_send / float4send / float8send on pg-ref. */
    @Test
    void fixedFormats() {
        assertEquals("0002b33cda967140", HEX.formatHex(BinaryCodec.encode(
                TypeAssertions.parse("2024-01-31 13:45:00.123456", DataType.TIMESTAMP), DataType.TIMESTAMP)));
        assertEquals("ffffffff", HEX.formatHex(BinaryCodec.encode(TypeAssertions.parse("1999-12-31", DataType.DATE), DataType.DATE)));
        assertEquals("0000000000000000", HEX.formatHex(BinaryCodec.encode(
                TypeAssertions.parse("2000-01-01 00:00:00+00", DataType.TIMESTAMPTZ), DataType.TIMESTAMPTZ)));
        assertEquals("a0eebc999c0b4ef8bb6d6bb9bd380a11", HEX.formatHex(BinaryCodec.encode(
                TypeAssertions.parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", DataType.UUID), DataType.UUID)));
        assertEquals("3fc00000", HEX.formatHex(BinaryCodec.encode(1.5f, DataType.FLOAT4)));
        assertEquals("bfb999999999999a", HEX.formatHex(BinaryCodec.encode(-0.1, DataType.FLOAT8)));
        assertEquals("fffffffe", HEX.formatHex(BinaryCodec.encode(4294967294L, DataType.OID)));
        assertEquals("ff85", HEX.formatHex(BinaryCodec.encode((short) -123, DataType.INT2)));
    }

    @Test
    void roundTripsEveryType() {
        String[][] cases = {
            {"bool", "t"}, {"int2", "-32768"}, {"int4", "2147483647"}, {"int8", "-9223372036854775808"},
            {"float4", "1.5e-05"}, {"float8", "-1e+300"}, {"numeric", "-1234567.000100"}, {"text", "héllo 😀"},
            {"varchar", "abc"}, {"bpchar", "ab  "}, {"name", "pg_class"}, {"char", "x"}, {"bytea", "\\x00ff10"},
            {"date", "0044-03-15 BC"}, {"timestamp", "1999-12-31 23:59:59.000001"},
            {"timestamptz", "1900-06-01 12:34:56.5+00"}, {"uuid", "00000000-0000-0000-8000-000000000000"}, {"oid", "4000000000"}};
        for (String[] c : cases) {
            DataType type = DataType.of(byName(c[0]));
            Object v = TypeAssertions.parse(c[1], type);
            Object back = BinaryCodec.decode(BinaryCodec.encode(v, type), type);
            assertEquals(c[1], TextCodec.format(back, type, TypeAssertions.UTC), c[0]);
        }
    }

    static PgType byName(String typname) {
        for (PgType t : PgType.values()) {
            if (t.typname().equals(typname)) {
                return t;
            }
        }
        throw new IllegalArgumentException(typname);
    }

    @Test
    void malformed() {
        assertError("22P03", "insufficient data left in message", () -> BinaryCodec.decode(new byte[3], DataType.INT4));
        assertError("22P03", "incorrect binary data format", () -> BinaryCodec.decode(new byte[5], DataType.INT4));
        assertError("22P03", "insufficient data left in message", () -> BinaryCodec.decode(new byte[0], DataType.BOOL));
        assertError("22021", "invalid byte sequence for encoding \"UTF8\"",
                () -> BinaryCodec.decode(new byte[] {(byte) 0xc3}, DataType.TEXT));
        assertError("22001", "value too long for type character varying(2)",
                () -> BinaryCodec.decode("abc".getBytes(), DataType.varchar(2)));
        assertArrayEquals(new byte[] {1}, BinaryCodec.encode(true, DataType.BOOL));
    }
}
