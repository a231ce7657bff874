package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ComparisonsTest {

    @Test
    void floats() {
        assertTrue(Comparisons.compare(Double.NaN, Double.POSITIVE_INFINITY, PgType.FLOAT8) > 0);
        assertEquals(0, Comparisons.compare(Double.NaN, Double.NaN, PgType.FLOAT8));
        assertEquals(0, Comparisons.compare(-0.0, 0.0, PgType.FLOAT8));
        assertEquals(0, Comparisons.compare(-0.0f, 0.0f, PgType.FLOAT4));
        assertTrue(Comparisons.compare(Float.NEGATIVE_INFINITY, -1e30f, PgType.FLOAT4) < 0);
    }

    @Test
    void numbers() {
        assertEquals(0, Comparisons.compare(new BigDecimal("1.50"), new BigDecimal("1.5"), PgType.NUMERIC));
        assertTrue(Comparisons.compare((short) -1, (short) 1, PgType.INT2) < 0);
        assertTrue(Comparisons.compare(Long.MIN_VALUE, 0L, PgType.INT8) < 0);
        assertTrue(Comparisons.compare(false, true, PgType.BOOL) < 0);
    }

    @Test
    void textInCodePointOrder() {
        assertTrue(Comparisons.compare("B", "a", PgType.TEXT) < 0);
        assertTrue(Comparisons.compare("abc", "abd", PgType.TEXT) < 0);
        assertTrue(Comparisons.compare("ab", "abc", PgType.VARCHAR) < 0);
        // U+FFFD sorts below U+1F600 in code point order although its UTF-16 unit is larger than a surrogate
        assertTrue(Comparisons.compare("\uFFFD", "😀", PgType.TEXT) < 0);
        assertEquals(0, Comparisons.compare("abc  ", "abc", PgType.BPCHAR));
        assertTrue(Comparisons.compare("ab ", "ab!", PgType.BPCHAR) < 0);
    }

    @Test
    void unsignedBytes() {
        assertTrue(Comparisons.compare(new byte[] {(byte) 0x80}, new byte[] {0x7f}, PgType.BYTEA) > 0);
        assertTrue(Comparisons.compare(new byte[] {1}, new byte[] {1, 0}, PgType.BYTEA) < 0);
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        assertTrue(Comparisons.compare(low, high, PgType.UUID) < 0);
    }
}
