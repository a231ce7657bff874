package org.larchdb.engine.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** Casts between types, following pg_cast (which casts exist and in which contexts) and the cast functions' semantics and errors. */
public final class Casts {
    private Casts() {
    }

    /** When a cast may be applied without being written: pg_cast.castcontext. */
    public enum Context { IMPLICIT, ASSIGNMENT, EXPLICIT }

    private static final Context I = Context.IMPLICIT;
    private static final Context A = Context.ASSIGNMENT;
    private static final Context E = Context.EXPLICIT;

    /**
     * Whether a value of {@code from} may be converted to {@code to} in the given context
     * (UNKNOWN converts to anything; every type converts to text explicitly, and to/from string types by I/O conversion).
     */
    public static boolean canCast(PgType from, PgType to, Context context) {
        Context needed = castContext(from, to);
        return needed != null && needed.ordinal() <= context.ordinal();
    }

    /**
     * The least permissive context in which pg_cast (or an automatic I/O conversion) allows the cast, null if none.
     * As in PostgreSQL, I/O conversion to a string type is an assignment cast and from a string type an explicit one.
     */
    static Context castContext(PgType from, PgType to) {
        if (from == to || from == PgType.UNKNOWN) {
            return I;
        }
        if (from.isArray() && to.isArray()) {
            // array coercion: as the elements' cast
            return castContext(from.element(), to.element());
        }
        if (from == PgType.JSON && to == PgType.JSONB || from == PgType.JSONB && to == PgType.JSON) {
            return A;
        }
        if (from == PgType.JSONB && (to == PgType.BOOL || to.isNumeric())) {
            return E;
        }
        Context c = switch (from) {
            case INT2 -> switch (to) {
                case INT4, INT8, FLOAT4, FLOAT8, NUMERIC, OID -> I;
                default -> null;
            };
            case INT4 -> switch (to) {
                case INT8, FLOAT4, FLOAT8, NUMERIC, OID -> I;
                case INT2 -> A;
                case BOOL, CHAR -> E;
                default -> null;
            };
            case INT8 -> switch (to) {
                case FLOAT4, FLOAT8, NUMERIC, OID -> I;
                case INT2, INT4 -> A;
                default -> null;
            };
            case FLOAT4 -> switch (to) {
                case FLOAT8 -> I;
                case INT2, INT4, INT8, NUMERIC -> A;
                default -> null;
            };
            case FLOAT8 -> switch (to) {
                case INT2, INT4, INT8, FLOAT4, NUMERIC -> A;
                default -> null;
            };
            case NUMERIC -> switch (to) {
                case FLOAT4, FLOAT8 -> I;
                case INT2, INT4, INT8 -> A;
                default -> null;
            };
            case OID -> switch (to) {
                case INT4, INT8 -> A;
                default -> null;
            };
            case BOOL -> to == PgType.INT4 ? E : null;
            case CHAR -> switch (to) {
                case TEXT -> I;
                case INT4 -> E;
                default -> null;
            };
            case TEXT, VARCHAR, BPCHAR -> switch (to) {
                case TEXT, VARCHAR, BPCHAR, NAME -> I;
                case CHAR -> A;
                default -> null;
            };
            case NAME -> to == PgType.TEXT ? I : null;
            case DATE -> to == PgType.TIMESTAMP || to == PgType.TIMESTAMPTZ ? I : null;
            case TIMESTAMP -> to == PgType.TIMESTAMPTZ ? I : to == PgType.DATE || to == PgType.TIME ? A : null;
            case TIMESTAMPTZ -> switch (to) {
                case TIMESTAMP, DATE, TIME, TIMETZ -> A;
                default -> null;
            };
            case TIME -> to == PgType.INTERVAL || to == PgType.TIMETZ ? I : null;
            case TIMETZ -> to == PgType.TIME ? A : null;
            case INTERVAL -> to == PgType.TIME ? A : null;
            default -> null;
        };
        if (c != null) {
            return c;
        }
        if (to.isString()) {
            return A;
        }
        if (from.isString()) {
            return E;
        }
        return null;
    }

    /**
     * Converts a non-null value. Applies the target's type modifier (length, precision/scale):
     * an explicit cast to varchar(n) truncates, an assignment raises 22001 as PostgreSQL does.
     */
    public static Object cast(Object value, DataType from, DataType to, Context context, TextFormat format) {
        PgType f = from.type();
        PgType t = to.type();
        boolean explicit = context == Context.EXPLICIT;
        if (f == PgType.UNKNOWN) {
            String s = (String) value;
            if (t == PgType.VARCHAR || t == PgType.BPCHAR) {
                return TextCodec.applyLength(s, to, explicit);
            }
            return TextCodec.parse(s, to, format);
        }
        if (f == t) {
            return applyTypmod(value, to, explicit);
        }
        if (castContext(f, t) == null) {
            throw new DbException(SqlState.CANNOT_COERCE,
                    "cannot cast type " + from.type().sqlName() + " to " + to.type().sqlName());
        }
        if (f.isArray() && t.isArray()) {
            ArrayValue a = (ArrayValue) value;
            DataType fromElement = ArrayText.elementType(from);
            DataType toElement = ArrayText.elementType(to);
            Object[] out = new Object[a.size()];
            for (int i = 0; i < out.length; i++) {
                Object e = a.elements()[i];
                out[i] = e == null ? null : cast(e, fromElement, toElement, context, format);
            }
            return new ArrayValue(a.dims(), a.lowerBounds(), out);
        }
        if (f == PgType.JSON && t == PgType.JSONB) {
            return Jsonb.parse((String) value);
        }
        if (f == PgType.JSONB && t == PgType.JSON) {
            return value.toString();
        }
        if (f == PgType.JSONB && (t == PgType.BOOL || t.isNumeric())) {
            return fromJsonbScalar((Jsonb) value, from, to, context, format);
        }
        if (t.isString()) {
            return toString(value, from, to, explicit, format);
        }
        if (f.isString()) {
            String s = (String) value;
            if (f == PgType.BPCHAR) {
                s = s.substring(0, Comparisons.trimmedLength(s));
            }
            return TextCodec.parse(s, to, format);
        }
        return switch (t) {
            case INT2 -> (short) toIntegral(value, f, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT4 -> f == PgType.BOOL ? (((Boolean) value) ? 1 : 0)
                    : f == PgType.OID ? (int) (long) (Long) value
                    : (int) toIntegral(value, f, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case INT8 -> toIntegral(value, f, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case OID -> toOid(value, f);
            case FLOAT8 -> f == PgType.NUMERIC ? numericToDouble(value) : ((Number) value).doubleValue();
            case FLOAT4 -> toFloat4(value, f);
            case NUMERIC -> NumericValues.applyTypmod(toNumeric(value, f), to);
            case BOOL -> ((Integer) value) != 0;
            case DATE, TIMESTAMP, TIMESTAMPTZ -> dateTime(value, f, t, format.timeZone());
            case TIME, TIMETZ -> TimeText.round(TimeCasts.cast(value, f, t, format.timeZone()), to.typmod());
            case INTERVAL -> TimeCasts.cast(value, f, t, format.timeZone());
            default -> throw new DbException(SqlState.CANNOT_COERCE,
                    "cannot cast type " + from.type().sqlName() + " to " + to.type().sqlName());
        };
    }

    /** jsonb to bool or a number: only from a scalar of the matching kind (PostgreSQL 15's jsonb_int4 etc.). */
    private static Object fromJsonbScalar(Jsonb value, DataType from, DataType to, Context context,
                                          TextFormat format) {
        Object root = value.root();
        boolean wantBool = to.type() == PgType.BOOL;
        if (wantBool ? root instanceof Boolean : root instanceof java.math.BigDecimal) {
            return wantBool ? root : cast(root, DataType.NUMERIC, to, context, format);
        }
        String kind = switch (root) {
            case java.util.Map<?, ?> m -> "object";
            case java.util.List<?> l -> "array";
            case String s -> "string";
            case java.math.BigDecimal d -> "numeric";
            case Boolean b -> "boolean";
            default -> "null";
        };
        throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "cannot cast jsonb " + kind + " to type "
                + to.type().sqlName());
    }

    /** Casts between date, timestamp and timestamptz; infinities stay infinities (see {@link PgType}). */
    private static Object dateTime(Object value, PgType from, PgType to, ZoneId timeZone) {
        int inf = DateTimeText.infinitySign(value);
        if (inf != 0) {
            return switch (to) {
                case DATE -> inf > 0 ? LocalDate.MAX : LocalDate.MIN;
                case TIMESTAMP -> inf > 0 ? LocalDateTime.MAX : LocalDateTime.MIN;
                default -> inf > 0 ? Instant.MAX : Instant.MIN;
            };
        }
        Object r = switch (to) {
            case DATE -> from == PgType.TIMESTAMP ? ((LocalDateTime) value).toLocalDate()
                    : LocalDate.ofInstant((Instant) value, timeZone);
            case TIMESTAMP -> from == PgType.DATE ? ((LocalDate) value).atStartOfDay()
                    : LocalDateTime.ofInstant((Instant) value, timeZone);
            default -> from == PgType.DATE ? ((LocalDate) value).atStartOfDay(timeZone).toInstant()
                    : ((LocalDateTime) value).atZone(timeZone).toInstant();
        };
        if (to != PgType.DATE && !DateTimeText.inTimestampRange(r)) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW,
                    from == PgType.DATE ? "date out of range for timestamp" : "timestamp out of range");
        }
        return r;
    }

    private static Object applyTypmod(Object value, DataType to, boolean explicit) {
        return switch (to.type()) {
            case VARCHAR, BPCHAR -> TextCodec.applyLength((String) value, to, explicit);
            case NUMERIC -> NumericValues.applyTypmod(value, to);
            case TIME, TIMETZ -> TimeText.round(value, to.typmod());
            default -> value;
        };
    }

    private static Object toString(Object value, DataType from, DataType to, boolean explicit, TextFormat format) {
        String s;
        PgType f = from.type();
        if (f == PgType.BOOL) {
            s = ((Boolean) value) ? "true" : "false"; // booltext, not boolout's t/f
        } else if (f == PgType.BPCHAR) {
            String v = (String) value;
            s = v.substring(0, Comparisons.trimmedLength(v)); // rtrim1: char(n) loses its padding
        } else if (f == PgType.INT4 && to.type() == PgType.CHAR) {
            int i = (Integer) value;
            if (i < -128 || i > 127) {
                throw TypeErrors.outOfRange("\"char\"");
            }
            return i == 0 ? "" : String.valueOf((char) (i & 0xff));
        } else {
            s = TextCodec.format(value, from, format);
        }
        return switch (to.type()) {
            case VARCHAR, BPCHAR -> TextCodec.applyLength(s, to, explicit);
            default -> TextCodec.parse(s, to, format);
        };
    }

    private static long toIntegral(Object value, PgType from, long min, long max, String what) {
        return switch (from) {
            case INT2, INT4, INT8, OID -> {
                long v = ((Number) value).longValue();
                if (v < min || v > max) {
                    throw TypeErrors.outOfRange(what);
                }
                yield v;
            }
            case FLOAT4, FLOAT8 -> {
                double d = ((Number) value).doubleValue();
                double r = Math.rint(d); // round half to even, as rint() in float8_int4
                // The bounds are exact powers of two, so comparing against them in double is exact.
                if (Double.isNaN(r) || r < (double) min || r >= -(double) min) {
                    throw TypeErrors.outOfRange(what);
                }
                yield (long) r;
            }
            case NUMERIC -> NumericValues.toLong(value, min, max, what);
            case CHAR -> {
                String s = (String) value;
                yield s.isEmpty() ? 0 : (byte) s.charAt(0);
            }
            default -> throw new DbException(SqlState.CANNOT_COERCE, "cannot cast type " + from.sqlName());
        };
    }

    private static long toOid(Object value, PgType from) {
        long v = ((Number) value).longValue();
        if (from == PgType.INT8 && (v < 0 || v > 0xffffffffL)) {
            throw TypeErrors.outOfRange("OID");
        }
        return v & 0xffffffffL;
    }

    private static float toFloat4(Object value, PgType from) {
        if (from == PgType.NUMERIC) {
            // numeric_float4 goes through float4in on the numeric's text, hence its wording on overflow
            return FloatText.parseFloat(NumericValues.format(value));
        }
        if (from != PgType.FLOAT8) {
            return ((Number) value).floatValue();
        }
        double d = (Double) value;
        float r = (float) d;
        if (Float.isInfinite(r) && !Double.isInfinite(d)) {
            throw TypeErrors.floatOverflow();
        }
        if (r == 0.0f && d != 0.0) {
            throw TypeErrors.floatUnderflow();
        }
        return r;
    }

    private static double numericToDouble(Object value) {
        if (value instanceof NumericSpecial sp) {
            return sp.toDouble();
        }
        BigDecimal v = (BigDecimal) value;
        double d = v.doubleValue();
        if (Double.isInfinite(d)) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + v.toPlainString() + "\" is out of range for type double precision");
        }
        return d;
    }

    private static Object toNumeric(Object value, PgType from) {
        return switch (from) {
            case INT2, INT4, INT8 -> BigDecimal.valueOf(((Number) value).longValue());
            // float8_numeric prints with DBL_DIG (15) significant digits, float4_numeric with FLT_DIG (6)
            case FLOAT4 -> floatToNumeric((Float) value, 6);
            case FLOAT8 -> floatToNumeric((Double) value, 15);
            default -> throw new DbException(SqlState.CANNOT_COERCE, "cannot cast type " + from.sqlName() + " to numeric");
        };
    }

    private static Object floatToNumeric(double d, int digits) {
        NumericSpecial special = NumericSpecial.ofDouble(d);
        if (special != null) {
            return special;
        }
        if (d == 0.0) {
            return BigDecimal.ZERO;
        }
        BigDecimal r = new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return NumericValues.normalizeScale(r);
    }
}
