package org.larchdb.engine.types;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** PostgreSQL's text input and output functions for every {@link PgType}. */
public final class TextCodec {
    private TextCodec() {
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** NAMEDATALEN - 1: the longest name in bytes. */
    private static final int NAME_MAX_BYTES = 63;

    /**
     * Parses the text form of a value (the type's input function), applying the type modifier
     * (varchar length check with 22001, numeric rounding to scale and precision check with 22003).
     * Timestamptz text without an offset is read in the format's time zone, ambiguous dates in its DateStyle order.
     *
     * @throws org.larchdb.engine.error.DbException 22P02 / 22007 / 22008 / 22003 with PostgreSQL's messages,
     *         e.g. {@code invalid input syntax for type integer: "abc"}
     */
    public static Object parse(String text, DataType type, TextFormat format) {
        return switch (type.type()) {
            case BOOL -> parseBool(text);
            case INT2 -> (short) parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT4 -> (int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case INT8 -> parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case OID -> parseOid(text);
            case FLOAT4 -> FloatText.parseFloat(text);
            case FLOAT8 -> FloatText.parseDouble(text);
            case NUMERIC -> NumericValues.applyTypmod(NumericValues.parse(text), type);
            case TEXT, UNKNOWN -> text;
            case VARCHAR, BPCHAR -> applyLength(text, type, false);
            case NAME -> truncateName(text);
            case CHAR -> text.isEmpty() ? "" : text.substring(0, Character.charCount(text.codePointAt(0)));
            case BYTEA -> parseBytea(text);
            case UUID -> parseUuid(text);
            case DATE, TIMESTAMP, TIMESTAMPTZ -> DateTimeText.parse(text, type.type(), format);
            case TIME -> TimeText.round(TimeText.parse(text, false, format), type.typmod());
            case TIMETZ -> TimeText.round(TimeText.parse(text, true, format), type.typmod());
            case INTERVAL -> IntervalText.parse(text);
            case JSON -> {
                JsonParser.validate(text);
                yield text;
            }
            case JSONB -> Jsonb.parse(text);
            default -> ArrayText.parse(text, type, format);
        };
    }

    /** Formats a non-null value as PostgreSQL's output function does (DateStyle ISO, bytea hex, extra_float_digits). */
    public static String format(Object value, DataType type, TextFormat format) {
        return switch (type.type()) {
            case BOOL -> ((Boolean) value) ? "t" : "f";
            case INT2, INT4, INT8, OID -> value.toString();
            case FLOAT4 -> FloatText.formatFloat((Float) value, format.extraFloatDigits());
            case FLOAT8 -> FloatText.formatDouble((Double) value, format.extraFloatDigits());
            case NUMERIC -> NumericValues.format(value);
            case TEXT, UNKNOWN, VARCHAR, BPCHAR, NAME, CHAR -> (String) value;
            case BYTEA -> formatBytea((byte[]) value);
            case UUID -> value.toString();
            case DATE -> DateTimeText.formatDate((LocalDate) value);
            case TIMESTAMP -> DateTimeText.formatTimestamp((LocalDateTime) value);
            case TIMESTAMPTZ -> DateTimeText.formatTimestamptz((Instant) value, format.timeZone());
            case TIME -> TimeText.format((LocalTime) value);
            case TIMETZ -> TimeText.format((OffsetTime) value);
            case INTERVAL -> IntervalStyles.format((Interval) value, format.intervalStyle());
            case JSON -> (String) value;
            case JSONB -> value.toString();
            default -> ArrayText.format((ArrayValue) value, type, format);
        };
    }

    static boolean parseBool(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            switch (s.charAt(0)) {
                case 't' -> {
                    if ("true".startsWith(s)) {
                        return true;
                    }
                }
                case 'f' -> {
                    if ("false".startsWith(s)) {
                        return false;
                    }
                }
                case 'y' -> {
                    if ("yes".startsWith(s)) {
                        return true;
                    }
                }
                case 'n' -> {
                    if ("no".startsWith(s)) {
                        return false;
                    }
                }
                case 'o' -> {
                    // "o" alone is ambiguous between on and off
                    if (s.length() >= 2 && "on".startsWith(s)) {
                        return true;
                    }
                    if (s.length() >= 2 && "off".startsWith(s)) {
                        return false;
                    }
                }
                case '1' -> {
                    if (s.length() == 1) {
                        return true;
                    }
                }
                case '0' -> {
                    if (s.length() == 1) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        throw TypeErrors.invalidSyntax("boolean", text);
    }

    /** pg_strtoint16/32/64: optional whitespace and sign around decimal digits, range-checked. */
    static long parseInteger(String text, long min, long max, String typeName) {
        int n = text.length();
        int i = 0;
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int start = i;
        // accumulate negatively so that the minimum value fits
        long acc = 0;
        boolean overflow = false;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            int d = text.charAt(i) - '0';
            if (acc < (Long.MIN_VALUE + d) / 10) {
                overflow = true;
            } else {
                acc = acc * 10 - d;
            }
            i++;
        }
        if (i == start) {
            throw TypeErrors.invalidSyntax(typeName, text);
        }
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i != n) {
            throw TypeErrors.invalidSyntax(typeName, text);
        }
        if (!negative) {
            if (acc == Long.MIN_VALUE) {
                overflow = true;
            }
            acc = -acc;
        }
        if (overflow || acc < min || acc > max) {
            throw TypeErrors.outOfRangeForType(text, typeName);
        }
        return acc;
    }

    /** oidin accepts unsigned 32-bit values and, for historical reasons, negative int32 values (wrapped). */
    private static long parseOid(String text) {
        long v;
        try {
            v = parseInteger(text, -2147483648L, 4294967295L, "oid");
        } catch (DbException e) {
            if (e.state() == SqlState.NUMERIC_VALUE_OUT_OF_RANGE) {
                throw TypeErrors.outOfRangeForType(text, "oid");
            }
            throw e;
        }
        return v & 0xffffffffL;
    }

    /**
     * varchar(n)/char(n) input: too long is 22001 unless only spaces are beyond n (then they are cut);
     * char(n) is padded to n. {@code explicit} (an explicit cast) truncates instead of failing.
     */
    static String applyLength(String s, DataType type, boolean explicit) {
        int max = type.length();
        if (max < 0) {
            return s;
        }
        int chars = s.codePointCount(0, s.length());
        if (chars > max) {
            int cut = s.offsetByCodePoints(0, max);
            if (!explicit) {
                for (int i = cut; i < s.length(); i++) {
                    if (s.charAt(i) != ' ') {
                        throw TypeErrors.tooLong(type);
                    }
                }
            }
            s = s.substring(0, cut);
            chars = max;
        }
        if (type.type() == PgType.BPCHAR && chars < max) {
            return s + " ".repeat(max - chars);
        }
        return s;
    }

    private static String truncateName(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= NAME_MAX_BYTES) {
            return s;
        }
        // cut at a character boundary, as pg_mbcliplen does
        int end = 0;
        int bytes = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > NAME_MAX_BYTES) {
                break;
            }
            bytes += len;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    static byte[] parseBytea(String s) {
        if (s.length() >= 2 && s.charAt(0) == '\\' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((s.length() - 2) / 2);
            int i = 2;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                    continue;
                }
                int hi = hexValue(c);
                if (i + 1 >= s.length()) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid hexadecimal data: odd number of digits");
                }
                int lo = hexValue(s.charAt(i + 1));
                out.write((hi << 4) | lo);
                i += 2;
            }
            return out.toByteArray();
        }
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int i = 0;
        while (i < raw.length) {
            byte b = raw[i];
            if (b != '\\') {
                out.write(b);
                i++;
            } else if (i + 1 < raw.length && raw[i + 1] == '\\') {
                out.write('\\');
                i += 2;
            } else if (i + 3 < raw.length && isOctal(raw[i + 1], '3') && isOctal(raw[i + 2], '7')
                    && isOctal(raw[i + 3], '7')) {
                out.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
                i += 4;
            } else {
                // byteain names no value here, unlike the other input functions
                throw new DbException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b, char max) {
        return b >= '0' && b <= max;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + c + "\"");
    }

    static String formatBytea(byte[] b) {
        char[] out = new char[2 + 2 * b.length];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < b.length; i++) {
            out[2 + 2 * i] = HEX[(b[i] >> 4) & 0xf];
            out[3 + 2 * i] = HEX[b[i] & 0xf];
        }
        return new String(out);
    }

    /** uuid_in: 32 hex digits, optionally in braces, with a hyphen allowed after any group of four digits. */
    private static java.util.UUID parseUuid(String text) {
        String s = text;
        if (s.startsWith("{") && s.endsWith("}") && s.length() >= 2) {
            s = s.substring(1, s.length() - 1);
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' && digits > 0 && digits % 4 == 0 && digits < 32 && i + 1 < s.length() && s.charAt(i - 1) != '-') {
                continue;
            }
            int v = c < 128 ? Character.digit(c, 16) : -1;
            if (v < 0 || digits >= 32) {
                throw TypeErrors.invalidSyntax("uuid", text);
            }
            if (digits < 16) {
                hi = (hi << 4) | v;
            } else {
                lo = (lo << 4) | v;
            }
            digits++;
        }
        if (digits != 32) {
            throw TypeErrors.invalidSyntax("uuid", text);
        }
        return new java.util.UUID(hi, lo);
    }
}
