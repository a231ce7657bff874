package org.larchdb.engine.types;

import java.time.LocalDate;

/**
 * The functions behind the arithmetic operators (int2/int4/int8 with PostgreSQL's overflow checks, float4/float8
 * with check_float_val's overflow/underflow rules, numeric with select_div_scale, date ± integer). Each takes
 * operands already cast to the operator's argument types.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    private static final LocalDate MAX_DATE = LocalDate.of(5874897, 12, 31);
    private static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);

    /** Integer operation computed in long, narrowed to {@code result} (INT2/INT4/INT8) with its range error. */
    static Object integer(char op, long a, long b, PgType result) {
        long r;
        try {
            r = switch (op) {
                case '+' -> Math.addExact(a, b);
                case '-' -> Math.subtractExact(a, b);
                case '*' -> Math.multiplyExact(a, b);
                case '/' -> {
                    if (b == 0) {
                        throw TypeErrors.divisionByZero();
                    }
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw new ArithmeticException();
                    }
                    yield a / b;
                }
                case '%' -> {
                    if (b == 0) {
                        throw TypeErrors.divisionByZero();
                    }
                    yield b == -1 ? 0 : a % b; // INT_MIN % -1 is 0, not an overflow
                }
                default -> throw new IllegalArgumentException("operator " + op);
            };
        } catch (ArithmeticException e) {
            throw TypeErrors.outOfRange(rangeName(result));
        }
        return narrow(r, result);
    }

    static Object narrow(long r, PgType result) {
        return switch (result) {
            case INT2 -> {
                if (r < Short.MIN_VALUE || r > Short.MAX_VALUE) {
                    throw TypeErrors.outOfRange("smallint");
                }
                yield (short) r;
            }
            case INT4 -> {
                if (r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) {
                    throw TypeErrors.outOfRange("integer");
                }
                yield (int) r;
            }
            default -> r;
        };
    }

    static String rangeName(PgType t) {
        return switch (t) {
            case INT2 -> "smallint";
            case INT4 -> "integer";
            default -> "bigint";
        };
    }

    static long asLong(Object v) {
        return ((Number) v).longValue();
    }

    /** float8 arithmetic; also used for float4 op float8 (float48pl etc.), whose float4 side is widened. */
    static double float8(char op, double a, double b) {
        double r;
        switch (op) {
            case '+' -> r = a + b;
            case '-' -> r = a - b;
            case '*' -> {
                r = a * b;
                checkFloat(r, Double.isInfinite(a) || Double.isInfinite(b), a == 0.0 || b == 0.0);
                return r;
            }
            case '/' -> {
                if (b == 0.0 && !Double.isNaN(a)) {
                    throw TypeErrors.divisionByZero();
                }
                r = a / b;
                checkFloat(r, Double.isInfinite(a) || Double.isInfinite(b), a == 0.0 || Double.isInfinite(b));
                return r;
            }
            default -> throw new IllegalArgumentException("operator " + op);
        }
        checkFloat(r, Double.isInfinite(a) || Double.isInfinite(b), true);
        return r;
    }

    /** float4 arithmetic, computed in single precision as PostgreSQL's float4pl etc. do. */
    static float float4(char op, float a, float b) {
        float r;
        switch (op) {
            case '+' -> r = a + b;
            case '-' -> r = a - b;
            case '*' -> {
                r = a * b;
                checkFloat(r, Float.isInfinite(a) || Float.isInfinite(b), a == 0.0f || b == 0.0f);
                return r;
            }
            case '/' -> {
                if (b == 0.0f && !Float.isNaN(a)) {
                    throw TypeErrors.divisionByZero();
                }
                r = a / b;
                checkFloat(r, Float.isInfinite(a) || Float.isInfinite(b), a == 0.0f || Float.isInfinite(b));
                return r;
            }
            default -> throw new IllegalArgumentException("operator " + op);
        }
        checkFloat(r, Float.isInfinite(a) || Float.isInfinite(b), true);
        return r;
    }

    private static void checkFloat(double r, boolean infIsValid, boolean zeroIsValid) {
        if (Double.isInfinite(r) && !infIsValid) {
            throw TypeErrors.floatOverflow();
        }
        if (r == 0.0 && !zeroIsValid) {
            throw TypeErrors.floatUnderflow();
        }
    }

    /** numeric arithmetic; operands may be {@link NumericSpecial} values. */
    static Object numeric(char op, Object a, Object b) {
        return NumericValues.arithmetic(op, a, b);
    }

    static Object negate(Object v, PgType type) {
        return switch (type) {
            case INT2, INT4, INT8 -> {
                long x = asLong(v);
                if (x == Long.MIN_VALUE) {
                    throw TypeErrors.outOfRange("bigint");
                }
                yield narrow(-x, type);
            }
            case FLOAT4 -> -(Float) v;
            case FLOAT8 -> -(Double) v;
            case NUMERIC -> NumericValues.negate(v);
            default -> throw new IllegalArgumentException("negate " + type);
        };
    }

    /** date + integer; infinity and -infinity stay as they are (date_pli). */
    static LocalDate datePlusDays(LocalDate d, long days) {
        if (DateTimeText.infinitySign(d) != 0) {
            return d;
        }
        LocalDate r = d.plusDays(days);
        if (r.isBefore(MIN_DATE) || r.isAfter(MAX_DATE)) {
            throw new org.larchdb.engine.error.DbException(org.larchdb.engine.error.SqlState.DATETIME_FIELD_OVERFLOW,
                    "date out of range");
        }
        return r;
    }

    static int dateMinusDate(LocalDate a, LocalDate b) {
        if (DateTimeText.infinitySign(a) != 0 || DateTimeText.infinitySign(b) != 0) {
            throw new org.larchdb.engine.error.DbException(org.larchdb.engine.error.SqlState.DATETIME_FIELD_OVERFLOW,
                    "cannot subtract infinite dates");
        }
        return (int) (a.toEpochDay() - b.toEpochDay());
    }
}
