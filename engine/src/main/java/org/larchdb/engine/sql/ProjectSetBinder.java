package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.SetFunctionCall;

/**
 * Collects the set-returning function calls of one select list for its ProjectSet node. A call
 * binds to a placeholder column reference ({@link #PLACEHOLDER_BASE} + call number), which
 * {@link #resolve} points past the ProjectSet's input columns once the query is bound (the input
 * width depends on the aggregates and windows found meanwhile), as {@link WindowBinder} does.
 */
final class ProjectSetBinder {
    /** Below the window placeholders, above any real row width. */
    static final int PLACEHOLDER_BASE = 1 << 22;

    private final List<SetFunctionCall> calls = new ArrayList<>();
    private final boolean aggregating;

    ProjectSetBinder(boolean aggregating) {
        this.aggregating = aggregating;
    }

    List<SetFunctionCall> calls() {
        return calls;
    }

    /** Binds a call met in the select list. */
    Expr bind(ExprBinder binder, String name, List<Expr> args) {
        if (aggregating && !binder.inAggregation()) {
            // Arguments of aggregates are bound over the aggregate's input.
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                    "aggregate function calls cannot contain set-returning function calls")
                    .withHint("You might be able to move the set-returning function into a LATERAL FROM item.");
        }
        for (Expr a : args) {
            if (references(a)) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                        "set-returning functions as arguments of set-returning functions");
            }
        }
        SetFunctionCall call = SetReturningFunctions.resolve(binder, name, args);
        calls.add(call);
        return new Expr.ColumnRef(PLACEHOLDER_BASE + calls.size() - 1, call.type(), name);
    }

    private static boolean references(Expr e) {
        return !remap(e, 0).equals(e);
    }

    /** Points this level's placeholders at the ProjectSet's output columns. */
    static Expr resolve(Expr e, int inputWidth) {
        return remap(e, inputWidth);
    }

    private static Expr remap(Expr e, int inputWidth) {
        return switch (e) {
            case Expr.ColumnRef c when c.index() >= PLACEHOLDER_BASE && c.index() < WindowBinder.PLACEHOLDER_BASE ->
                    new Expr.ColumnRef(inputWidth + c.index() - PLACEHOLDER_BASE, c.type(), c.name());
            case Expr.Const c -> c;
            case Expr.ColumnRef c -> c;
            case Expr.ParamRef p -> p;
            case Expr.OuterRef o -> o;
            case Expr.OpCall o -> new Expr.OpCall(o.operator(), remap(o.left(), inputWidth), remap(o.right(),
                    inputWidth));
            case Expr.PrefixCall p -> new Expr.PrefixCall(p.operator(), remap(p.operand(), inputWidth));
            case Expr.And a -> new Expr.And(remapAll(a.args(), inputWidth));
            case Expr.Or o -> new Expr.Or(remapAll(o.args(), inputWidth));
            case Expr.Not n -> new Expr.Not(remap(n.arg(), inputWidth));
            case Expr.IsNull n -> new Expr.IsNull(remap(n.arg(), inputWidth), n.negated());
            case Expr.Cast c -> new Expr.Cast(remap(c.arg(), inputWidth), c.type(), c.context());
            case Expr.FuncCall f -> new Expr.FuncCall(f.function(), remapAll(f.args(), inputWidth), f.type());
            case Expr.Case c -> new Expr.Case(remapAll(c.conditions(), inputWidth), remapAll(c.results(), inputWidth),
                    c.elseResult() == null ? null : remap(c.elseResult(), inputWidth), c.type());
            case Expr.SubLink s -> new Expr.SubLink(s.kind(), s.subquery(),
                    s.test() == null ? null : remap(s.test(), inputWidth), s.comparison(), s.type());
        };
    }

    private static List<Expr> remapAll(List<Expr> exprs, int inputWidth) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(remap(e, inputWidth));
        }
        return out;
    }

    /** Whether {@code e} calls a set-returning function at this query level. */
    static boolean contains(Expression e) {
        boolean[] found = {false};
        e.accept(new net.sf.jsqlparser.util.deparser.ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(Function function, S context) {
                if (SetReturningFunctions.isSetReturning(function)) {
                    found[0] = true;
                }
                return super.visit(function, context);
            }

            @Override
            public <S> StringBuilder visit(net.sf.jsqlparser.statement.select.ParenthesedSelect select, S context) {
                return getBuffer();
            }
        }, null);
        return found[0];
    }
}
