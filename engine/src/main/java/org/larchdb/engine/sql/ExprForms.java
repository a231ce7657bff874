package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.expr.ScalarFunction;
import org.larchdb.engine.sql.functions.RegexFunctions;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operators;
import org.larchdb.engine.types.PgType;
import org.larchdb.engine.types.TextCodec;

/**
 * The expression forms with their own syntax or typing rules, bound for {@link ExprBinder}: COALESCE, NULLIF,
 * GREATEST/LEAST (common-type resolution), IS [NOT] DISTINCT FROM, the regular-expression operators, SIMILAR TO,
 * TRIM(... FROM ...), and substring/position written with FROM/FOR/IN.
 */
final class ExprForms {
    private ExprForms() {
    }

    /** Whether {@code name} is one of the forms {@link #special} binds. */
    static boolean isSpecial(String name) {
        return switch (name) {
            case "coalesce", "nullif", "greatest", "least", "pg_typeof" -> true;
            default -> false;
        };
    }

    static Expr special(ExprBinder b, String name, List<Expr> args) {
        return switch (name) {
            case "coalesce" -> coalesce(b, args);
            case "nullif" -> nullif(b, args);
            case "pg_typeof" -> pgTypeof(args);
            default -> extreme(b, name, args);
        };
    }

    private static List<Expr> toCommonType(ExprBinder b, List<Expr> args, String context) {
        DataType type = Operators.commonType(args.stream().map(Expr::type).toList(), context);
        return args.stream().map(a -> b.coerce(a, type, Casts.Context.IMPLICIT)).toList();
    }

    /** pg_typeof(any): the argument's type name, as regtype prints it (no type modifier). */
    private static Expr pgTypeof(List<Expr> args) {
        if (args.size() != 1) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "function pg_typeof() does not exist");
        }
        return new Expr.Const(args.get(0).type().type().sqlName(), DataType.TEXT);
    }

    /** COALESCE as CASE WHEN a1 IS NOT NULL THEN a1 ... ELSE an END over the common type. */
    private static Expr coalesce(ExprBinder b, List<Expr> args) {
        if (args.isEmpty()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \")\"");
        }
        List<Expr> typed = toCommonType(b, args, "COALESCE");
        List<Expr> conditions = new ArrayList<>();
        List<Expr> results = new ArrayList<>();
        for (int i = 0; i < typed.size() - 1; i++) {
            conditions.add(new Expr.IsNull(typed.get(i), true));
            results.add(typed.get(i));
        }
        Expr last = typed.get(typed.size() - 1);
        if (conditions.isEmpty()) {
            return last;
        }
        return new Expr.Case(conditions, results, last, last.type());
    }

    /** NULLIF(a, b): NULL when a = b, else a, typed as a (after the operator types an unknown a). */
    private static Expr nullif(ExprBinder b, List<Expr> args) {
        if (args.size() != 2) {
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \")\"");
        }
        Expr eq = b.applyOperator("=", args.get(0), args.get(1));
        Expr value = args.get(0);
        if (value.type().type() == PgType.UNKNOWN && eq instanceof Expr.OpCall op) {
            value = b.coerce(value, op.operator().left(), Casts.Context.IMPLICIT);
        }
        return new Expr.Case(List.of(eq), List.of(new Expr.Const(null, value.type())), value, value.type());
    }

    /** GREATEST/LEAST: NULLs are ignored; NULL only when every argument is. */
    private static Expr extreme(ExprBinder b, String name, List<Expr> args) {
        boolean greatest = name.equals("greatest");
        List<Expr> typed = toCommonType(b, args, greatest ? "GREATEST" : "LEAST");
        DataType type = typed.get(0).type();
        PgType t = type.type();
        ScalarFunction f = new ScalarFunction(name, false, (a, c) -> {
            Object best = null;
            for (Object v : a) {
                if (v != null && (best == null || (Comparisons.compare(v, best, t) > 0) == greatest
                        && Comparisons.compare(v, best, t) != 0)) {
                    best = v;
                }
            }
            return best;
        });
        return new Expr.FuncCall(f, typed, type);
    }

    /** IS [NOT] DISTINCT FROM: equality where NULL equals NULL, never NULL itself. */
    static Expr distinct(ExprBinder b, IsDistinctExpression d) {
        Expr eq = b.applyOperator("=", b.bind(d.getLeftExpression()), b.bind(d.getRightExpression()));
        Expr.OpCall op = (Expr.OpCall) eq;
        Expr isDistinct = new Expr.Case(List.of(new Expr.IsNull(op.left(), false), new Expr.IsNull(op.right(), false)),
                List.of(new Expr.IsNull(op.right(), true), new Expr.Const(true, DataType.BOOL)), new Expr.Not(eq),
                DataType.BOOL);
        return d.isNot() ? new Expr.Not(isDistinct) : isDistinct;
    }

    private static List<Expr> textOperands(ExprBinder b, String op, Expr value, Expr pattern) {
        for (Expr operand : List.of(value, pattern)) {
            PgType t = operand.type().type();
            if (t != PgType.UNKNOWN && !t.isString()) {
                throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                        + value.type().displayName() + " " + op + " " + pattern.type().displayName())
                        .withHint("No operator matches the given name and argument types. "
                                + "You might need to add explicit type casts.");
            }
        }
        return new ArrayList<>(List.of(b.coerce(value, DataType.TEXT, Casts.Context.IMPLICIT),
                b.coerce(pattern, DataType.TEXT, Casts.Context.IMPLICIT)));
    }

    static Expr regexMatch(ExprBinder b, RegExpMatchOperator r) {
        String op = r.getStringExpression().trim();
        boolean negated = op.startsWith("!");
        boolean caseInsensitive = op.endsWith("*");
        List<Expr> args = textOperands(b, op, b.bind(r.getLeftExpression()), b.bind(r.getRightExpression()));
        return new Expr.FuncCall(RegexFunctions.match(caseInsensitive, negated), args, DataType.BOOL);
    }

    static Expr similarTo(ExprBinder b, LikeExpression like) {
        List<Expr> args = textOperands(b, "~", b.bind(like.getLeftExpression()), b.bind(like.getRightExpression()));
        if (like.getEscape() != null) {
            args.add(b.coerce(b.bind(like.getEscape()), DataType.TEXT, Casts.Context.IMPLICIT));
        }
        Expr call = new Expr.FuncCall(RegexFunctions.similar(args.size() == 3), args, DataType.BOOL);
        return like.isNot() ? new Expr.Not(call) : call;
    }

    /** The function TRIM([BOTH|LEADING|TRAILING] [chars] FROM s) means, which also names its column. */
    static String trimFunctionName(TrimFunction t) {
        if (t.getTrimSpecification() == null) {
            return "btrim";
        }
        return switch (t.getTrimSpecification()) {
            case LEADING -> "ltrim";
            case TRAILING -> "rtrim";
            default -> "btrim";
        };
    }

    static Expr trim(ExprBinder b, TrimFunction t) {
        Expression chars = t.getFromExpression() != null ? t.getExpression() : null;
        Expression string = t.getFromExpression() != null ? t.getFromExpression() : t.getExpression();
        List<Expr> args = new ArrayList<>();
        args.add(b.bind(string));
        if (chars != null) {
            args.add(b.bind(chars));
        }
        return b.function(trimFunctionName(t), args);
    }

    /** substring(s FROM a [FOR n]) and position(sub IN s), which JSqlParser gives as named parameters. */
    static Expr namedForm(ExprBinder b, String name, NamedExpressionList<?> named) {
        List<String> names = named.getNames();
        List<Expr> args = new ArrayList<>();
        for (Object e : named) {
            args.add(b.bind((Expression) e));
        }
        String shape = String.join(",", names).toLowerCase(java.util.Locale.ROOT);
        boolean ok = switch (name) {
            case "substring" -> shape.equals(",from,for") || shape.equals(",from");
            case "position" -> shape.equals(",in");
            default -> false;
        };
        if (!ok) {
            throw DbException.notSupported(name + "(" + shape.replace(",", " ... ").trim() + " ...)");
        }
        return b.function(name, args);
    }

    /** A value as text by its type's output function (concat, format), not the text cast ('t', not 'true'). */
    static Expr asOutputText(Expr e) {
        if (e.type().type() == PgType.TEXT) {
            return e;
        }
        DataType type = e.type();
        return new Expr.FuncCall(new ScalarFunction("textout", true,
                (a, c) -> TextCodec.format(a[0], type, c.textFormat())), List.of(e), DataType.TEXT);
    }
}
