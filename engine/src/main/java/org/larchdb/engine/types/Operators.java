package org.larchdb.engine.types;

import java.time.LocalDate;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Operator and type resolution, following PostgreSQL's rules (typeconv): which operator a
 * {@code left op right} means, and the common type of a UNION/CASE/COALESCE/VALUES column.
 *
 * <p>Rather than searching a pg_operator table, the few operator families LarchDB has are resolved by
 * category, giving the same answers PostgreSQL's candidate search gives for these types (e.g. integer + real
 * is float8 + float8 because float8 is the preferred numeric type).
 */
public final class Operators {
    private Operators() {
    }

    private static final String NO_MATCH_HINT =
            "No operator matches the given name and argument types. You might need to add explicit type casts.";

    /**
     * Resolves a binary operator ({@code + - * / % = <> < > <= >= ||}) for the operand types.
     * UNKNOWN operands (untyped literals and parameters) take the other side's type, as in PostgreSQL.
     *
     * @throws org.larchdb.engine.error.DbException 42883 {@code operator does not exist: integer + boolean}
     *         with PostgreSQL's hint
     */
    public static Operator resolveBinary(String op, DataType left, DataType right) {
        String name = op.equals("!=") ? "<>" : op;
        if (DateTimeOperators.isAmbiguous(name, left.type(), right.type())) {
            throw new DbException(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: " + left.type().sqlName()
                    + " " + op + " " + right.type().sqlName())
                    .withHint("Could not choose a best candidate operator. You might need to add explicit type casts.");
        }
        Operator special = JsonbOperators.resolve(name, left, right);
        if (special == null) {
            special = ArrayOperators.resolve(name, left, right);
        }
        if (special != null) {
            return special;
        }
        Operator resolved = switch (name) {
            case "||" -> concat(left.type(), right.type());
            case "+", "-", "*", "/", "%" -> arithmetic(name, knownForArithmetic(name, left.type(), right.type()),
                    knownForArithmetic(name, right.type(), left.type()));
            case "=", "<>", "<", ">", "<=", ">=" -> comparison(name, known(left.type(), right.type()),
                    known(right.type(), left.type()));
            default -> null;
        };
        if (resolved == null) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                    + left.type().sqlName() + " " + op + " " + right.type().sqlName()).withHint(NO_MATCH_HINT);
        }
        return resolved;
    }

    /**
     * As {@link #known}, except where PostgreSQL's candidate search picks another type for an unknown operand:
     * a date/time value plus unknown adds an interval, and an interval times or divided by unknown is by float8.
     */
    private static PgType knownForArithmetic(String op, PgType self, PgType other) {
        if (self == PgType.UNKNOWN) {
            if (op.equals("+") && other.category() == PgType.Category.DATETIME) {
                return PgType.INTERVAL;
            }
            if ((op.equals("*") || op.equals("/")) && other == PgType.INTERVAL) {
                return PgType.FLOAT8;
            }
        }
        return known(self, other);
    }

    /**
     * Whether {@code left op right} is timestamptz ± interval (or interval + timestamptz): months and days are
     * then added in the session time zone, so the analyzer binds it as a function that receives the zone
     * ({@link DateTimeArithmetic#plus(java.time.Instant, Interval, java.time.ZoneId)}) instead of through
     * {@link #resolveBinary}.
     */
    public static boolean needsTimeZone(String op, DataType left, DataType right) {
        if (op.length() != 1) {
            return false;
        }
        return DateTimeOperators.needsTimeZone(op.charAt(0), knownForArithmetic(op, left.type(), right.type()),
                knownForArithmetic(op, right.type(), left.type()));
    }

    /** An unknown operand is assumed to have the other side's type; two unknowns are text. */
    private static PgType known(PgType self, PgType other) {
        if (self != PgType.UNKNOWN) {
            return self;
        }
        return other == PgType.UNKNOWN ? PgType.TEXT : other;
    }

    /**
     * Resolves a prefix operator ({@code -} and {@code +}) for the operand type. The result's {@code left} is null
     * (as oprleft is 0 in pg_operator) and {@code apply} takes the operand as its right argument.
     */
    public static Operator resolvePrefix(String op, DataType operand) {
        PgType t = operand.type();
        if ((op.equals("-") || op.equals("+")) && t == PgType.UNKNOWN) {
            throw new DbException(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: " + op + " unknown")
                    .withHint("Could not choose a best candidate operator. You might need to add explicit type casts.");
        }
        if (t == PgType.INTERVAL && (op.equals("-") || op.equals("+"))) {
            return new Operator(op, null, DataType.INTERVAL, DataType.INTERVAL,
                    (l, r) -> op.equals("-") ? ((Interval) r).negate() : r);
        }
        boolean numeric = switch (t) {
            case INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC -> true;
            default -> false;
        };
        if (!numeric || !(op.equals("-") || op.equals("+"))) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + op + " " + t.sqlName())
                    .withHint("No operator matches the given name and argument type. You might need to add an explicit type cast.");
        }
        DataType type = DataType.of(t);
        if (op.equals("+")) {
            return new Operator(op, null, type, type, (l, r) -> r);
        }
        return new Operator(op, null, type, type, (l, r) -> Arithmetic.negate(r, t));
    }

    private static boolean isInteger(PgType t) {
        return t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8;
    }

    private static boolean isFloat(PgType t) {
        return t == PgType.FLOAT4 || t == PgType.FLOAT8;
    }

    private static boolean isNumber(PgType t) {
        return isInteger(t) || isFloat(t) || t == PgType.NUMERIC;
    }

    private static PgType wider(PgType a, PgType b) {
        if (a == PgType.INT8 || b == PgType.INT8) {
            return PgType.INT8;
        }
        return a == PgType.INT4 || b == PgType.INT4 ? PgType.INT4 : PgType.INT2;
    }

    private static Operator arithmetic(String name, PgType l, PgType r) {
        char op = name.charAt(0);
        if (isInteger(l) && isInteger(r)) {
            PgType result = wider(l, r);
            // int2/int4/int8 have cross-type + - * / but % only between equal types
            DataType lt = DataType.of(op == '%' ? result : l);
            DataType rt = DataType.of(op == '%' ? result : r);
            return new Operator(name, lt, rt, DataType.of(result),
                    (a, b) -> Arithmetic.integer(op, Arithmetic.asLong(a), Arithmetic.asLong(b), result));
        }
        if (isNumber(l) && isNumber(r)) {
            if (isFloat(l) || isFloat(r)) {
                if (op == '%') {
                    return null;
                }
                if (l == PgType.FLOAT4 && r == PgType.FLOAT4) {
                    return new Operator(name, DataType.FLOAT4, DataType.FLOAT4, DataType.FLOAT4,
                            (a, b) -> Arithmetic.float4(op, (Float) a, (Float) b));
                }
                // float48 / float84 operators exist; anything else resolves to float8 (the preferred type)
                DataType lt = isFloat(l) && isFloat(r) ? DataType.of(l) : DataType.FLOAT8;
                DataType rt = isFloat(l) && isFloat(r) ? DataType.of(r) : DataType.FLOAT8;
                return new Operator(name, lt, rt, DataType.FLOAT8,
                        (a, b) -> Arithmetic.float8(op, ((Number) a).doubleValue(), ((Number) b).doubleValue()));
            }
            return new Operator(name, DataType.NUMERIC, DataType.NUMERIC, DataType.NUMERIC,
                    (a, b) -> Arithmetic.numeric(op, a, b));
        }
        if (l == PgType.DATE && (r == PgType.INT2 || r == PgType.INT4) && (op == '+' || op == '-')) {
            return new Operator(name, DataType.DATE, DataType.INT4, DataType.DATE,
                    (a, b) -> Arithmetic.datePlusDays((LocalDate) a, op == '+' ? (Integer) b : -(long) (Integer) b));
        }
        if ((l == PgType.INT2 || l == PgType.INT4) && r == PgType.DATE && op == '+') {
            return new Operator(name, DataType.INT4, DataType.DATE, DataType.DATE,
                    (a, b) -> Arithmetic.datePlusDays((LocalDate) b, (Integer) a));
        }
        if (l == PgType.DATE && r == PgType.DATE && op == '-') {
            return new Operator(name, DataType.DATE, DataType.DATE, DataType.INT4,
                    (a, b) -> Arithmetic.dateMinusDate((LocalDate) a, (LocalDate) b));
        }
        return DateTimeOperators.arithmetic(name, l, r);
    }

    private static Operator comparison(String name, PgType l, PgType r) {
        if (l == PgType.JSON || r == PgType.JSON) {
            return null; // json has no comparison operators
        }
        if (l == r) {
            PgType t = l;
            return compareOp(name, DataType.of(t), DataType.of(t), (a, b) -> Comparisons.compare(a, b, t));
        }
        if (isInteger(l) && isInteger(r)) {
            // cross-type integer comparisons (int48eq...) exist: no cast needed
            return compareOp(name, DataType.of(l), DataType.of(r),
                    (a, b) -> Long.compare(Arithmetic.asLong(a), Arithmetic.asLong(b)));
        }
        if (isNumber(l) && isNumber(r)) {
            if (isFloat(l) && isFloat(r)) {
                return compareOp(name, DataType.of(l), DataType.of(r),
                        (a, b) -> Comparisons.compareDoubles(((Number) a).doubleValue(), ((Number) b).doubleValue()));
            }
            PgType t = isFloat(l) || isFloat(r) ? PgType.FLOAT8 : PgType.NUMERIC;
            return compareOp(name, DataType.of(t), DataType.of(t), (a, b) -> Comparisons.compare(a, b, t));
        }
        if ((l == PgType.OID && isInteger(r)) || (r == PgType.OID && isInteger(l))) {
            return compareOp(name, DataType.OID, DataType.OID, (a, b) -> Comparisons.compare(a, b, PgType.OID));
        }
        if (l.isString() && r.isString()) {
            // mixed string types compare as text (bpchar loses its padding in the cast)
            return compareOp(name, DataType.TEXT, DataType.TEXT, (a, b) -> Comparisons.compareText((String) a, (String) b));
        }
        if (isTimestampLike(l) && isTimestampLike(r)) {
            PgType t = l.ordinal() > r.ordinal() ? l : r; // DATE < TIMESTAMP < TIMESTAMPTZ in declaration order
            return compareOp(name, DataType.of(t), DataType.of(t), (a, b) -> Comparisons.compare(a, b, t));
        }
        if ((l == PgType.TIME && r == PgType.TIMETZ) || (l == PgType.TIMETZ && r == PgType.TIME)) {
            // time converts implicitly to timetz
            return compareOp(name, DataType.TIMETZ, DataType.TIMETZ,
                    (a, b) -> Comparisons.compare(a, b, PgType.TIMETZ));
        }
        return null;
    }

    private static boolean isTimestampLike(PgType t) {
        return t == PgType.DATE || t == PgType.TIMESTAMP || t == PgType.TIMESTAMPTZ;
    }

    private interface Comparator {
        int compare(Object a, Object b);
    }

    private static Operator compareOp(String name, DataType l, DataType r, Comparator c) {
        Operator.Impl impl = switch (name) {
            case "=" -> (a, b) -> c.compare(a, b) == 0;
            case "<>" -> (a, b) -> c.compare(a, b) != 0;
            case "<" -> (a, b) -> c.compare(a, b) < 0;
            case ">" -> (a, b) -> c.compare(a, b) > 0;
            case "<=" -> (a, b) -> c.compare(a, b) <= 0;
            default -> (a, b) -> c.compare(a, b) >= 0;
        };
        return new Operator(name, l, r, DataType.BOOL, impl);
    }

    /**
     * {@code ||}: bytea || bytea, text || text, and anynonarray || text / text || anynonarray, which PostgreSQL
     * defines as {@code $1::text || $2} — so the analyzer casts the non-text side to text ('x' || true = 'xtrue').
     */
    private static Operator concat(PgType l0, PgType r0) {
        PgType l = l0 == PgType.UNKNOWN ? (r0 == PgType.BYTEA ? PgType.BYTEA : PgType.TEXT) : l0;
        PgType r = r0 == PgType.UNKNOWN ? (l0 == PgType.BYTEA ? PgType.BYTEA : PgType.TEXT) : r0;
        if (l == PgType.BYTEA && r == PgType.BYTEA) {
            return new Operator("||", DataType.BYTEA, DataType.BYTEA, DataType.BYTEA, (a, b) -> {
                byte[] x = (byte[]) a;
                byte[] y = (byte[]) b;
                byte[] out = java.util.Arrays.copyOf(x, x.length + y.length);
                System.arraycopy(y, 0, out, x.length, y.length);
                return out;
            });
        }
        if (!l.isString() && !r.isString()) {
            return null;
        }
        return new Operator("||", DataType.TEXT, DataType.TEXT, DataType.TEXT, (a, b) -> (String) a + b);
    }


    /**
     * The common type of several expressions (UNION, CASE, COALESCE, VALUES rows), PostgreSQL's
     * select_common_type: all UNKNOWN gives TEXT; otherwise the preferred type of the category.
     *
     * <p>The first type that is not UNKNOWN is the starting candidate, so the order names the types in the error;
     * PostgreSQL passes a CASE's ELSE result first ("CASE types text and integer" for THEN 1 ELSE 'a'::text).
     *
     * @param context what to name in the error, e.g. "UNION", "CASE", "COALESCE"
     * @throws org.larchdb.engine.error.DbException 42804 {@code UNION types integer and text cannot be matched}
     */
    public static DataType commonType(List<DataType> types, String context) {
        DataType chosen = null;
        boolean preferred = false;
        for (DataType t : types) {
            if (t.type() == PgType.UNKNOWN) {
                continue;
            }
            if (chosen == null) {
                chosen = t;
                preferred = isPreferred(t.type());
                continue;
            }
            PgType p = chosen.type();
            PgType n = t.type();
            if (n == p) {
                continue;
            }
            if (p.category() != n.category()) {
                throw new DbException(SqlState.DATATYPE_MISMATCH,
                        context + " types " + p.sqlName() + " and " + n.sqlName() + " cannot be matched");
            }
            if (!preferred && Casts.canCast(p, n, Casts.Context.IMPLICIT) && !Casts.canCast(n, p, Casts.Context.IMPLICIT)) {
                chosen = t;
                preferred = isPreferred(n);
            }
        }
        if (chosen == null) {
            return DataType.TEXT;
        }
        PgType result = chosen.type();
        int typmod = -2;
        for (DataType t : types) {
            if (t.type() == PgType.UNKNOWN) {
                continue;
            }
            if (!Casts.canCast(t.type(), result, Casts.Context.IMPLICIT)) {
                throw new DbException(SqlState.CANNOT_COERCE,
                        context + " could not convert type " + t.type().sqlName() + " to " + result.sqlName());
            }
            // select_common_typmod: keep the typmod only when every input of the result type has the same one
            int m = t.type() == result ? t.typmod() : -1;
            typmod = typmod == -2 || typmod == m ? m : -1;
        }
        return new DataType(result, typmod == -2 ? -1 : typmod);
    }

    /** pg_type.typispreferred among LarchDB's types. */
    private static boolean isPreferred(PgType t) {
        return t == PgType.FLOAT8 || t == PgType.TEXT || t == PgType.TIMESTAMPTZ || t == PgType.BOOL
                || t == PgType.OID || t == PgType.INTERVAL;
    }
}
