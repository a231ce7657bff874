package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.engine.types.TypeAssertions.UTC;
import static org.larchdb.engine.types.TypeAssertions.assertError;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.types.Casts.Context;

class CastsTest {

    private static Object explicit(Object v, DataType from, DataType to) {
        return Casts.cast(v, from, to, Context.EXPLICIT, UTC);
    }

    private static Object assign(Object v, DataType from, DataType to) {
        return Casts.cast(v, from, to, Context.ASSIGNMENT, UTC);
    }

    @Test
    void castContexts() {
        assertTrue(Casts.canCast(PgType.INT2, PgType.INT4, Context.IMPLICIT));
        assertTrue(Casts.canCast(PgType.INT4, PgType.FLOAT8, Context.IMPLICIT));
        assertTrue(Casts.canCast(PgType.INT8, PgType.NUMERIC, Context.IMPLICIT));
        assertTrue(Casts.canCast(PgType.NUMERIC, PgType.FLOAT4, Context.IMPLICIT));
        assertFalse(Casts.canCast(PgType.FLOAT4, PgType.NUMERIC, Context.IMPLICIT));
        assertTrue(Casts.canCast(PgType.FLOAT4, PgType.NUMERIC, Context.ASSIGNMENT));
        assertFalse(Casts.canCast(PgType.INT8, PgType.INT4, Context.IMPLICIT));
        assertTrue(Casts.canCast(PgType.INT8, PgType.INT4, Context.ASSIGNMENT));
        assertFalse(Casts.canCast(PgType.BOOL, PgType.INT4, Context.ASSIGNMENT));
        assertTrue(Casts.canCast(PgType.BOOL, PgType.INT4, Context.EXPLICIT));
        assertTrue(Casts.canCast(PgType.INT4, PgType.TEXT, Context.ASSIGNMENT)); // I/O conversion to string
        assertFalse(Casts.canCast(PgType.INT4, PgType.TEXT, Context.IMPLICIT));
        assertFalse(Casts.canCast(PgType.TEXT, PgType.INT4, Context.ASSIGNMENT));
        assertTrue(Casts.canCast(PgType.TEXT, PgType.INT4, Context.EXPLICIT));
        assertTrue(Casts.canCast(PgType.UNKNOWN, PgType.UUID, Context.IMPLICIT));
        assertTrue(Casts.canCast(PgType.DATE, PgType.TIMESTAMPTZ, Context.IMPLICIT));
        assertFalse(Casts.canCast(PgType.TIMESTAMP, PgType.DATE, Context.IMPLICIT));
        assertTrue(Casts.canCast(PgType.TIMESTAMP, PgType.DATE, Context.ASSIGNMENT));
        assertFalse(Casts.canCast(PgType.UUID, PgType.BYTEA, Context.EXPLICIT));
        assertTrue(Casts.canCast(PgType.TEXT, PgType.VARCHAR, Context.IMPLICIT));
    }

    @Test
    void numericToIntegerRoundsHalfAwayFromZero() {
        assertEquals(3, assign(new BigDecimal("2.5"), DataType.NUMERIC, DataType.INT4));
        assertEquals(-3, assign(new BigDecimal("-2.5"), DataType.NUMERIC, DataType.INT4));
        assertError("22003", "integer out of range", () -> assign(new BigDecimal("2147483647.5"), DataType.NUMERIC, DataType.INT4));
        assertError("22003", "smallint out of range", () -> assign(new BigDecimal("40000"), DataType.NUMERIC, DataType.INT2));
        assertError("22003", "bigint out of range", () -> assign(new BigDecimal("1e19"), DataType.NUMERIC, DataType.INT8));
    }

    @Test
    void floatToIntegerRoundsToEven() {
        assertEquals(2, assign(1.5, DataType.FLOAT8, DataType.INT4));
        assertEquals(2, assign(2.5, DataType.FLOAT8, DataType.INT4));
        assertEquals(-2, assign(-2.5f, DataType.FLOAT4, DataType.INT4));
        assertError("22003", "integer out of range", () -> assign(3e9, DataType.FLOAT8, DataType.INT4));
        assertError("22003", "integer out of range", () -> assign(Double.NaN, DataType.FLOAT8, DataType.INT4));
        assertError("22003", "bigint out of range", () -> assign(9.3e18, DataType.FLOAT8, DataType.INT8));
        assertEquals(Long.MIN_VALUE, assign(-9.223372036854775808e18, DataType.FLOAT8, DataType.INT8));
    }

    @Test
    void integerNarrowing() {
        assertError("22003", "smallint out of range", () -> assign(40000, DataType.INT4, DataType.INT2));
        assertEquals((short) 7, assign(7L, DataType.INT8, DataType.INT2));
        assertEquals(4000000000L, Casts.cast(4000000000L, DataType.INT8, DataType.OID, Context.IMPLICIT, UTC));
        assertEquals(4294967295L, Casts.cast(-1, DataType.INT4, DataType.OID, Context.IMPLICIT, UTC));
        assertError("22003", "OID out of range",
                () -> Casts.cast(5000000000L, DataType.INT8, DataType.OID, Context.IMPLICIT, UTC));
    }

    @Test
    void floats() {
        assertError("22003", "value out of range: overflow", () -> assign(1e39, DataType.FLOAT8, DataType.FLOAT4));
        assertError("22003", "value out of range: underflow", () -> assign(1e-50, DataType.FLOAT8, DataType.FLOAT4));
        assertEquals(Float.POSITIVE_INFINITY, assign(Double.POSITIVE_INFINITY, DataType.FLOAT8, DataType.FLOAT4));
        // float8/float4 -> numeric go through 15 / 6 significant digits (pg-ref: 0.1, 1e20, 12345678901234600)
        assertEquals("0.1", TextCodec.format(assign(0.1f, DataType.FLOAT4, DataType.NUMERIC), DataType.NUMERIC, UTC));
        assertEquals("100000000000000000000", TextCodec.format(assign(1e20, DataType.FLOAT8, DataType.NUMERIC), DataType.NUMERIC, UTC));
        assertEquals("12345678901234600", TextCodec.format(assign(12345678901234567.0, DataType.FLOAT8, DataType.NUMERIC),
                DataType.NUMERIC, UTC));
        assertEquals(new BigDecimal("1.23"), assign(1.234, DataType.FLOAT8, DataType.numeric(3, 2)));
        assertEquals(0.5, Casts.cast(new BigDecimal("0.5"), DataType.NUMERIC, DataType.FLOAT8, Context.IMPLICIT, UTC));
    }

    @Test
    void boolAndInt() {
        assertEquals(1, explicit(true, DataType.BOOL, DataType.INT4));
        assertEquals(false, explicit(0, DataType.INT4, DataType.BOOL));
        assertEquals(true, explicit(-5, DataType.INT4, DataType.BOOL));
        assertEquals("A", explicit(65, DataType.INT4, DataType.CHAR));
    }

    @Test
    void toAndFromText() {
        assertEquals("true", assign(true, DataType.BOOL, DataType.TEXT));
        assertEquals("true", assign(true, DataType.BOOL, DataType.VARCHAR));
        assertEquals("true ", explicit(true, DataType.BOOL, DataType.bpchar(5)));
        assertEquals("123", explicit(12345, DataType.INT4, DataType.varchar(3)));
        assertError("22001", "value too long for type character varying(3)", () -> assign(12345, DataType.INT4, DataType.varchar(3)));
        assertEquals("abc", explicit("abcd", DataType.varchar(10), DataType.varchar(3)));
        assertError("22001", "value too long for type character varying(3)",
                () -> assign("abcd", DataType.varchar(10), DataType.varchar(3)));
        assertEquals("abc", explicit("abcd", DataType.UNKNOWN, DataType.varchar(3)));
        assertEquals("ab", explicit("ab   ", DataType.bpchar(5), DataType.TEXT));
        assertEquals("1.50", explicit(new BigDecimal("1.50"), DataType.NUMERIC, DataType.TEXT));
        assertEquals("2024-01-31", explicit(LocalDate.of(2024, 1, 31), DataType.DATE, DataType.TEXT));
        assertEquals(42, explicit(" 42 ", DataType.TEXT, DataType.INT4));
        assertEquals(true, explicit("yes", DataType.TEXT, DataType.BOOL));
        assertEquals(7, explicit("7  ", DataType.bpchar(3), DataType.INT4));
        assertError("22P02", "invalid input syntax for type integer: \"x\"", () -> explicit("x", DataType.TEXT, DataType.INT4));
        assertError("22P02", "invalid input syntax for type boolean: \"maybe\"", () -> explicit("maybe", DataType.TEXT, DataType.BOOL));
        assertEquals(new BigDecimal("1.5"), Casts.cast("1.5", DataType.UNKNOWN, DataType.NUMERIC, Context.IMPLICIT, UTC));
        assertError("22003", "numeric field overflow", () -> assign(new BigDecimal("1234.5"), DataType.NUMERIC, DataType.numeric(5, 2)));
    }

    @Test
    void dateTimes() {
        TextFormat paris = TextFormat.of(ZoneId.of("Europe/Paris"));
        LocalDate d = LocalDate.of(2024, 6, 1);
        assertEquals(LocalDateTime.of(2024, 6, 1, 0, 0), Casts.cast(d, DataType.DATE, DataType.TIMESTAMP, Context.IMPLICIT, paris));
        assertEquals(Instant.parse("2024-05-31T22:00:00Z"), Casts.cast(d, DataType.DATE, DataType.TIMESTAMPTZ, Context.IMPLICIT, paris));
        assertEquals(d, Casts.cast(LocalDateTime.of(2024, 6, 1, 23, 59), DataType.TIMESTAMP, DataType.DATE, Context.ASSIGNMENT, paris));
        assertEquals(LocalDate.of(2024, 6, 2),
                Casts.cast(Instant.parse("2024-06-01T22:30:00Z"), DataType.TIMESTAMPTZ, DataType.DATE, Context.ASSIGNMENT, paris));
        assertEquals("2024-06-01 00:30:00+02",
                Casts.cast(Instant.parse("2024-05-31T22:30:00Z"), DataType.TIMESTAMPTZ, DataType.TEXT, Context.EXPLICIT, paris));
    }

    @Test
    void impossibleCast() {
        assertError("42846", "cannot cast type uuid to bytea",
                () -> explicit(java.util.UUID.randomUUID(), DataType.UUID, DataType.BYTEA));
    }
}
