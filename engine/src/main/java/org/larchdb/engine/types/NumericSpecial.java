package org.larchdb.engine.types;

/**
 * The NUMERIC values that are not numbers a {@link java.math.BigDecimal} can hold: NaN and PostgreSQL 15's
 * Infinity and -Infinity. A NUMERIC value is either a {@code BigDecimal} or one of these constants.
 *
 * <p>As in PostgreSQL, NaN equals NaN and sorts above every other value, Infinity above every number and
 * -Infinity below; arithmetic follows numeric.c (Infinity - Infinity is NaN, x / Infinity is 0...).
 */
public enum NumericSpecial {
    NAN("NaN", 0xC000),
    POS_INF("Infinity", 0xD000),
    NEG_INF("-Infinity", 0xF000);

    private final String text;
    private final int signCode;

    NumericSpecial(String text, int signCode) {
        this.text = text;
        this.signCode = signCode;
    }

    /** The text form numeric_out prints. */
    public String text() {
        return text;
    }

    /** The sign word of the binary format (NUMERIC_NAN, NUMERIC_PINF, NUMERIC_NINF). */
    int signCode() {
        return signCode;
    }

    /** The special value with the given binary sign word, or null. */
    static NumericSpecial bySignCode(int sign) {
        for (NumericSpecial s : values()) {
            if (s.signCode == sign) {
                return s;
            }
        }
        return null;
    }

    /** The special value for a non-finite double (NaN, ±Infinity), or null for a finite one. */
    static NumericSpecial ofDouble(double d) {
        if (Double.isNaN(d)) {
            return NAN;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? POS_INF : NEG_INF;
        }
        return null;
    }

    double toDouble() {
        return switch (this) {
            case NAN -> Double.NaN;
            case POS_INF -> Double.POSITIVE_INFINITY;
            case NEG_INF -> Double.NEGATIVE_INFINITY;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
