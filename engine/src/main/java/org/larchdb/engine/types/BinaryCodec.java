package org.larchdb.engine.types;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** PostgreSQL's binary send/receive wire formats for every {@link PgType}. */
public final class BinaryCodec {
    private BinaryCodec() {
    }

    /** Decodes a non-null binary parameter value (typreceive); 22P03 on malformed input. */
    public static Object decode(byte[] data, DataType type) {
        return switch (type.type()) {
            case BOOL -> {
                checkLength(data, 1);
                yield data[0] != 0;
            }
            case INT2 -> {
                checkLength(data, 2);
                yield (short) (((data[0] & 0xff) << 8) | (data[1] & 0xff));
            }
            case INT4 -> {
                checkLength(data, 4);
                yield readInt(data, 0);
            }
            case INT8 -> {
                checkLength(data, 8);
                yield readLong(data, 0);
            }
            case OID -> {
                checkLength(data, 4);
                yield readInt(data, 0) & 0xffffffffL;
            }
            case FLOAT4 -> {
                checkLength(data, 4);
                yield Float.intBitsToFloat(readInt(data, 0));
            }
            case FLOAT8 -> {
                checkLength(data, 8);
                yield Double.longBitsToDouble(readLong(data, 0));
            }
            case NUMERIC -> NumericValues.applyTypmod(NumericValues.decode(data), type);
            case TEXT, UNKNOWN, NAME -> utf8(data);
            case VARCHAR, BPCHAR -> TextCodec.applyLength(utf8(data), type, false);
            case CHAR -> {
                checkLength(data, 1);
                yield new String(data, StandardCharsets.ISO_8859_1);
            }
            case BYTEA -> data.clone();
            case UUID -> {
                checkLength(data, 16);
                yield new java.util.UUID(readLong(data, 0), readLong(data, 8));
            }
            case DATE -> {
                checkLength(data, 4);
                yield DateTimeText.pgDaysToDate(readInt(data, 0));
            }
            case TIMESTAMP -> {
                checkLength(data, 8);
                yield DateTimeText.pgMicrosToTimestamp(readLong(data, 0));
            }
            case TIMESTAMPTZ -> {
                checkLength(data, 8);
                yield DateTimeText.pgMicrosToInstant(readLong(data, 0));
            }
            case TIME -> {
                checkLength(data, 8);
                yield TimeText.round(TimeText.fromMicros(readLong(data, 0)), type.typmod());
            }
            case TIMETZ -> {
                checkLength(data, 12);
                yield TimeText.round(timetz(readLong(data, 0), readInt(data, 8)), type.typmod());
            }
            case INTERVAL -> {
                checkLength(data, 16);
                yield new Interval(readInt(data, 12), readInt(data, 8), readLong(data, 0));
            }
            case JSON -> {
                String s = utf8(data);
                JsonParser.validate(s);
                yield s;
            }
            case JSONB -> {
                // jsonb_recv: a version byte (1), then the text form
                if (data.length == 0 || data[0] != 1) {
                    throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION, "unsupported jsonb version number "
                            + (data.length == 0 ? 0 : data[0]));
                }
                yield Jsonb.parse(utf8(java.util.Arrays.copyOfRange(data, 1, data.length)));
            }
            default -> ArrayBinary.decode(data, type);
        };
    }

    /** Encodes a non-null value in binary wire format (typsend). */
    public static byte[] encode(Object value, DataType type) {
        return switch (type.type()) {
            case BOOL -> new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case INT2 -> {
                short v = (Short) value;
                yield new byte[] {(byte) (v >> 8), (byte) v};
            }
            case INT4 -> intBytes((Integer) value);
            case INT8 -> longBytes((Long) value);
            case OID -> intBytes((int) (long) (Long) value);
            case FLOAT4 -> intBytes(Float.floatToRawIntBits((Float) value));
            case FLOAT8 -> longBytes(Double.doubleToRawLongBits((Double) value));
            case NUMERIC -> NumericValues.encode(value);
            case TEXT, UNKNOWN, NAME, VARCHAR, BPCHAR -> ((String) value).getBytes(StandardCharsets.UTF_8);
            case CHAR -> {
                String s = (String) value;
                yield s.isEmpty() ? new byte[] {0} : new byte[] {(byte) s.charAt(0)};
            }
            case BYTEA -> ((byte[]) value).clone();
            case UUID -> {
                java.util.UUID u = (java.util.UUID) value;
                yield ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                        .array();
            }
            case DATE -> intBytes(DateTimeText.dateToPgDays((LocalDate) value));
            case TIMESTAMP -> longBytes(DateTimeText.timestampToPgMicros((LocalDateTime) value));
            case TIMESTAMPTZ -> longBytes(DateTimeText.instantToPgMicros((Instant) value));
            case TIME -> longBytes(TimeText.toMicros((LocalTime) value));
            case TIMETZ -> {
                OffsetTime t = (OffsetTime) value;
                yield ByteBuffer.allocate(12).putLong(TimeText.toMicros(t.toLocalTime()))
                        .putInt(-t.getOffset().getTotalSeconds()).array();
            }
            case INTERVAL -> {
                Interval i = (Interval) value;
                yield ByteBuffer.allocate(16).putLong(i.micros()).putInt(i.days()).putInt(i.months()).array();
            }
            case JSON -> ((String) value).getBytes(StandardCharsets.UTF_8);
            case JSONB -> {
                byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[text.length + 1];
                out[0] = 1;
                System.arraycopy(text, 0, out, 1, text.length);
                yield out;
            }
            default -> ArrayBinary.encode((ArrayValue) value, type);
        };
    }

    /** timetz_recv: microseconds of the day and the zone in seconds west of UTC (PostgreSQL's sign). */
    static OffsetTime timetz(long micros, int zoneWest) {
        if (zoneWest < -TIMETZ_ZONE_LIMIT || zoneWest > TIMETZ_ZONE_LIMIT) {
            throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION, "time zone displacement out of range");
        }
        return OffsetTime.of(TimeText.fromMicros(micros), java.time.ZoneOffset.ofTotalSeconds(-zoneWest));
    }

    /** TZDISP_LIMIT: 15:59:59 (OffsetTime itself allows up to 18 hours). */
    private static final int TIMETZ_ZONE_LIMIT = 15 * 3600 + 59 * 60 + 59;

    private static void checkLength(byte[] data, int expected) {
        if (data.length < expected) {
            throw TypeErrors.insufficientData();
        }
        if (data.length > expected) {
            throw TypeErrors.binaryFormat();
        }
    }

    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new DbException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\"");
        }
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    static long readLong(byte[] b, int off) {
        return ((long) readInt(b, off) << 32) | (readInt(b, off + 4) & 0xffffffffL);
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    private static byte[] longBytes(long v) {
        return new byte[] {(byte) (v >> 56), (byte) (v >> 48), (byte) (v >> 40), (byte) (v >> 32),
            (byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
}
