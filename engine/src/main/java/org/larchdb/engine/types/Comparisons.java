package org.larchdb.engine.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;

/** Total order of non-null values of one type, as PostgreSQL's btree comparison functions define it. */
public final class Comparisons {
    private Comparisons() {
    }

    /**
     * Compares two non-null values of the same type: NaN sorts above every other float or numeric, and the
     * date/time infinity sentinels (see {@link PgType}) above and below every finite value, as in PostgreSQL.
     */
    public static int compare(Object a, Object b, PgType type) {
        return switch (type) {
            case BOOL -> Boolean.compare((Boolean) a, (Boolean) b);
            case INT2 -> Short.compare((Short) a, (Short) b);
            case INT4 -> Integer.compare((Integer) a, (Integer) b);
            case INT8, OID -> Long.compare((Long) a, (Long) b);
            case FLOAT4 -> compareDoubles((Float) a, (Float) b);
            case FLOAT8 -> compareDoubles((Double) a, (Double) b);
            case NUMERIC -> NumericValues.compare(a, b);
            case TEXT, VARCHAR, NAME, CHAR, UNKNOWN -> compareText((String) a, (String) b);
            case BPCHAR -> compareBpchar((String) a, (String) b);
            case BYTEA -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case UUID -> compareUuid((java.util.UUID) a, (java.util.UUID) b);
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            case TIMESTAMP -> ((LocalDateTime) a).compareTo((LocalDateTime) b);
            case TIMESTAMPTZ -> ((Instant) a).compareTo((Instant) b);
            case TIME -> ((java.time.LocalTime) a).compareTo((java.time.LocalTime) b);
            case TIMETZ -> TimeText.compareTimetz((java.time.OffsetTime) a, (java.time.OffsetTime) b);
            case INTERVAL -> ((Interval) a).compareTo((Interval) b);
            case JSON -> compareText((String) a, (String) b);
            case JSONB -> ((Jsonb) a).compareTo((Jsonb) b);
            default -> ArrayOps.compare((ArrayValue) a, (ArrayValue) b, type.element());
        };
    }

    /** float8_cmp_internal: NaN equals NaN and is above everything; -0 equals 0. */
    static int compareDoubles(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** C collation: code point order (= UTF-8 byte order), which differs from UTF-16 order above U+D7FF. */
    static int compareText(String a, String b) {
        return compareRange(a, a.length(), b, b.length());
    }

    /** bpchar comparisons ignore trailing spaces (bpcharcmp). */
    static int compareBpchar(String a, String b) {
        return compareRange(a, trimmedLength(a), b, trimmedLength(b));
    }

    static int trimmedLength(String s) {
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == ' ') {
            n--;
        }
        return n;
    }

    private static int compareRange(String a, int la, String b, int lb) {
        int n = Math.min(la, lb);
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(codePointOrder(x), codePointOrder(y));
            }
        }
        return Integer.compare(la, lb);
    }

    /** Moves surrogates above U+E000..U+FFFF so that UTF-16 units compare in code point order. */
    private static int codePointOrder(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        if (c >= 0xD800) {
            return c + 0x2000;
        }
        return c;
    }

    private static int compareUuid(java.util.UUID a, java.util.UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
