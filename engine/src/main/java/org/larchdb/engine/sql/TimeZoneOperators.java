package org.larchdb.engine.sql;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.IntervalExpression;
import org.larchdb.engine.error.DbException;
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
 * call that receives the evaluation context), and {@code INTERVAL '…' [unit]} literals.
 */
final class TimeZoneOperators {
    private TimeZoneOperators() {
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
}
