package org.larchdb.engine.types;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * Order-preserving encoding of index keys: for two keys a and b of one {@link KeySpec},
 * {@code Arrays.compareUnsigned(encode(a), encode(b))} has the sign of comparing them column by
 * column with {@link Comparisons#compare} (NULLs placed as the column says, DESC inverted). The
 * B+tree can then compare keys as plain bytes, without knowing types.
 *
 * <p>Per column: one marker byte (NULL_LOW 0x00 for a NULL sorting first, VALUE 0x01, NULL_HIGH
 * 0x02 for a NULL sorting last) followed, for a non-NULL, by the value's bytes — XOR 0xFF for a
 * DESC column. Every value encoding is self-delimiting (fixed width, or escaped and terminated),
 * so a column never bleeds into the next one and a key prefix sorts before its extensions:
 * <ul>
 *   <li>bool 1 byte; int2/4/8, date (days), timestamp[tz] (µs) big-endian with the sign bit
 *       flipped; the infinity sentinels map to PostgreSQL's int extremes, so they sort last/first;
 *       oid 4 bytes unsigned; uuid 16 bytes; time (µs) 8 bytes; timetz the UTC µs (sign flipped) then the
 *       zone west; interval its 128-bit span in µs (30-day months), sign flipped</li>
 *   <li>float4/8: -0 becomes 0, every NaN one NaN; positive values flip the sign bit, negative
 *       ones flip all bits (IEEE order), so -Infinity &lt; ... &lt; Infinity &lt; NaN</li>
 *   <li>numeric: a class byte (-Infinity, negative, zero, positive, Infinity, NaN), then for
 *       non-zero finite values the decimal exponent (4 bytes, sign flipped) and the significant
 *       digits two per byte (1..100) ending in 0x00; negative values invert those bytes, so a
 *       larger magnitude sorts first. Trailing zeros are stripped: 1.0 and 1.00 encode alike
 *       (numeric equality ignores scale)</li>
 *   <li>text, varchar, name, "char", bytea: UTF-8 (C collation = code point order = UTF-8 byte
 *       order) or the raw bytes, 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x01; bpchar
 *       drops trailing spaces first (they are insignificant in its comparisons)</li>
 * </ul>
 */
public final class KeyEncoder {
    private static final int NULL_LOW = 0x00;
    private static final int VALUE = 0x01;
    private static final int NULL_HIGH = 0x02;

    private final KeySpec spec;

    public KeyEncoder(KeySpec spec) {
        this.spec = spec;
    }

    public KeySpec spec() {
        return spec;
    }

    /** Encodes a full key: one value per column (Java null for SQL NULL). */
    public byte[] encode(Object[] values) {
        if (values.length != spec.size()) {
            throw new IllegalArgumentException("key has " + values.length + " values, index has "
                    + spec.size() + " columns");
        }
        return encodePrefix(values);
    }

    /**
     * Encodes the first {@code values.length} columns. Every full key whose leading columns equal
     * these values starts with the result, so {@code [prefix, successor(prefix))} is the range
     * of keys with those leading columns.
     */
    public byte[] encodePrefix(Object[] values) {
        if (values.length > spec.size()) {
            throw new IllegalArgumentException("key prefix longer than the index key");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * values.length);
        for (int i = 0; i < values.length; i++) {
            KeySpec.Column column = spec.columns().get(i);
            Object v = values[i];
            if (v == null) {
                out.write(column.nullsFirst() ? NULL_LOW : NULL_HIGH);
                continue;
            }
            out.write(VALUE);
            int start = out.size();
            ByteArrayOutputStream colOut = column.descending() ? new ByteArrayOutputStream() : out;
            encodeValue(colOut, v, column.type());
            if (column.descending()) {
                byte[] b = colOut.toByteArray();
                for (int j = 0; j < b.length; j++) {
                    b[j] ^= (byte) 0xff;
                }
                out.write(b, 0, b.length);
            }
            assert out.size() > start;
        }
        return out.toByteArray();
    }

    /**
     * The smallest byte string greater than every string starting with {@code prefix} (an
     * exclusive upper bound for a prefix scan), or null when there is none (all 0xFF).
     */
    public static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] s = java.util.Arrays.copyOf(prefix, i + 1);
                s[i]++;
                return s;
            }
        }
        return null;
    }

    private static void encodeValue(ByteArrayOutputStream out, Object v, PgType type) {
        switch (type) {
            case BOOL -> out.write((Boolean) v ? 1 : 0);
            case INT2 -> putBigEndian(out, ((Short) v) ^ 0x8000, 2);
            case INT4 -> putBigEndian(out, ((Integer) v) ^ 0x8000_0000L, 4);
            case INT8 -> putBigEndian(out, ((Long) v) ^ Long.MIN_VALUE, 8);
            case OID -> putBigEndian(out, (Long) v, 4);
            case FLOAT4 -> putBigEndian(out, floatBits((Float) v), 4);
            case FLOAT8 -> putBigEndian(out, doubleBits((Double) v), 8);
            case NUMERIC -> encodeNumeric(out, v);
            case TEXT, VARCHAR, NAME, CHAR, UNKNOWN -> putEscaped(out, ((String) v).getBytes(StandardCharsets.UTF_8));
            case BPCHAR -> {
                String s = (String) v;
                putEscaped(out, s.substring(0, Comparisons.trimmedLength(s)).getBytes(StandardCharsets.UTF_8));
            }
            case BYTEA -> putEscaped(out, (byte[]) v);
            case UUID -> {
                UUID u = (UUID) v;
                putBigEndian(out, u.getMostSignificantBits(), 8);
                putBigEndian(out, u.getLeastSignificantBits(), 8);
            }
            case DATE -> putBigEndian(out, DateTimeText.dateToPgDays((LocalDate) v) ^ 0x8000_0000L, 4);
            case TIMESTAMP -> putBigEndian(out,
                    DateTimeText.timestampToPgMicros((LocalDateTime) v) ^ Long.MIN_VALUE, 8);
            case TIMESTAMPTZ -> putBigEndian(out, DateTimeText.instantToPgMicros((Instant) v) ^ Long.MIN_VALUE, 8);
            case TIME -> putBigEndian(out, TimeText.toMicros((java.time.LocalTime) v), 8);
            case TIMETZ -> {
                // timetz order: UTC time, then zone west of UTC; the UTC time may lie outside one day
                java.time.OffsetTime t = (java.time.OffsetTime) v;
                int east = t.getOffset().getTotalSeconds();
                putBigEndian(out, (TimeText.toMicros(t.toLocalTime()) - east * 1_000_000L) ^ Long.MIN_VALUE, 8);
                putBigEndian(out, (-east) ^ 0x8000_0000L, 4);
            }
            case JSON, JSONB -> throw org.larchdb.engine.error.DbException.notSupported("index keys of type "
                    + type.sqlName());
            case BOOL_ARRAY, BYTEA_ARRAY, NAME_ARRAY, INT2_ARRAY, INT4_ARRAY, TEXT_ARRAY, BPCHAR_ARRAY, VARCHAR_ARRAY,
                 INT8_ARRAY, FLOAT4_ARRAY, FLOAT8_ARRAY, TIMESTAMP_ARRAY, DATE_ARRAY, TIMESTAMPTZ_ARRAY, NUMERIC_ARRAY,
                 UUID_ARRAY, JSON_ARRAY, JSONB_ARRAY -> {
                // element by element (nulls above values, as array_cmp), then a terminator so a prefix sorts first
                for (Object e : ((ArrayValue) v).elements()) {
                    if (e == null) {
                        out.write(NULL_HIGH);
                    } else {
                        out.write(VALUE);
                        encodeValue(out, e, type.element());
                    }
                }
                out.write(0);
            }
            case INTERVAL -> {
                // the 128-bit span: equal spans ('1 mon', '30 days') encode alike, as they compare equal
                long[] span = ((Interval) v).span128();
                putBigEndian(out, span[0] ^ Long.MIN_VALUE, 8);
                putBigEndian(out, span[1], 8);
            }
        }
    }

    private static long floatBits(float f) {
        if (Float.isNaN(f)) {
            f = Float.NaN;
        } else if (f == 0.0f) {
            f = 0.0f; // -0 equals 0
        }
        int bits = Float.floatToIntBits(f);
        return (bits < 0 ? ~bits : bits ^ 0x8000_0000) & 0xffff_ffffL;
    }

    private static long doubleBits(double d) {
        if (Double.isNaN(d)) {
            d = Double.NaN;
        } else if (d == 0.0) {
            d = 0.0;
        }
        long bits = Double.doubleToLongBits(d);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static void encodeNumeric(ByteArrayOutputStream out, Object v) {
        if (v instanceof NumericSpecial sp) {
            out.write(switch (sp) {
                case NEG_INF -> 0x01;
                case POS_INF -> 0x05;
                case NAN -> 0x06;
            });
            return;
        }
        BigDecimal d = (BigDecimal) v;
        int sign = d.signum();
        if (sign == 0) {
            out.write(0x03);
            return;
        }
        out.write(sign < 0 ? 0x02 : 0x04);
        BigDecimal abs = d.abs().stripTrailingZeros();
        BigInteger unscaled = abs.unscaledValue();
        String digits = unscaled.toString();
        // abs = 0.d1d2d3... * 10^exponent
        long exponent = (long) digits.length() - abs.scale();
        ByteArrayOutputStream mag = new ByteArrayOutputStream(8 + digits.length() / 2);
        putBigEndian(mag, (exponent ^ 0x8000_0000L) & 0xffff_ffffL, 4);
        for (int i = 0; i < digits.length(); i += 2) {
            int hi = digits.charAt(i) - '0';
            int lo = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
            mag.write(hi * 10 + lo + 1);
        }
        mag.write(0);
        byte[] b = mag.toByteArray();
        if (sign < 0) {
            for (int i = 0; i < b.length; i++) {
                b[i] ^= (byte) 0xff;
            }
        }
        out.write(b, 0, b.length);
    }

    private static void putEscaped(ByteArrayOutputStream out, byte[] bytes) {
        for (byte b : bytes) {
            out.write(b);
            if (b == 0) {
                out.write(0xff);
            }
        }
        out.write(0);
        out.write(1);
    }

    private static void putBigEndian(ByteArrayOutputStream out, long value, int width) {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }
}
