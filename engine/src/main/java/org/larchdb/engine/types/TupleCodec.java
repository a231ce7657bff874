package org.larchdb.engine.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * The on-page format of a row of a relation: encodes an {@code Object[]} row of values of the
 * relation's column types into bytes and back.
 *
 * <p>Format (all integers big-endian):
 * <pre>
 *   u16 natts                     number of columns written (may be fewer than the relation has now)
 *   ceil(natts / 8) bytes         null bitmap, bit (i % 8) of byte (i / 8) set when column i is NULL
 *   for each non-null column:     fixed-size types in their binary wire form (bool 1, int2 2, int4/float4/oid/date 4,
 *                                 int8/float8/timestamp/timestamptz 8, uuid 16 bytes; date/time infinities as
 *                                 PostgreSQL stores them, the integer type's largest and smallest values);
 *                                 variable ones as an unsigned LEB128 varint length and the bytes: UTF-8 for strings,
 *                                 raw for bytea, and for numeric a varint scale then the two's-complement unscaled value
 *                                 (NaN, Infinity, -Infinity: the scale 1, 2, 3 alone, without a value)
 * </pre>
 * Values are not aligned: tuples are copied out of pages, never mapped onto structs.
 */
public final class TupleCodec {
    private final DataType[] columns;

    public TupleCodec(DataType[] columns) {
        this.columns = columns.clone();
    }

    public int columnCount() {
        return columns.length;
    }

    /** Encodes a row (one value per column, null for SQL NULL). */
    public byte[] encode(Object[] row) {
        int n = columns.length;
        if (row.length != n) {
            throw DbException.internal("row has " + row.length + " values for " + n + " columns", null);
        }
        int bitmapBytes = (n + 7) >>> 3;
        Writer w = new Writer(2 + bitmapBytes + 8 * n);
        w.u16(n);
        int bitmapAt = w.pos;
        w.pos += bitmapBytes;
        for (int i = 0; i < n; i++) {
            Object v = row[i];
            if (v == null) {
                w.buf[bitmapAt + (i >>> 3)] |= (byte) (1 << (i & 7));
            } else {
                writeValue(w, v, columns[i].type());
            }
        }
        return w.pos == w.buf.length ? w.buf : Arrays.copyOf(w.buf, w.pos);
    }

    /**
     * Decodes a row. A tuple written with fewer columns than the relation has now (a column added
     * later) decodes with NULL for the missing trailing columns.
     */
    public Object[] decode(byte[] tuple) {
        try {
            int natts = ((tuple[0] & 0xff) << 8) | (tuple[1] & 0xff);
            if (natts > columns.length) {
                throw new DbException(SqlState.DATA_CORRUPTED,
                        "tuple has " + natts + " columns, relation has " + columns.length);
            }
            Object[] row = new Object[columns.length];
            int bitmapAt = 2;
            int[] pos = {2 + ((natts + 7) >>> 3)};
            for (int i = 0; i < natts; i++) {
                if ((tuple[bitmapAt + (i >>> 3)] & (1 << (i & 7))) == 0) {
                    row[i] = readValue(tuple, pos, columns[i].type());
                }
            }
            return row;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new DbException(SqlState.DATA_CORRUPTED, "tuple data is truncated");
        }
    }

    private static void writeValue(Writer w, Object v, PgType type) {
        switch (type) {
            case BOOL -> w.u8(((Boolean) v) ? 1 : 0);
            case INT2 -> w.u16((Short) v);
            case INT4 -> w.i32((Integer) v);
            case INT8 -> w.i64((Long) v);
            case OID -> w.i32((int) (long) (Long) v);
            case FLOAT4 -> w.i32(Float.floatToRawIntBits((Float) v));
            case FLOAT8 -> w.i64(Double.doubleToRawLongBits((Double) v));
            case DATE -> w.i32(DateTimeText.dateToPgDays((LocalDate) v));
            case TIMESTAMP -> w.i64(DateTimeText.timestampToPgMicros((LocalDateTime) v));
            case TIMESTAMPTZ -> w.i64(DateTimeText.instantToPgMicros((Instant) v));
            case TIME -> w.i64(TimeText.toMicros((java.time.LocalTime) v));
            case TIMETZ -> {
                java.time.OffsetTime t = (java.time.OffsetTime) v;
                w.i64(TimeText.toMicros(t.toLocalTime()));
                w.i32(-t.getOffset().getTotalSeconds());
            }
            case INTERVAL -> {
                Interval i = (Interval) v;
                w.i64(i.micros());
                w.i32(i.days());
                w.i32(i.months());
            }
            case UUID -> {
                java.util.UUID u = (java.util.UUID) v;
                w.i64(u.getMostSignificantBits());
                w.i64(u.getLeastSignificantBits());
            }
            case BYTEA -> {
                byte[] b = (byte[]) v;
                w.varint(b.length);
                w.bytes(b);
            }
            case NUMERIC -> {
                if (v instanceof NumericSpecial sp) {
                    // a scale and no digits: the scale says which special value (see the class comment)
                    w.varint(1);
                    w.varint(sp.ordinal() + 1);
                    return;
                }
                BigDecimal d = (BigDecimal) v;
                byte[] unscaled = d.unscaledValue().toByteArray();
                w.varint(unscaled.length + varintSize(d.scale()));
                w.varint(d.scale());
                w.bytes(unscaled);
            }
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR, UNKNOWN, JSON -> w.utf8((String) v);
            case JSONB -> w.utf8(v.toString());
            default -> {
                // arrays: their binary wire form, which needs no session settings to read back
                byte[] b = BinaryCodec.encode(v, DataType.of(type));
                w.varint(b.length);
                w.bytes(b);
            }
        }
    }

    private static Object readValue(byte[] t, int[] pos, PgType type) {
        int p = pos[0];
        Object v;
        switch (type) {
            case BOOL -> {
                v = t[p] != 0;
                p += 1;
            }
            case INT2 -> {
                v = (short) (((t[p] & 0xff) << 8) | (t[p + 1] & 0xff));
                p += 2;
            }
            case INT4 -> {
                v = BinaryCodec.readInt(t, p);
                p += 4;
            }
            case INT8 -> {
                v = BinaryCodec.readLong(t, p);
                p += 8;
            }
            case OID -> {
                v = BinaryCodec.readInt(t, p) & 0xffffffffL;
                p += 4;
            }
            case FLOAT4 -> {
                v = Float.intBitsToFloat(BinaryCodec.readInt(t, p));
                p += 4;
            }
            case FLOAT8 -> {
                v = Double.longBitsToDouble(BinaryCodec.readLong(t, p));
                p += 8;
            }
            case DATE -> {
                v = DateTimeText.pgDaysToDate(BinaryCodec.readInt(t, p));
                p += 4;
            }
            case TIMESTAMP -> {
                v = DateTimeText.pgMicrosToTimestamp(BinaryCodec.readLong(t, p));
                p += 8;
            }
            case TIMESTAMPTZ -> {
                v = DateTimeText.pgMicrosToInstant(BinaryCodec.readLong(t, p));
                p += 8;
            }
            case TIME -> {
                v = TimeText.fromMicros(BinaryCodec.readLong(t, p));
                p += 8;
            }
            case TIMETZ -> {
                v = BinaryCodec.timetz(BinaryCodec.readLong(t, p), BinaryCodec.readInt(t, p + 8));
                p += 12;
            }
            case INTERVAL -> {
                v = new Interval(BinaryCodec.readInt(t, p + 12), BinaryCodec.readInt(t, p + 8),
                        BinaryCodec.readLong(t, p));
                p += 16;
            }
            case UUID -> {
                v = new java.util.UUID(BinaryCodec.readLong(t, p), BinaryCodec.readLong(t, p + 8));
                p += 16;
            }
            default -> {
                // variable length: varint length, then the payload
                long len = 0;
                int shift = 0;
                byte b;
                do {
                    b = t[p++];
                    len |= (long) (b & 0x7f) << shift;
                    shift += 7;
                } while (b < 0);
                int n = (int) len;
                if (p + n > t.length) {
                    throw new ArrayIndexOutOfBoundsException(p + n);
                }
                v = switch (type) {
                    case BYTEA -> Arrays.copyOfRange(t, p, p + n);
                    case NUMERIC -> {
                        int scale = 0;
                        int s = 0;
                        int q = p;
                        byte c;
                        do {
                            c = t[q++];
                            scale |= (c & 0x7f) << s;
                            s += 7;
                        } while (c < 0);
                        if (q == p + n) {
                            yield NumericSpecial.values()[scale - 1];
                        }
                        yield new BigDecimal(new BigInteger(t, q, p + n - q), scale);
                    }
                    case JSONB -> Jsonb.parse(new String(t, p, n, StandardCharsets.UTF_8));
                    case TEXT, VARCHAR, BPCHAR, NAME, CHAR, UNKNOWN, JSON -> new String(t, p, n, StandardCharsets.UTF_8);
                    default -> BinaryCodec.decode(Arrays.copyOfRange(t, p, p + n), DataType.of(type));
                };
                p += n;
            }
        }
        pos[0] = p;
        return v;
    }

    private static int varintSize(int v) {
        int size = 1;
        while ((v & ~0x7f) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    /** A growable output buffer; one per encode call, so the codec stays safe to share between sessions. */
    private static final class Writer {
        byte[] buf;
        int pos;

        Writer(int capacity) {
            buf = new byte[Math.max(capacity, 16)];
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        void u8(int v) {
            ensure(1);
            buf[pos++] = (byte) v;
        }

        void u16(int v) {
            ensure(2);
            buf[pos++] = (byte) (v >> 8);
            buf[pos++] = (byte) v;
        }

        void i32(int v) {
            ensure(4);
            buf[pos++] = (byte) (v >> 24);
            buf[pos++] = (byte) (v >> 16);
            buf[pos++] = (byte) (v >> 8);
            buf[pos++] = (byte) v;
        }

        void i64(long v) {
            i32((int) (v >> 32));
            i32((int) v);
        }

        void varint(int v) {
            ensure(5);
            while ((v & ~0x7f) != 0) {
                buf[pos++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        /** Writes a varint UTF-8 length and the UTF-8 bytes without an intermediate byte array. */
        void utf8(String s) {
            int n = s.length();
            int len = 0;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    len += 1;
                } else if (c < 0x800) {
                    len += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    len += 4;
                    i++;
                } else {
                    len += 3;
                }
            }
            varint(len);
            ensure(len);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    buf[pos++] = (byte) c;
                } else if (c < 0x800) {
                    buf[pos++] = (byte) (0xc0 | (c >> 6));
                    buf[pos++] = (byte) (0x80 | (c & 0x3f));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[pos++] = (byte) (0xf0 | (cp >> 18));
                    buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    buf[pos++] = (byte) (0x80 | (cp & 0x3f));
                } else {
                    // a lone surrogate is written as U+FFFD, matching String.getBytes
                    char r = Character.isSurrogate(c) ? '\uFFFD' : c;
                    buf[pos++] = (byte) (0xe0 | (r >> 12));
                    buf[pos++] = (byte) (0x80 | ((r >> 6) & 0x3f));
                    buf[pos++] = (byte) (0x80 | (r & 0x3f));
                }
            }
        }
    }
}
