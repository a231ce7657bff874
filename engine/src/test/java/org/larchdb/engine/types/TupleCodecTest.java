package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.larchdb.engine.types.TypeAssertions.assertError;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TupleCodecTest {
    private static final DataType[] ALL = {
        DataType.BOOL, DataType.INT2, DataType.INT4, DataType.INT8, DataType.FLOAT4, DataType.FLOAT8,
        DataType.numeric(10, 2), DataType.TEXT, DataType.varchar(5), DataType.bpchar(3), DataType.NAME, DataType.CHAR,
        DataType.BYTEA, DataType.DATE, DataType.TIMESTAMP, DataType.TIMESTAMPTZ, DataType.UUID, DataType.OID};

    private static Object[] sampleRow() {
        return new Object[] {true, (short) -2, 123456, Long.MIN_VALUE, 1.5f, Double.NaN, new BigDecimal("-12345678.90"),
            "héllo 😀 \uD800", "abc", "ab ", "pg_class", "x", new byte[] {0, (byte) 0xff},
            LocalDate.of(-43, 3, 15), LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000),
            Instant.parse("1900-01-01T00:00:00.000001Z"), UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            4294967295L};
    }

    @Test
    void roundTripsEveryType() {
        TupleCodec codec = new TupleCodec(ALL);
        Object[] row = sampleRow();
        Object[] back = codec.decode(codec.encode(row));
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) back[i]);
            } else if (i == 7) {
                assertEquals("héllo 😀 \uFFFD", back[i]); // a lone surrogate cannot be stored in UTF-8
            } else {
                assertEquals(row[i], back[i], ALL[i].toString());
            }
        }
        assertEquals(2, ((BigDecimal) back[6]).scale());
    }

    @Test
    void nulls() {
        TupleCodec codec = new TupleCodec(ALL);
        Object[] row = sampleRow();
        for (int i = 0; i < row.length; i += 2) {
            row[i] = null;
        }
        Object[] back = codec.decode(codec.encode(row));
        for (int i = 0; i < row.length; i++) {
            if (i % 2 == 0) {
                assertNull(back[i]);
            }
        }
        assertEquals("ab ", back[9]);
        assertEquals(Long.MIN_VALUE, back[3]);
        Object[] allNull = new Object[ALL.length];
        assertEquals(2 + 3, codec.encode(allNull).length);
        assertArrayEquals(allNull, codec.decode(codec.encode(allNull)));
    }

    @Test
    void olderTupleWithFewerColumnsDecodesTrailingNulls() {
        TupleCodec before = new TupleCodec(new DataType[] {DataType.INT4, DataType.TEXT});
        TupleCodec after = new TupleCodec(new DataType[] {DataType.INT4, DataType.TEXT, DataType.INT8, DataType.TEXT});
        Object[] back = after.decode(before.encode(new Object[] {7, "seven"}));
        assertArrayEquals(new Object[] {7, "seven", null, null}, back);
    }

    @Test
    void compactEncoding() {
        TupleCodec codec = new TupleCodec(new DataType[] {DataType.INT4, DataType.TEXT});
        // 2 (count) + 1 (bitmap) + 4 (int4) + 1 (varint length) + 3 (bytes)
        assertEquals(11, codec.encode(new Object[] {1, "abc"}).length);
        String longText = "z".repeat(300);
        assertEquals(longText, codec.decode(codec.encode(new Object[] {1, longText}))[1]);
    }

    @Test
    void corruptTuples() {
        TupleCodec codec = new TupleCodec(new DataType[] {DataType.INT4, DataType.TEXT});
        byte[] good = codec.encode(new Object[] {1, "abc"});
        assertError("XX001", "tuple data is truncated", () -> codec.decode(java.util.Arrays.copyOf(good, good.length - 1)));
        TupleCodec narrower = new TupleCodec(new DataType[] {DataType.INT4});
        assertError("XX001", "tuple has 2 columns, relation has 1", () -> narrower.decode(good));
    }
}
