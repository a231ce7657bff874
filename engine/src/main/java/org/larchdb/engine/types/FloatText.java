package org.larchdb.engine.types;

import java.math.BigDecimal;

/**
 * Text input and output of real and double precision as PostgreSQL 15 does them (float4in/float8in, the
 * shortest-round-trip output of extra_float_digits >= 1, which PostgreSQL computes with Ryu, and the %g output of
 * extra_float_digits <= 0).
 *
 * <p>Java's {@code Double.toString} (JDK 19+) also yields a shortest round-trip decimal, so its digits are reused
 * and only re-laid out; the one difference is that Java prefers a closer 2-digit decimal where a 1-digit one
 * already round-trips (4.9E-324 vs 5e-324), which {@link #shortestDigits} corrects.
 */
final class FloatText {
    private FloatText() {
    }

    static double parseDouble(String text) {
        String s = text.strip();
        Double special = special(s);
        if (special != null) {
            return special;
        }
        if (!isDecimal(s)) {
            throw TypeErrors.invalidSyntax("double precision", text);
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v) || (v == 0.0 && hasNonZeroDigit(s))) {
            throw new org.larchdb.engine.error.DbException(org.larchdb.engine.error.SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type double precision");
        }
        return v;
    }

    static float parseFloat(String text) {
        String s = text.strip();
        Double special = special(s);
        if (special != null) {
            return special.floatValue();
        }
        if (!isDecimal(s)) {
            throw TypeErrors.invalidSyntax("real", text);
        }
        float v = Float.parseFloat(s);
        if (Float.isInfinite(v) || (v == 0.0f && hasNonZeroDigit(s))) {
            throw new org.larchdb.engine.error.DbException(org.larchdb.engine.error.SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type real");
        }
        return v;
    }

    private static Double special(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        return switch (l) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "infinity", "+infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** strtod's decimal syntax: sign, digits with an optional point, optional exponent; nothing Java-specific (no 'd'/'f' suffix). */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** float8out: shortest-exact when extra_float_digits > 0, else %.{15 + extra_float_digits}g. */
    static String formatDouble(double v, int extraFloatDigits) {
        if (extraFloatDigits > 0 || !Double.isFinite(v) || v == 0.0) {
            return formatDouble(v);
        }
        return formatG(v, Math.max(1, 15 + extraFloatDigits));
    }

    /** float4out: shortest-exact when extra_float_digits > 0, else %.{6 + extra_float_digits}g. */
    static String formatFloat(float v, int extraFloatDigits) {
        if (extraFloatDigits > 0 || !Float.isFinite(v) || v == 0.0f) {
            return formatFloat(v);
        }
        return formatG(v, Math.max(1, 6 + extraFloatDigits));
    }

    /**
     * C's printf("%.{precision}g") of a finite non-zero value (which PostgreSQL's snprintf hands to the C library):
     * the exact binary value rounded half-even to that many significant digits, trailing zeros dropped, fixed
     * notation when the exponent is in [-4, precision), else d.ddde±XX.
     */
    static String formatG(double v, int precision) {
        BigDecimal r = new BigDecimal(Math.abs(v)).round(new java.math.MathContext(precision,
                java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
        String digits = r.unscaledValue().toString();
        int exponent = digits.length() - 1 - r.scale();
        return layout(new Digits(digits, exponent), v < 0, precision);
    }

    /** The shortest decimal that reads back as the same double (extra_float_digits >= 1). */
    static String formatDouble(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0.0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        return layout(shortestDigits(Double.toString(Math.abs(v)), Math.abs(v), false), v < 0, 15);
    }

    /** The shortest decimal that reads back as the same float (extra_float_digits >= 1). */
    static String formatFloat(float v) {
        if (Float.isNaN(v)) {
            return "NaN";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0.0f) {
            return (Float.floatToRawIntBits(v) < 0) ? "-0" : "0";
        }
        return layout(shortestDigits(Float.toString(Math.abs(v)), Math.abs(v), true), v < 0, 6);
    }

    /** Significant digits (no leading/trailing zeros) and the decimal exponent of the first digit. */
    private record Digits(String digits, int exponent) {
    }

    private static Digits shortestDigits(String javaText, double value, boolean isFloat) {
        Digits d = parseJava(javaText);
        if (!mayDiffer(d, value, isFloat)) {
            return d;
        }
        // The rounding interval of the value: halfway to each neighbour. PostgreSQL's Ryu never accepts a
        // decimal lying exactly on a bound, where Java does for even mantissas (1e23 vs 9.999999999999999e+22).
        BigDecimal exact = new BigDecimal(value);
        double below = isFloat ? Math.nextDown((float) value) : Math.nextDown(value);
        double above = isFloat ? Math.nextUp((float) value) : Math.nextUp(value);
        BigDecimal lo = exact.add(new BigDecimal(below)).divide(BigDecimal.TWO);
        BigDecimal hi = Double.isInfinite(above) || (isFloat && Float.isInfinite((float) above))
                ? exact.add(exact.subtract(lo)) : exact.add(new BigDecimal(above)).divide(BigDecimal.TWO);
        int from = d.digits.length();
        if (from == 2) {
            from = 1; // Java prefers a closer 2-digit decimal where a 1-digit one may already round-trip
        } else if (inside(toDecimal(d), lo, hi)) {
            return d;
        }
        int max = isFloat ? 9 : 17;
        for (int n = from; n <= max; n++) {
            Digits best = closestInside(exact, n, lo, hi);
            if (best != null) {
                return best;
            }
        }
        return d;
    }

    /**
     * Cheap filter before the exact (BigDecimal) check: Java's answer can differ from Ryu's only when a 1-digit
     * decimal may round-trip, or when the decimal can equal a midpoint between two binary values, which requires
     * it to be a dyadic rational: D * 10^k with k >= 0 at magnitudes where midpoints are integers, or with k < 0
     * only when 5^-k divides D.
     */
    private static boolean mayDiffer(Digits d, double value, boolean isFloat) {
        int n = d.digits.length();
        if (n == 2) {
            int first = d.digits.charAt(0) - '0';
            for (int c = first; c <= first + 1; c++) {
                String text = c == 10 ? "1e" + (d.exponent + 1) : c + "e" + d.exponent;
                if (isFloat ? Float.parseFloat(text) == (float) value : Double.parseDouble(text) == value) {
                    return true;
                }
            }
        }
        int k = d.exponent - (n - 1);
        if (k >= 0) {
            return value >= (isFloat ? 0x1p24 : 0x1p53);
        }
        if (-k > 25) {
            return false; // 5^26 exceeds any 17-digit D
        }
        long pow5 = 1;
        for (int i = 0; i < -k; i++) {
            pow5 *= 5;
        }
        return Long.parseLong(d.digits) % pow5 == 0;
    }

    private static boolean inside(BigDecimal c, BigDecimal lo, BigDecimal hi) {
        return c.compareTo(lo) > 0 && c.compareTo(hi) < 0;
    }

    private static BigDecimal toDecimal(Digits d) {
        return new BigDecimal(new java.math.BigInteger(d.digits), -(d.exponent - d.digits.length() + 1));
    }

    /** The n-significant-digit decimal strictly inside (lo, hi) closest to exact, or null. */
    private static Digits closestInside(BigDecimal exact, int n, BigDecimal lo, BigDecimal hi) {
        BigDecimal rounded = exact.round(new java.math.MathContext(n, java.math.RoundingMode.HALF_EVEN));
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(rounded.precision() - rounded.scale() - n);
        BigDecimal best = null;
        for (BigDecimal c : new BigDecimal[] {rounded, rounded.subtract(unit), rounded.add(unit)}) {
            if (inside(c, lo, hi) && (best == null
                    || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                best = c;
            }
        }
        if (best == null) {
            return null;
        }
        BigDecimal b = best.stripTrailingZeros();
        String digits = b.unscaledValue().toString();
        return new Digits(digits, digits.length() - 1 - b.scale());
    }

    private static Digits parseJava(String s) {
        int e = s.indexOf('E');
        int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        String mant = e < 0 ? s : s.substring(0, e);
        int point = mant.indexOf('.');
        String intPart = point < 0 ? mant : mant.substring(0, point);
        String frac = point < 0 ? "" : mant.substring(point + 1);
        String all = intPart + frac;
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') {
            lead++;
        }
        int end = all.length();
        while (end > lead + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        // exponent of the first significant digit: position of the point relative to it
        int exponent = intPart.length() - 1 - lead + exp10;
        return new Digits(all.substring(lead, end), exponent);
    }

    /**
     * PostgreSQL's layout: fixed notation when -4 <= exponent < limit (15 for double, 6 for real in shortest mode,
     * the precision for %g), else d.ddde+XX.
     */
    private static String layout(Digits d, boolean negative, int limit) {
        StringBuilder sb = new StringBuilder(24);
        if (negative) {
            sb.append('-');
        }
        String digits = d.digits;
        int exp = d.exponent;
        if (exp >= -4 && exp < limit) {
            if (exp < 0) {
                sb.append("0.");
                sb.append("0".repeat(-exp - 1));
                sb.append(digits);
            } else if (digits.length() <= exp + 1) {
                sb.append(digits);
                sb.append("0".repeat(exp + 1 - digits.length()));
            } else {
                sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
            }
            return sb.toString();
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        sb.append(a);
        return sb.toString();
    }
}
