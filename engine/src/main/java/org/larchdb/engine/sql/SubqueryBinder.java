package org.larchdb.engine.sql;

import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.AnyType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.statement.select.Select;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.expr.SubLinkKind;
import org.larchdb.engine.plan.SubqueryPlan;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Binds subqueries used as expressions (scalar, EXISTS, IN, op ANY/ALL) into {@link Expr.SubLink}s.
 * The subquery is planned with the current scope as its enclosing scope, so it may refer to this
 * query's columns (and those of queries further out); it is then re-run for every outer row.
 */
final class SubqueryBinder {

    /** Plans a subquery whose outer references resolve in {@code enclosing}. */
    @FunctionalInterface
    interface Planner {
        SelectAnalyzer.Output plan(Select select, Scope enclosing);
    }

    private final ExprBinder binder;
    private final Planner planner;

    SubqueryBinder(ExprBinder binder, Planner planner) {
        this.binder = binder;
        this.planner = planner;
    }

    Expr scalar(Select select) {
        SelectAnalyzer.Output out = plan(select);
        if (out.columns().size() != 1) {
            throw new DbException(SqlState.SYNTAX_ERROR, "subquery must return only one column");
        }
        return new Expr.SubLink(SubLinkKind.SCALAR, new SubqueryPlan(out.plan()), null, null,
                out.plan().outputTypes().get(0));
    }

    Expr exists(ExistsExpression exists) {
        if (!(exists.getRightExpression() instanceof Select select)) {
            throw DbException.notSupported("EXISTS over " + exists.getRightExpression());
        }
        SelectAnalyzer.Output out = plan(select);
        Expr link = new Expr.SubLink(SubLinkKind.EXISTS, new SubqueryPlan(out.plan()), null, null, DataType.BOOL);
        return exists.isNot() ? new Expr.Not(link) : link;
    }

    /** {@code x [NOT] IN (subquery)}: {@code = ANY}, negated. */
    Expr in(Expression left, Select select, boolean not) {
        Expr any = quantified("=", SubLinkKind.ANY, left, select);
        return not ? new Expr.Not(any) : any;
    }

    Expr quantified(String op, Expression left, AnyComparisonExpression any) {
        return quantified(op, any.getAnyType() == AnyType.ALL ? SubLinkKind.ALL : SubLinkKind.ANY, left,
                any.getSelect());
    }

    private Expr quantified(String op, SubLinkKind kind, Expression left, Select select) {
        Expr test = binder.bind(left);
        SelectAnalyzer.Output out = plan(select);
        if (out.columns().size() > 1) {
            throw new DbException(SqlState.SYNTAX_ERROR, "subquery has too many columns");
        }
        DataType column = out.plan().outputTypes().get(0);
        if (test.type().type() == PgType.UNKNOWN) {
            test = binder.coerce(test, column, org.larchdb.engine.types.Casts.Context.IMPLICIT);
        }
        // The comparison runs over the pair (test value, subquery value).
        Expr comparison = binder.applyOperator(op, new Expr.ColumnRef(0, test.type(), null),
                new Expr.ColumnRef(1, column, null));
        if (comparison.type().type() != PgType.BOOL) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires operator to yield boolean");
        }
        return new Expr.SubLink(kind, new SubqueryPlan(out.plan()), test, comparison, DataType.BOOL);
    }

    private SelectAnalyzer.Output plan(Select select) {
        Scope scope = binder.scope();
        boolean wasReferenced = scope.referencedFromBelow();
        scope.clearReferencedFromBelow();
        SelectAnalyzer.Output out = planner.plan(select, scope);
        if (scope.referencedFromBelow() && binder.inAggregation()) {
            // Outer references would have to read the grouped row; PostgreSQL allows grouped columns there.
            throw DbException.notSupported("correlated subqueries in a grouped query's select list or HAVING");
        }
        if (wasReferenced) {
            scope.setReferencedFromBelow();
        }
        return out;
    }
}
