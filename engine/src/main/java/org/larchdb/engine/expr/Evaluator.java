package org.larchdb.engine.expr;

import org.larchdb.engine.types.Casts;

/** Evaluates bound expressions over a row, with SQL's three-valued logic. */
public final class Evaluator {
    private Evaluator() {
    }

    public static Object eval(Expr expr, Object[] row, EvalContext ctx) {
        return switch (expr) {
            case Expr.Const c -> c.value();
            case Expr.ColumnRef c -> row[c.index()];
            case Expr.ParamRef p -> ctx.parameter(p.index());
            case Expr.OuterRef o -> ctx.outerValue(o.levelsUp(), o.index());
            case Expr.SubLink s -> SubLinks.eval(s, row, ctx);
            case Expr.OpCall op -> {
                Object l = eval(op.left(), row, ctx);
                if (l == null) {
                    yield null;
                }
                Object r = eval(op.right(), row, ctx);
                yield r == null ? null : op.operator().apply(l, r);
            }
            case Expr.PrefixCall op -> {
                Object v = eval(op.operand(), row, ctx);
                yield v == null ? null : op.operator().apply(null, v);
            }
            case Expr.And and -> {
                boolean sawNull = false;
                for (Expr a : and.args()) {
                    Object v = eval(a, row, ctx);
                    if (v == null) {
                        sawNull = true;
                    } else if (!(Boolean) v) {
                        yield Boolean.FALSE;
                    }
                }
                yield sawNull ? null : Boolean.TRUE;
            }
            case Expr.Or or -> {
                boolean sawNull = false;
                for (Expr a : or.args()) {
                    Object v = eval(a, row, ctx);
                    if (v == null) {
                        sawNull = true;
                    } else if ((Boolean) v) {
                        yield Boolean.TRUE;
                    }
                }
                yield sawNull ? null : Boolean.FALSE;
            }
            case Expr.Not not -> {
                Object v = eval(not.arg(), row, ctx);
                yield v == null ? null : !(Boolean) v;
            }
            case Expr.IsNull isNull -> (eval(isNull.arg(), row, ctx) == null) != isNull.negated();
            case Expr.Cast cast -> {
                Object v = eval(cast.arg(), row, ctx);
                yield v == null ? null
                        : Casts.cast(v, cast.arg().type(), cast.type(), cast.context(), ctx.textFormat());
            }
            case Expr.FuncCall call -> {
                Object[] args = new Object[call.args().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = eval(call.args().get(i), row, ctx);
                    if (args[i] == null && call.function().strict()) {
                        yield null;
                    }
                }
                yield call.function().impl().apply(args, ctx);
            }
            case Expr.Case c -> {
                for (int i = 0; i < c.conditions().size(); i++) {
                    if (Boolean.TRUE.equals(eval(c.conditions().get(i), row, ctx))) {
                        yield eval(c.results().get(i), row, ctx);
                    }
                }
                yield c.elseResult() == null ? null : eval(c.elseResult(), row, ctx);
            }
        };
    }

    /** Evaluates a predicate: only TRUE passes (NULL and FALSE do not). */
    public static boolean test(Expr predicate, Object[] row, EvalContext ctx) {
        return Boolean.TRUE.equals(eval(predicate, row, ctx));
    }
}
