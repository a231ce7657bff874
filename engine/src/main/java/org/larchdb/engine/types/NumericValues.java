package org.larchdb.engine.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * numeric as PostgreSQL computes it, on {@link BigDecimal} values whose scale is PostgreSQL's display scale
 * (dscale, never negative): input, typmod rounding, division scale, and the base-10000 binary format.
 * NaN and the infinities are {@link NumericSpecial} values: the functions taking {@code Object} accept both.
 */
final class NumericValues {
    private NumericValues() {
    }

    /** PostgreSQL's NUMERIC_MIN_SIG_DIGITS: a quotient keeps at least this many significant digits. */
    private static final int MIN_SIG_DIGITS = 16;
    private static final int MAX_DISPLAY_SCALE = 1000;
    private static final short SIGN_POS = 0x0000;
    private static final short SIGN_NEG = 0x4000;

    /** numeric_in: a BigDecimal, or a {@link NumericSpecial} for NaN, Infinity, -Infinity (inf, case-insensitive). */
    static Object parse(String text) {
        String s = text.strip();
        String l = s.toLowerCase(java.util.Locale.ROOT);
        switch (l) {
            case "nan" -> {
                return NumericSpecial.NAN;
            }
            case "infinity", "+infinity", "inf", "+inf" -> {
                return NumericSpecial.POS_INF;
            }
            case "-infinity", "-inf" -> {
                return NumericSpecial.NEG_INF;
            }
            default -> {
            }
        }
        if (!FloatText.isDecimal(s)) {
            throw TypeErrors.invalidSyntax("numeric", text);
        }
        BigDecimal v;
        try {
            v = new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        return normalizeScale(v);
    }

    /** PostgreSQL never shows a negative display scale: 1e5 is 100000. */
    static BigDecimal normalizeScale(BigDecimal v) {
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** apply_typmod: rounds half away from zero to the declared scale and checks the precision. */
    static Object applyTypmod(Object value, DataType type) {
        int precision = type.precision();
        if (precision < 0 || value == NumericSpecial.NAN) {
            return value;
        }
        int scale = type.scale();
        if (value instanceof NumericSpecial) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
                    "A field with precision " + precision + ", scale " + scale + " cannot hold an infinite value.",
                    null, 0, DbException.Severity.ERROR, null);
        }
        BigDecimal v = (BigDecimal) value;
        BigDecimal r = v.setScale(scale, RoundingMode.HALF_UP);
        int maxDigits = precision - scale;
        if (r.signum() != 0) {
            // digits before the decimal point of |r|
            int intDigits = r.precision() - r.scale();
            if (intDigits > maxDigits) {
                throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
                        "A field with precision " + precision + ", scale " + scale
                                + " must round to an absolute value less than "
                                + (maxDigits != 0 ? "10^" + maxDigits : "1") + ".",
                        null, 0, DbException.Severity.ERROR, null);
            }
        }
        return normalizeScale(r);
    }

    /** Base-10000 weight of the first non-zero digit group, and that group's value (select_div_scale's inputs). */
    private static int weight(BigDecimal v) {
        int e = v.precision() - v.scale() - 1;
        return Math.floorDiv(e, 4);
    }

    private static int firstGroup(BigDecimal v) {
        int e = v.precision() - v.scale() - 1;
        int w = Math.floorDiv(e, 4);
        int groupDigits = e - 4 * w + 1;
        String u = v.unscaledValue().abs().toString();
        if (u.length() >= groupDigits) {
            return Integer.parseInt(u.substring(0, groupDigits));
        }
        return Integer.parseInt(u) * (int) Math.pow(10, groupDigits - u.length());
    }

    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw TypeErrors.divisionByZero();
        }
        int w1 = 0;
        int f1 = 0;
        if (a.signum() != 0) {
            w1 = weight(a);
            f1 = firstGroup(a);
        }
        int w2 = weight(b);
        int f2 = firstGroup(b);
        int qweight = w1 - w2;
        if (f1 <= f2) {
            qweight--;
        }
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = Math.max(rscale, a.scale());
        rscale = Math.max(rscale, b.scale());
        rscale = Math.max(rscale, 0);
        rscale = Math.min(rscale, MAX_DISPLAY_SCALE);
        return a.divide(b, rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal mod(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw TypeErrors.divisionByZero();
        }
        return a.remainder(b).setScale(Math.max(a.scale(), b.scale()), RoundingMode.UNNECESSARY);
    }

    /** numeric to an integer type: rounds half away from zero, then range-checks with "integer out of range" etc. */
    static long toLong(Object value, long min, long max, String what) {
        if (value instanceof NumericSpecial sp) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot convert " + (sp == NumericSpecial.NAN ? "NaN" : "infinity") + " to " + what);
        }
        BigDecimal v = (BigDecimal) value;
        BigDecimal r = v.setScale(0, RoundingMode.HALF_UP);
        if (r.compareTo(BigDecimal.valueOf(min)) < 0 || r.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw TypeErrors.outOfRange(what);
        }
        return r.longValueExact();
    }

    /** numeric_send: int16 ndigits, weight, sign, dscale, then ndigits int16 base-10000 digits. */
    static byte[] encode(Object value) {
        if (value instanceof NumericSpecial sp) {
            // PostgreSQL sends the dscale bits its short header holds for the sign word: 0 for NaN, 32 for ±Infinity
            int dscale = (sp.signCode() & 0x1F80) >> 7;
            return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort((short) sp.signCode())
                    .putShort((short) dscale).array();
        }
        BigDecimal v = normalizeScale((BigDecimal) value);
        int dscale = v.scale();
        if (v.signum() == 0) {
            return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort(SIGN_POS)
                    .putShort((short) dscale).array();
        }
        // Pad the fraction to whole groups of four so groups align with the decimal point.
        int fracGroups = (dscale + 3) / 4;
        BigInteger unscaled = v.unscaledValue().abs().multiply(BigInteger.TEN.pow(fracGroups * 4 - dscale));
        String s = unscaled.toString();
        int totalGroups = (s.length() + 3) / 4;
        int pad = totalGroups * 4 - s.length();
        short[] groups = new short[totalGroups];
        for (int g = 0; g < totalGroups; g++) {
            int start = g * 4 - pad;
            int end = start + 4;
            groups[g] = (short) Integer.parseInt(s.substring(Math.max(start, 0), end));
        }
        int weight = totalGroups - 1 - fracGroups;
        int n = totalGroups;
        while (n > 0 && groups[n - 1] == 0) {
            n--;
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * n);
        out.putShort((short) n).putShort((short) weight).putShort(v.signum() < 0 ? SIGN_NEG : SIGN_POS)
                .putShort((short) dscale);
        for (int i = 0; i < n; i++) {
            out.putShort(groups[i]);
        }
        return out.array();
    }

    /** numeric_recv: validates the header and digits; digits hidden by dscale are truncated, as PostgreSQL does. */
    static Object decode(byte[] data) {
        if (data.length < 8) {
            throw TypeErrors.insufficientData();
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        int ndigits = in.getShort() & 0xffff;
        int weight = in.getShort();
        int sign = in.getShort() & 0xffff;
        int dscale = in.getShort() & 0xffff;
        if (data.length < 8 + 2 * ndigits) {
            throw TypeErrors.insufficientData();
        }
        if (data.length > 8 + 2 * ndigits) {
            throw TypeErrors.binaryFormat();
        }
        NumericSpecial special = NumericSpecial.bySignCode(sign);
        if (special != null) {
            return special;
        }
        if (sign != SIGN_POS && sign != SIGN_NEG) {
            throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid sign in external \"numeric\" value");
        }
        if ((dscale & 0x3fff) != dscale) {
            throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid scale in external \"numeric\" value");
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10000);
        for (int i = 0; i < ndigits; i++) {
            int d = in.getShort();
            if (d < 0 || d >= 10000) {
                throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid digit in external \"numeric\" value");
            }
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(d));
        }
        if (sign == SIGN_NEG) {
            unscaled = unscaled.negate();
        }
        int lastWeight = weight - (ndigits - 1);
        BigDecimal v = new BigDecimal(unscaled, -4 * lastWeight);
        return v.setScale(dscale, RoundingMode.DOWN);
    }

    /** numeric_out. */
    static String format(Object value) {
        return value instanceof NumericSpecial sp ? sp.text() : normalizeScale((BigDecimal) value).toPlainString();
    }

    /** cmp_numerics: -Infinity below every number, Infinity above, NaN above everything and equal to itself. */
    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != 0 || rb != 0) {
            return Integer.compare(ra, rb);
        }
        return ((BigDecimal) a).compareTo((BigDecimal) b);
    }

    private static int rank(Object v) {
        if (v instanceof NumericSpecial sp) {
            return switch (sp) {
                case NEG_INF -> -1;
                case POS_INF -> 1;
                case NAN -> 2;
            };
        }
        return 0;
    }

    /** The sign of a numeric value: -1, 0, 1 (NaN has none: 0). */
    private static int sign(Object v) {
        if (v instanceof NumericSpecial sp) {
            return sp == NumericSpecial.POS_INF ? 1 : sp == NumericSpecial.NEG_INF ? -1 : 0;
        }
        return ((BigDecimal) v).signum();
    }

    private static NumericSpecial infinity(int sign) {
        return sign > 0 ? NumericSpecial.POS_INF : NumericSpecial.NEG_INF;
    }

    /** numeric_add/sub/mul/div/mod over values that may be NaN or infinite, as numeric.c defines them. */
    static Object arithmetic(char op, Object a, Object b) {
        if (!(a instanceof NumericSpecial) && !(b instanceof NumericSpecial)) {
            BigDecimal x = (BigDecimal) a;
            BigDecimal y = (BigDecimal) b;
            return switch (op) {
                case '+' -> x.add(y);
                case '-' -> x.subtract(y);
                case '*' -> x.multiply(y);
                case '/' -> divide(x, y);
                case '%' -> mod(x, y);
                default -> throw new IllegalArgumentException("operator " + op);
            };
        }
        if (a == NumericSpecial.NAN || b == NumericSpecial.NAN) {
            return NumericSpecial.NAN;
        }
        int sa = sign(a);
        int sb = sign(b);
        boolean infA = a instanceof NumericSpecial;
        boolean infB = b instanceof NumericSpecial;
        return switch (op) {
            case '+' -> infA && infB && sa != sb ? NumericSpecial.NAN : infA ? a : b;
            case '-' -> {
                if (infA && infB) {
                    yield sa == sb ? NumericSpecial.NAN : a;
                }
                yield infA ? a : infinity(-sb);
            }
            case '*' -> sa == 0 || sb == 0 ? NumericSpecial.NAN : infinity(sa * sb);
            case '/' -> {
                if (infA) {
                    if (infB) {
                        yield NumericSpecial.NAN;
                    }
                    if (sb == 0) {
                        throw TypeErrors.divisionByZero();
                    }
                    yield infinity(sa * sb);
                }
                yield BigDecimal.ZERO; // finite / infinity
            }
            case '%' -> {
                if (infA) {
                    if (sb == 0) {
                        throw TypeErrors.divisionByZero();
                    }
                    yield NumericSpecial.NAN;
                }
                yield a; // finite % infinity is the dividend
            }
            default -> throw new IllegalArgumentException("operator " + op);
        };
    }

    static Object negate(Object v) {
        if (v instanceof NumericSpecial sp) {
            return sp == NumericSpecial.NAN ? sp : sp == NumericSpecial.POS_INF ? NumericSpecial.NEG_INF
                    : NumericSpecial.POS_INF;
        }
        return ((BigDecimal) v).negate();
    }
}
