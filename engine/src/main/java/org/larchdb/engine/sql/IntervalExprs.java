package org.larchdb.engine.sql;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.expr.ScalarFunction;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.DateTimeArithmetic;
import org.larchdb.engine.types.Interval;
import org.larchdb.engine.types.TextCodec;

/**
 * The interval parts of expression binding: timestamptz ± interval, whose months and days count in the session
 * time zone (an {@link org.larchdb.engine.types.Operator} has no access to it, so it is bound as a function
 * call that receives the evaluation context), {@code INTERVAL '…' [unit]} literals, and make_interval's
 * named arguments ({@code make_interval(days => 10)}).
 */
final class IntervalExprs {
    private IntervalExprs() {
    }

    private static final ScalarFunction PLUS = new ScalarFunction("timestamptz_pl_interval", true,
            (a, c) -> DateTimeArithmetic.plus((Instant) a[0], (Interval) a[1], c.timeZone()));
    private static final ScalarFunction MINUS = new ScalarFunction("timestamptz_mi_interval", true,
            (a, c) -> DateTimeArithmetic.plus((Instant) a[0], ((Interval) a[1]).negate(), c.timeZone()));

    static Expr bind(ExprBinder binder, String op, Expr l, Expr r) {
        boolean intervalFirst = l.type().type() == org.larchdb.engine.types.PgType.INTERVAL;
        Expr ts = intervalFirst ? r : l;
        Expr span = intervalFirst ? l : r;
        List<Expr> args = List.of(binder.coerce(ts, DataType.TIMESTAMPTZ, Casts.Context.IMPLICIT),
                binder.coerce(span, DataType.INTERVAL, Casts.Context.IMPLICIT));
        return new Expr.FuncCall(op.equals("-") ? MINUS : PLUS, args, DataType.TIMESTAMPTZ);
    }

    /**
     * {@code INTERVAL '1 day'}; with a unit after the string ({@code INTERVAL '3' DAY}) a bare number counts
     * that unit, as in PostgreSQL.
     */
    static Expr intervalLiteral(IntervalExpression iv, AnalysisContext ctx) {
        String p = iv.getParameter();
        if (p == null || p.length() < 2 || !p.startsWith("'") || !p.endsWith("'")) {
            throw DbException.notSupported("interval expression " + iv);
        }
        String text = p.substring(1, p.length() - 1).replace("''", "'");
        String unit = iv.getIntervalType();
        if (unit != null && text.strip().matches("[+-]?[0-9]+(\\.[0-9]*)?")) {
            text = text.strip() + " " + unit.toLowerCase(Locale.ROOT);
        }
        return new Expr.Const(TextCodec.parse(text, DataType.INTERVAL, ctx.textFormat()), DataType.INTERVAL);
    }

    /** make_interval's parameter names, in order; every one defaults to 0. */
    private static final List<String> MAKE_INTERVAL_NAMES = List.of("years", "months", "weeks", "days", "hours",
            "mins", "secs");

    /**
     * make_interval with positional then named arguments: the named ones are put in their places and the
     * missing ones filled with 0, so the call resolves to the seven-argument function.
     */
    static Expr makeInterval(ExprBinder binder, List<? extends Expression> params) {
        Expr[] slots = new Expr[MAKE_INTERVAL_NAMES.size()];
        boolean named = false;
        int position = 0;
        StringBuilder signature = new StringBuilder();
        boolean mismatch = false;
        for (Expression p : params) {
            if (signature.length() > 0) {
                signature.append(", ");
            }
            if (p instanceof OracleNamedFunctionParameter n) {
                named = true;
                String name = n.getName().toLowerCase(Locale.ROOT);
                Expr value = binder.bind(n.getExpression());
                signature.append(name).append(" => ").append(value.type().displayName());
                int slot = MAKE_INTERVAL_NAMES.indexOf(name);
                if (slot >= 0 && slots[slot] != null && slot >= position) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "argument name \"" + name + "\" used more than once");
                }
                if (slot < 0 || slot < position) {
                    mismatch = true;
                } else {
                    slots[slot] = value;
                }
            } else {
                if (named) {
                    throw new DbException(SqlState.SYNTAX_ERROR,
                            "positional argument cannot follow named argument");
                }
                Expr value = binder.bind(p);
                signature.append(value.type().displayName());
                if (position < slots.length) {
                    slots[position] = value;
                }
                position++;
            }
        }
        if (!named) {
            List<Expr> args = new java.util.ArrayList<>();
            for (int i = 0; i < position && i < slots.length; i++) {
                args.add(slots[i]);
            }
            if (position > slots.length) {
                mismatch = true;
            } else {
                return binder.function("make_interval", args);
            }
        }
        if (mismatch) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "function make_interval(" + signature
                    + ") does not exist").withHint("No function matches the given name and argument types. "
                    + "You might need to add explicit type casts.");
        }
        List<Expr> args = new java.util.ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            args.add(slots[i] != null ? slots[i]
                    : i == slots.length - 1 ? new Expr.Const(0.0, DataType.FLOAT8) : new Expr.Const(0, DataType.INT4));
        }
        return binder.function("make_interval", args);
    }
}
