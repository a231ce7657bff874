package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
        Planned planned = plan(select);
        SelectAnalyzer.Output out = planned.out();
        if (out.columns().size() != 1) {
            throw new DbException(SqlState.SYNTAX_ERROR, "subquery must return only one column");
        }
        return new Expr.SubLink(SubLinkKind.SCALAR, planned.subquery(), null, null,
                out.plan().outputTypes().get(0));
    }

    Expr exists(ExistsExpression exists) {
        if (!(exists.getRightExpression() instanceof Select select)) {
            throw DbException.notSupported("EXISTS over " + exists.getRightExpression());
        }
        Expr link = new Expr.SubLink(SubLinkKind.EXISTS, plan(select).subquery(), null, null, DataType.BOOL);
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
        Planned planned = plan(select);
        SelectAnalyzer.Output out = planned.out();
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
        return new Expr.SubLink(kind, planned.subquery(), test, comparison, DataType.BOOL);
    }

    /** A planned subquery: its columns, and the plan with the outer row it reads. */
    private record Planned(SelectAnalyzer.Output out, SubqueryPlan subquery) {
    }

    private Planned plan(Select select) {
        Scope scope = binder.scope();
        boolean wasReferenced = scope.referencedFromBelow();
        Set<Integer> earlier = new TreeSet<>(scope.referencedColumns());
        scope.clearReferencedFromBelow();
        SelectAnalyzer.Output out = planner.plan(select, scope);
        List<Expr> outerRow = null;
        if (scope.referencedFromBelow() && binder.inAggregation()) {
            outerRow = groupedOuterRow(scope);
        }
        if (wasReferenced) {
            scope.setReferencedFromBelow();
        }
        scope.referencedColumns().addAll(earlier);
        return new Planned(out, new SubqueryPlan(out.plan(), outerRow));
    }

    /**
     * In a grouped query the current row is the aggregate's output; the subquery's outer references
     * (input-row positions) may only name grouping columns, which are mapped to their place in that row.
     */
    private List<Expr> groupedOuterRow(Scope scope) {
        List<Expr> keys = binder.groupKeys();
        List<Expr> row = new ArrayList<>();
        for (int i = 0; i < scope.width(); i++) {
            row.add(new Expr.Const(null, DataType.UNKNOWN));
        }
        for (int index : scope.referencedColumns()) {
            int key = -1;
            for (int k = 0; k < keys.size(); k++) {
                if (keys.get(k) instanceof Expr.ColumnRef ref && ref.index() == index) {
                    key = k;
                    break;
                }
            }
            if (key < 0) {
                throw new DbException(SqlState.GROUPING_ERROR, "subquery uses ungrouped column \""
                        + columnName(scope, index) + "\" from outer query");
            }
            row.set(index, new Expr.ColumnRef(key, keys.get(key).type(), null));
        }
        return row;
    }

    private static String columnName(Scope scope, int index) {
        for (Scope.Item item : scope.items()) {
            for (Scope.ScopeColumn c : item.columns()) {
                if (c.index() == index) {
                    return item.refName() + "." + c.name();
                }
            }
        }
        return "?";
    }

    /** The output name of a scalar subquery: its single column's name (PostgreSQL's FigureColname). */
    static String columnName(Select select) {
        Select body = select;
        while (body instanceof net.sf.jsqlparser.statement.select.ParenthesedSelect p) {
            body = p.getSelect();
        }
        if (body instanceof net.sf.jsqlparser.statement.select.SetOperationList list) {
            return columnName(list.getSelects().get(0));
        }
        if (body instanceof net.sf.jsqlparser.statement.select.PlainSelect plain && !plain.getSelectItems().isEmpty()) {
            var item = plain.getSelectItems().get(0);
            if (item.getAlias() != null) {
                return Names.identifier(item.getAlias().getName());
            }
            String name = ExprBinder.columnName(item.getExpression());
            return name.equals("?column?") ? null : name;
        }
        return null;
    }
}
