package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.engine.types.TypeAssertions.UTC;
import static org.larchdb.engine.types.TypeAssertions.assertError;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Date/time infinities and numeric NaN/±Infinity; expected values from pg-ref. */
class SpecialValuesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static Object parse(String text, DataType type) {
        return TextCodec.parse(text, type, UTC);
    }

    private static Object cast(Object v, DataType from, DataType to) {
        return Casts.cast(v, from, to, Casts.Context.EXPLICIT, UTC);
    }

    private static String text(Object v, DataType type) {
        return TextCodec.format(v, type, UTC);
    }

    private static Object op(String op, Object a, DataType at, Object b, DataType bt) {
        Operator o = Operators.resolveBinary(op, at, bt);
        return o.apply(cast(a, at, o.left()), cast(b, bt, o.right()));
    }

    @Test
    void infinitiesAreTheJavaSentinels() {
        assertEquals(LocalDate.MAX, parse("infinity", DataType.DATE));
        assertEquals(LocalDate.MIN, parse("-infinity", DataType.DATE));
        assertEquals(LocalDateTime.MAX, parse("+Infinity", DataType.TIMESTAMP));
        assertEquals(LocalDateTime.MIN, parse("-infinity", DataType.TIMESTAMP));
        assertEquals(Instant.MAX, parse("infinity", DataType.TIMESTAMPTZ));
        assertEquals(Instant.MIN, parse("-infinity", DataType.TIMESTAMPTZ));
        assertEquals("infinity|-infinity", text(Instant.MAX, DataType.TIMESTAMPTZ) + "|"
                + text(LocalDateTime.MIN, DataType.TIMESTAMP));
    }

    /** date_send/timestamp_send/timestamptz_send of the infinities: the integer type's largest and smallest. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"date|infinity|7fffffff", "date|-infinity|80000000",
        "timestamp|infinity|7fffffffffffffff", "timestamp|-infinity|8000000000000000",
        "timestamptz|-infinity|8000000000000000", "timestamptz|infinity|7fffffffffffffff"})
    void infinityBinary(String typeName, String text, String hex) {
        DataType type = DataType.of(PgType.valueOf(typeName.toUpperCase(java.util.Locale.ROOT)));
        Object v = parse(text, type);
        assertEquals(hex, HEX.formatHex(BinaryCodec.encode(v, type)));
        assertEquals(v, BinaryCodec.decode(HEX.parseHex(hex), type));
    }

    @Test
    void infinitiesCompareOutsideEveryFiniteValue() {
        assertTrue(Comparisons.compare(LocalDate.MAX, parse("5874897-12-31", DataType.DATE), PgType.DATE) > 0);
        assertTrue(Comparisons.compare(LocalDate.MIN, parse("4714-11-24 BC", DataType.DATE), PgType.DATE) < 0);
        assertTrue(Comparisons.compare(Instant.MIN, parse("4713-01-01 BC", DataType.TIMESTAMPTZ), PgType.TIMESTAMPTZ) < 0);
        assertTrue(Comparisons.compare(LocalDateTime.MAX, parse("294276-12-31 23:59:59", DataType.TIMESTAMP),
                PgType.TIMESTAMP) > 0);
        assertEquals(true, op("=", LocalDate.MAX, DataType.DATE, LocalDateTime.MAX, DataType.TIMESTAMP));
        assertEquals(0, Comparisons.compare(Instant.MAX, Instant.MAX, PgType.TIMESTAMPTZ));
    }

    @Test
    void infinitiesCastAndStayInfiniteInArithmetic() {
        assertSame(LocalDate.MIN, cast(LocalDateTime.MIN, DataType.TIMESTAMP, DataType.DATE));
        assertSame(Instant.MAX, cast(LocalDate.MAX, DataType.DATE, DataType.TIMESTAMPTZ));
        assertSame(LocalDateTime.MAX, cast(Instant.MAX, DataType.TIMESTAMPTZ, DataType.TIMESTAMP));
        assertEquals("infinity", cast(LocalDate.MAX, DataType.DATE, DataType.TEXT));
        assertEquals(LocalDate.MIN, op("+", LocalDate.MIN, DataType.DATE, 5, DataType.INT4));
        assertEquals(LocalDate.MAX, op("+", 5, DataType.INT4, LocalDate.MAX, DataType.DATE));
        assertEquals(LocalDate.MAX, op("-", LocalDate.MAX, DataType.DATE, 5, DataType.INT4));
        assertError("22008", "cannot subtract infinite dates",
                () -> op("-", LocalDate.MAX, DataType.DATE, LocalDate.of(2020, 1, 1), DataType.DATE));
    }

    @Test
    void dateTimeRangeOnCasts() {
        assertError("22008", "date out of range for timestamp",
                () -> cast(LocalDate.of(5874897, 12, 31), DataType.DATE, DataType.TIMESTAMP));
    }

    @Test
    void infinitiesInTuples() {
        DataType[] cols = {DataType.DATE, DataType.TIMESTAMP, DataType.TIMESTAMPTZ, DataType.NUMERIC,
            DataType.NUMERIC, DataType.NUMERIC, DataType.NUMERIC};
        TupleCodec codec = new TupleCodec(cols);
        Object[] row = {LocalDate.MIN, LocalDateTime.MAX, Instant.MIN, NumericSpecial.NAN, NumericSpecial.POS_INF,
            NumericSpecial.NEG_INF, new BigDecimal("-1.50")};
        Object[] back = codec.decode(codec.encode(row));
        assertEquals(java.util.Arrays.asList(row), java.util.Arrays.asList(back));
    }

    @Test
    void numericSpecialText() {
        assertSame(NumericSpecial.NAN, parse("NaN", DataType.NUMERIC));
        assertSame(NumericSpecial.NAN, parse("NaN", DataType.numeric(5, 2)));
        assertSame(NumericSpecial.NEG_INF, parse(" -inf ", DataType.NUMERIC));
        assertEquals("NaN|Infinity|-Infinity", text(NumericSpecial.NAN, DataType.NUMERIC) + "|"
                + text(NumericSpecial.POS_INF, DataType.NUMERIC) + "|" + text(NumericSpecial.NEG_INF, DataType.NUMERIC));
        var e = assertError("22003", "numeric field overflow", () -> parse("Infinity", DataType.numeric(5, 2)));
        assertEquals("A field with precision 5, scale 2 cannot hold an infinite value.", e.detail());
    }

    /** numeric_send output from pg-ref. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"NaN|00000000c0000000", "Infinity|00000000d0000020",
        "-Infinity|00000000f0000020"})
    void numericSpecialBinary(String text, String hex) {
        Object v = parse(text, DataType.NUMERIC);
        assertEquals(hex, HEX.formatHex(BinaryCodec.encode(v, DataType.NUMERIC)));
        assertSame(v, BinaryCodec.decode(HEX.parseHex(hex), DataType.NUMERIC));
    }

    @Test
    void numericSpecialOrder() {
        Object nan = NumericSpecial.NAN;
        Object inf = NumericSpecial.POS_INF;
        Object ninf = NumericSpecial.NEG_INF;
        BigDecimal big = new BigDecimal("1e1000");
        assertTrue(Comparisons.compare(nan, inf, PgType.NUMERIC) > 0);
        assertTrue(Comparisons.compare(inf, big, PgType.NUMERIC) > 0);
        assertTrue(Comparisons.compare(ninf, big.negate(), PgType.NUMERIC) < 0);
        assertEquals(0, Comparisons.compare(nan, NumericSpecial.NAN, PgType.NUMERIC));
        assertEquals(true, op("=", nan, DataType.NUMERIC, nan, DataType.NUMERIC));
        assertEquals(true, op(">", nan, DataType.NUMERIC, inf, DataType.NUMERIC));
    }

    @Test
    void numericSpecialCasts() {
        assertSame(NumericSpecial.NAN, cast(Double.NaN, DataType.FLOAT8, DataType.NUMERIC));
        assertSame(NumericSpecial.NEG_INF, cast(Float.NEGATIVE_INFINITY, DataType.FLOAT4, DataType.NUMERIC));
        assertEquals(Float.NaN, cast(NumericSpecial.NAN, DataType.NUMERIC, DataType.FLOAT4));
        assertEquals(Float.NEGATIVE_INFINITY, cast(NumericSpecial.NEG_INF, DataType.NUMERIC, DataType.FLOAT4));
        assertEquals(Double.POSITIVE_INFINITY, cast(NumericSpecial.POS_INF, DataType.NUMERIC, DataType.FLOAT8));
        assertEquals("NaN", cast(NumericSpecial.NAN, DataType.NUMERIC, DataType.TEXT));
        assertError("0A000", "cannot convert NaN to integer", () -> cast(NumericSpecial.NAN, DataType.NUMERIC, DataType.INT4));
        assertError("0A000", "cannot convert NaN to bigint", () -> cast(NumericSpecial.NAN, DataType.NUMERIC, DataType.INT8));
        assertError("0A000", "cannot convert NaN to smallint", () -> cast(NumericSpecial.NAN, DataType.NUMERIC, DataType.INT2));
        assertError("0A000", "cannot convert infinity to integer",
                () -> cast(NumericSpecial.NEG_INF, DataType.NUMERIC, DataType.INT4));
        assertError("22003", "numeric field overflow",
                () -> cast(NumericSpecial.POS_INF, DataType.NUMERIC, DataType.numeric(5, 2)));
    }

    /** Results from pg-ref: SELECT 'NaN'::numeric + 1, 'inf'::numeric - 'inf', ... */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"NaN|+|1|NaN", "1|-|NaN|NaN", "Infinity|-|Infinity|NaN",
        "Infinity|+|-Infinity|NaN", "Infinity|+|5|Infinity", "5|-|Infinity|-Infinity", "-Infinity|-|Infinity|-Infinity",
        "Infinity|*|0|NaN", "-Infinity|*|-2|Infinity", "Infinity|*|Infinity|Infinity", "1|/|Infinity|0",
        "Infinity|/|-2|-Infinity", "Infinity|/|Infinity|NaN", "Infinity|%|2|NaN", "5|%|-Infinity|5",
        "NaN|%|0|NaN", "NaN|/|0|NaN"})
    void numericSpecialArithmetic(String a, String op, String b, String expected) {
        Object r = op(op, parse(a, DataType.NUMERIC), DataType.NUMERIC, parse(b, DataType.NUMERIC), DataType.NUMERIC);
        assertEquals(expected, text(r, DataType.NUMERIC));
    }

    @Test
    void numericSpecialErrorsAndNegation() {
        assertError("22012", "division by zero", () -> op("/", NumericSpecial.POS_INF, DataType.NUMERIC,
                BigDecimal.ZERO, DataType.NUMERIC));
        assertError("22012", "division by zero", () -> op("%", NumericSpecial.NEG_INF, DataType.NUMERIC,
                BigDecimal.ZERO, DataType.NUMERIC));
        Operator neg = Operators.resolvePrefix("-", DataType.NUMERIC);
        assertSame(NumericSpecial.NEG_INF, neg.apply(null, NumericSpecial.POS_INF));
        assertSame(NumericSpecial.NAN, neg.apply(null, NumericSpecial.NAN));
    }
}
