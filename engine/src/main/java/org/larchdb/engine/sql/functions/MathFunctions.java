package org.larchdb.engine.sql.functions;

import static org.larchdb.engine.sql.functions.FunctionSignature.of;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.NumericSpecial;

/**
 * Mathematical functions with PostgreSQL's overloads: integer versions keep their type, the rest come in
 * double precision and numeric, and resolution picks double precision for integer arguments where no exact
 * overload exists (float8 is the preferred numeric type).
 */
final class MathFunctions {
    private MathFunctions() {
    }

    private static final DataType F = DataType.FLOAT8;
    private static final DataType N = DataType.NUMERIC;

    static void register(List<FunctionSignature> out) {
        out.add(of("abs", DataType.INT2, true, (a, c) -> absInt((Short) a[0], Short.MIN_VALUE, "smallint"),
                DataType.INT2));
        out.add(of("abs", DataType.INT4, true, (a, c) -> absInt((Integer) a[0], Integer.MIN_VALUE, "integer"),
                DataType.INT4));
        out.add(of("abs", DataType.INT8, true, (a, c) -> absInt((Long) a[0], Long.MIN_VALUE, "bigint"),
                DataType.INT8));
        out.add(of("abs", DataType.FLOAT4, true, (a, c) -> Math.abs((Float) a[0]), DataType.FLOAT4));
        out.add(of("abs", F, true, (a, c) -> Math.abs((Double) a[0]), F));
        out.add(of("abs", N, true, (a, c) -> num(a[0]).abs(), N));
        out.add(of("round", F, true, (a, c) -> Math.rint((Double) a[0]), F));
        out.add(of("round", N, true, (a, c) -> scaled(a[0], 0, RoundingMode.HALF_UP), N));
        out.add(of("round", N, true, (a, c) -> scaled(a[0], (Integer) a[1], RoundingMode.HALF_UP), N, DataType.INT4));
        out.add(of("trunc", F, true, (a, c) -> truncDouble((Double) a[0]), F));
        out.add(of("trunc", N, true, (a, c) -> scaled(a[0], 0, RoundingMode.DOWN), N));
        out.add(of("trunc", N, true, (a, c) -> scaled(a[0], (Integer) a[1], RoundingMode.DOWN), N, DataType.INT4));
        for (String n : List.of("ceil", "ceiling")) {
            out.add(of(n, F, true, (a, c) -> Math.ceil((Double) a[0]), F));
            out.add(of(n, N, true, (a, c) -> scaled(a[0], 0, RoundingMode.CEILING), N));
        }
        out.add(of("floor", F, true, (a, c) -> Math.floor((Double) a[0]), F));
        out.add(of("floor", N, true, (a, c) -> scaled(a[0], 0, RoundingMode.FLOOR), N));
        out.add(of("sign", F, true, (a, c) -> Math.signum((Double) a[0]), F));
        out.add(of("sign", N, true, (a, c) -> BigDecimal.valueOf(num(a[0]).signum()), N));
        out.add(of("mod", DataType.INT2, true, (a, c) -> (short) (long) modInt((Short) a[0], (Short) a[1]),
                DataType.INT2, DataType.INT2));
        out.add(of("mod", DataType.INT4, true, (a, c) -> (int) (long) modInt((Integer) a[0], (Integer) a[1]),
                DataType.INT4, DataType.INT4));
        out.add(of("mod", DataType.INT8, true, (a, c) -> modInt((Long) a[0], (Long) a[1]),
                DataType.INT8, DataType.INT8));
        out.add(of("mod", N, true, (a, c) -> {
            BigDecimal d = num(a[1]);
            if (d.signum() == 0) {
                throw divisionByZero();
            }
            return num(a[0]).remainder(d);
        }, N, N));
        out.add(of("div", N, true, (a, c) -> {
            BigDecimal d = num(a[1]);
            if (d.signum() == 0) {
                throw divisionByZero();
            }
            return num(a[0]).divideToIntegralValue(d).setScale(0, RoundingMode.DOWN);
        }, N, N));
        out.add(of("sqrt", F, true, (a, c) -> {
            double v = (Double) a[0];
            if (v < 0) {
                throw negativeSqrt();
            }
            return Math.sqrt(v);
        }, F));
        out.add(of("sqrt", N, true, (a, c) -> NumericMath.sqrt(num(a[0])), N));
        out.add(of("exp", F, true, (a, c) -> checked(Math.exp((Double) a[0]), (Double) a[0]), F));
        out.add(of("exp", N, true, (a, c) -> NumericMath.exp(num(a[0])), N));
        out.add(of("ln", F, true, (a, c) -> Math.log(logArgument((Double) a[0])), F));
        out.add(of("ln", N, true, (a, c) -> NumericMath.ln(num(a[0])), N));
        out.add(of("log", F, true, (a, c) -> Math.log10(logArgument((Double) a[0])), F));
        out.add(of("log10", F, true, (a, c) -> Math.log10(logArgument((Double) a[0])), F));
        out.add(of("log", N, true, (a, c) -> NumericMath.log(BigDecimal.TEN, num(a[0])), N));
        out.add(of("log10", N, true, (a, c) -> NumericMath.log(BigDecimal.TEN, num(a[0])), N));
        out.add(of("log", N, true, (a, c) -> NumericMath.log(num(a[0]), num(a[1])), N, N));
        for (String n : List.of("power", "pow")) {
            out.add(of(n, F, true, (a, c) -> powerDouble((Double) a[0], (Double) a[1]), F, F));
            out.add(of(n, N, true, (a, c) -> NumericMath.power(num(a[0]), num(a[1])), N, N));
        }
        out.add(of("pi", F, false, (a, c) -> Math.PI));
        out.add(of("random", F, false, (a, c) -> ThreadLocalRandom.current().nextDouble()));
        out.add(of("degrees", F, true, (a, c) -> Math.toDegrees((Double) a[0]), F));
        out.add(of("radians", F, true, (a, c) -> Math.toRadians((Double) a[0]), F));
    }

    /** A numeric argument; NaN and infinities are outside what these functions handle yet. */
    static BigDecimal num(Object v) {
        if (v instanceof NumericSpecial sp) {
            throw DbException.notSupported("this function on numeric " + sp.text());
        }
        return (BigDecimal) v;
    }

    private static long absInt(long v, long min, String type) {
        if (v == min) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type + " out of range");
        }
        return Math.abs(v);
    }

    private static Object absInt(short v, short min, String type) {
        return (short) absInt((long) v, min, type);
    }

    private static Object absInt(int v, int min, String type) {
        return (int) absInt((long) v, min, type);
    }

    private static long modInt(long a, long b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return b == -1 ? 0 : a % b;
    }

    static DbException divisionByZero() {
        return new DbException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    static DbException negativeSqrt() {
        return new DbException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                "cannot take square root of a negative number");
    }

    static double logArgument(double v) {
        if (v == 0) {
            throw new DbException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of zero");
        }
        if (v < 0) {
            throw new DbException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM,
                    "cannot take logarithm of a negative number");
        }
        return v;
    }

    /** round/trunc/ceil/floor of numeric to {@code scale} digits; a negative scale rounds left of the point. */
    private static BigDecimal scaled(Object v, int scale, RoundingMode mode) {
        BigDecimal r = num(v).setScale(scale, mode);
        return scale < 0 ? r.setScale(0, RoundingMode.UNNECESSARY) : r;
    }

    private static double truncDouble(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    private static double checked(double r, double arg) {
        if (Double.isInfinite(r) && !Double.isInfinite(arg)) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        if (r == 0 && !Double.isInfinite(arg)) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        }
        return r;
    }

    private static double powerDouble(double x, double y) {
        if (x == 0 && y < 0) {
            throw new DbException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        if (x < 0 && Math.floor(y) != y) {
            throw new DbException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return r;
    }
}
