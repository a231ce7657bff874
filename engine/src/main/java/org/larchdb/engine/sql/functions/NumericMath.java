package org.larchdb.engine.sql.functions;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * sqrt, exp, ln, log and power on numeric, to the result scales PostgreSQL's numeric.c chooses: at least
 * 16 significant digits (NUMERIC_MIN_SIG_DIGITS) and never fewer decimals than the inputs show.
 */
final class NumericMath {
    private NumericMath() {
    }

    private static final int MIN_SIG_DIGITS = 16;
    private static final int MAX_DISPLAY_SCALE = 1000;

    private static int clamp(int rscale, BigDecimal... inputs) {
        for (BigDecimal in : inputs) {
            rscale = Math.max(rscale, Math.max(in.scale(), 0));
        }
        return Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
    }

    private static MathContext working(int rscale, double decimalWeight) {
        return new MathContext(Math.max(rscale + (int) Math.abs(decimalWeight) + 20, 40), RoundingMode.HALF_EVEN);
    }

    /** Decimal position of the most significant digit: floor(log10(|v|)). */
    private static int decimalExponent(BigDecimal v) {
        return v.precision() - v.scale() - 1;
    }

    static BigDecimal sqrt(BigDecimal x) {
        if (x.signum() < 0) {
            throw MathFunctions.negativeSqrt();
        }
        int weight = x.signum() == 0 ? 0 : Math.floorDiv(decimalExponent(x), 4); // base-10000 weight, as numeric stores digits
        int sweight = (weight + 1) * 4 / 2 - 1;
        int rscale = clamp(MIN_SIG_DIGITS - sweight, x);
        if (x.signum() == 0) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        return x.sqrt(working(rscale, sweight)).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal exp(BigDecimal x) {
        double val = x.doubleValue() * 0.434294481903252;
        if (val > 1000) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        int rscale = clamp(MIN_SIG_DIGITS - (int) val, x);
        return expRaw(x, working(rscale, val)).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal ln(BigDecimal x) {
        checkLog(x);
        int rscale = clamp(MIN_SIG_DIGITS - lnDecimalWeight(x), x);
        return lnRaw(x, working(rscale, 0)).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal log(BigDecimal base, BigDecimal x) {
        checkLog(base);
        checkLog(x);
        int rscale = clamp(MIN_SIG_DIGITS - (lnDecimalWeight(x) - lnDecimalWeight(base)), base, x);
        MathContext mc = working(rscale, 0);
        BigDecimal lnBase = lnRaw(base, mc);
        if (lnBase.signum() == 0) {
            throw MathFunctions.divisionByZero();
        }
        return lnRaw(x, mc).divide(lnBase, mc).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal power(BigDecimal x, BigDecimal y) {
        if (x.signum() == 0 && y.signum() < 0) {
            throw new DbException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        boolean integral = y.stripTrailingZeros().scale() <= 0;
        if (x.signum() < 0 && !integral) {
            throw new DbException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        if (integral && y.abs().compareTo(BigDecimal.valueOf(1_000_000)) < 0) {
            int n = y.intValueExact();
            int rscale = clamp(MIN_SIG_DIGITS, x);
            if (x.signum() == 0) {
                return (n == 0 ? BigDecimal.ONE : BigDecimal.ZERO).setScale(rscale);
            }
            MathContext mc = working(rscale, n * Math.log10(Math.abs(x.doubleValue())));
            BigDecimal r = x.pow(Math.abs(n), mc);
            if (n < 0) {
                r = BigDecimal.ONE.divide(r, mc);
            }
            return r.setScale(rscale, RoundingMode.HALF_UP);
        }
        if (x.signum() == 0) {
            return BigDecimal.ZERO.setScale(clamp(MIN_SIG_DIGITS, x, y));
        }
        double val = y.doubleValue() * Math.log(x.doubleValue()) * 0.434294481903252;
        int rscale = clamp(MIN_SIG_DIGITS - (int) val, x, y);
        MathContext mc = working(rscale, val);
        return expRaw(y.multiply(lnRaw(x, mc), mc), mc).setScale(rscale, RoundingMode.HALF_UP);
    }

    private static void checkLog(BigDecimal x) {
        if (x.signum() == 0) {
            throw new DbException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of zero");
        }
        if (x.signum() < 0) {
            throw new DbException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM,
                    "cannot take logarithm of a negative number");
        }
    }

    /** estimate_ln_dweight: the decimal weight of ln(x), truncated toward zero as the C cast does. */
    private static int lnDecimalWeight(BigDecimal x) {
        if (x.compareTo(new BigDecimal("0.9")) >= 0 && x.compareTo(new BigDecimal("1.1")) <= 0) {
            BigDecimal d = x.subtract(BigDecimal.ONE);
            return d.signum() == 0 ? 0 : decimalExponent(d.abs());
        }
        double ln = Math.log(x.doubleValue());
        if (Double.isInfinite(ln) || Double.isNaN(ln)) {
            ln = (decimalExponent(x) + 0.5) * Math.log(10);
        }
        return (int) Math.log10(Math.abs(ln));
    }

    /** ln by halving the argument's distance from 1 with square roots, then the atanh series. */
    private static BigDecimal lnRaw(BigDecimal x, MathContext mc) {
        int exponent = decimalExponent(x);
        BigDecimal m = x.movePointLeft(exponent); // 1 <= m < 10
        BigDecimal ln10 = atanhLn(BigDecimal.TEN, mc);
        return atanhLn(m, mc).add(ln10.multiply(BigDecimal.valueOf(exponent), mc), mc);
    }

    private static BigDecimal atanhLn(BigDecimal x, MathContext mc) {
        int roots = 0;
        BigDecimal y = x;
        BigDecimal limit = new BigDecimal("0.01");
        while (y.subtract(BigDecimal.ONE).abs().compareTo(limit) > 0) {
            y = y.sqrt(mc);
            roots++;
        }
        BigDecimal z = y.subtract(BigDecimal.ONE).divide(y.add(BigDecimal.ONE), mc);
        BigDecimal z2 = z.multiply(z, mc);
        BigDecimal term = z;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5);
        for (int k = 1; term.abs().compareTo(eps) > 0; k += 2) {
            sum = sum.add(term.divide(BigDecimal.valueOf(k), mc), mc);
            term = term.multiply(z2, mc);
        }
        return sum.multiply(BigDecimal.valueOf(2L << roots), mc);
    }

    /** exp by scaling the argument below 1/2, the Taylor series, then squaring back. */
    private static BigDecimal expRaw(BigDecimal x, MathContext mc) {
        int halvings = 0;
        BigDecimal r = x;
        BigDecimal half = new BigDecimal("0.5");
        while (r.abs().compareTo(half) > 0) {
            r = r.divide(BigDecimal.valueOf(2), mc);
            halvings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5);
        for (int k = 1; term.abs().compareTo(eps) > 0; k++) {
            term = term.multiply(r, mc).divide(BigDecimal.valueOf(k), mc);
            sum = sum.add(term, mc);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, mc);
        }
        return sum;
    }
}
