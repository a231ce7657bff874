package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.JoinType;
import org.larchdb.engine.plan.LateralJoinNode;
import org.larchdb.engine.plan.NestedLoopJoinNode;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.ProjectNode;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operators;

/**
 * Plans one join of a FROM clause: [INNER | LEFT | RIGHT | FULL] JOIN ... ON, CROSS JOIN, comma
 * joins, USING / NATURAL joins and LATERAL subqueries. As in PostgreSQL, a USING or NATURAL join outputs the merged
 * columns first (the left value, the right one for RIGHT joins, COALESCE(left, right) for FULL),
 * then the other left and right columns; the merged-away originals stay reachable qualified.
 */
final class Joins {
    private final SelectAnalyzer owner;

    Joins(SelectAnalyzer owner) {
        this.owner = owner;
    }

    SelectAnalyzer.FromResult join(SelectAnalyzer.FromResult left, Join join) {
        boolean lateral = join.getRightItem() instanceof LateralSubSelect;
        if (lateral && (join.isRight() || join.isFull())) {
            throw new DbException(SqlState.INVALID_COLUMN_REFERENCE,
                    "the combining JOIN type must be INNER or LEFT for a LATERAL reference");
        }
        // A function in FROM may read the items to its left (implicitly LATERAL) unless RIGHT/FULL joined.
        boolean lateralFunction = join.getRightItem() instanceof net.sf.jsqlparser.statement.select.TableFunction
                && !join.isRight() && !join.isFull();
        lateral |= lateralFunction;
        SelectAnalyzer.FromResult right = lateralFunction ? owner.lateralFunction(
                (net.sf.jsqlparser.statement.select.TableFunction) join.getRightItem(), left.scope())
                : lateral ? owner.lateral((LateralSubSelect) join.getRightItem(), left.scope())
                : owner.fromItem(join.getRightItem());
        boolean swap = join.isRight();
        JoinType type = join.isFull() ? JoinType.FULL
                : join.isLeft() || join.isRight() ? JoinType.LEFT : JoinType.INNER;
        SelectAnalyzer.FromResult first = swap ? right : left;
        SelectAnalyzer.FromResult second = swap ? left : right;
        int leftWidth = left.scope().width();
        int rightWidth = right.scope().width();
        // Positions of the written left and right columns in the executor's (possibly swapped) row.
        int leftBase = swap ? rightWidth : 0;
        int rightBase = swap ? 0 : leftWidth;
        Scope raw = Scope.empty();
        raw.addAll(first.scope());
        raw.addAll(second.scope());

        List<String> usingNames = usingColumns(left.scope(), right.scope(), join);
        boolean hasOn = join.getOnExpressions() != null && !join.getOnExpressions().isEmpty();
        if (!hasOn && usingNames == null && !join.isSimple() && !join.isCross()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error: JOIN requires an ON clause");
        }
        ExprBinder binder = owner.binder(raw);
        binder.banWindows("window functions are not allowed in JOIN conditions");
        List<Expr> conditions = new ArrayList<>();
        if (hasOn) {
            for (Expression on : join.getOnExpressions()) {
                conditions.add(binder.bindCondition(on, "JOIN/ON"));
            }
        }
        List<Expr> merged = new ArrayList<>();
        List<DataType> mergedTypes = new ArrayList<>();
        List<Integer> hiddenLeft = new ArrayList<>();
        List<Integer> hiddenRight = new ArrayList<>();
        for (String name : usingNames == null ? List.<String>of() : usingNames) {
            Scope.ScopeColumn l = only(left.scope(), name, "left");
            Scope.ScopeColumn r = only(right.scope(), name, "right");
            DataType common = Operators.commonType(List.of(l.type(), r.type()), "JOIN/USING");
            Expr lv = binder.coerce(new Expr.ColumnRef(leftBase + l.index(), l.type(), name), common,
                    Casts.Context.IMPLICIT);
            Expr rv = binder.coerce(new Expr.ColumnRef(rightBase + r.index(), r.type(), name), common,
                    Casts.Context.IMPLICIT);
            conditions.add(binder.applyOperator("=", lv, rv));
            merged.add(switch (type) {
                case INNER -> lv;
                case LEFT -> swap ? rv : lv;
                case FULL -> new Expr.Case(List.of(new Expr.IsNull(lv, true)), List.of(lv), rv, common);
            });
            mergedTypes.add(common);
            hiddenLeft.add(l.index());
            hiddenRight.add(r.index());
        }
        Expr condition = conditions.isEmpty() ? null : conditions.size() == 1 ? conditions.get(0)
                : new Expr.And(conditions);
        PlanNode plan = lateral ? new LateralJoinNode(first.plan(), second.plan(), type, condition)
                : new NestedLoopJoinNode(first.plan(), second.plan(), type, condition);
        if (!swap && merged.isEmpty()) {
            return new SelectAnalyzer.FromResult(plan, raw);
        }
        // Lay the row out as written: merged columns, then the left item's, then the right item's.
        List<DataType> rawTypes = plan.outputTypes();
        List<Expr> layout = new ArrayList<>(merged);
        for (int i = 0; i < leftWidth; i++) {
            layout.add(new Expr.ColumnRef(leftBase + i, rawTypes.get(leftBase + i), null));
        }
        for (int i = 0; i < rightWidth; i++) {
            layout.add(new Expr.ColumnRef(rightBase + i, rawTypes.get(rightBase + i), null));
        }
        Scope joined = Scope.empty();
        if (!merged.isEmpty()) {
            joined.addMerged(usingNames, mergedTypes);
        }
        joined.addAll(left.scope());
        joined.addAll(right.scope());
        for (int i : hiddenLeft) {
            joined.hide(merged.size() + i);
        }
        for (int i : hiddenRight) {
            joined.hide(merged.size() + leftWidth + i);
        }
        return new SelectAnalyzer.FromResult(new ProjectNode(plan, layout), joined);
    }

    /** The USING list, the common column names of a NATURAL join, or null for neither. */
    private static List<String> usingColumns(Scope left, Scope right, Join join) {
        if (join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            for (Column c : join.getUsingColumns()) {
                String name = Names.identifier(c.getColumnName());
                if (!names.add(name)) {
                    throw new DbException(SqlState.DUPLICATE_COLUMN, "column name \"" + name
                            + "\" appears more than once in USING clause");
                }
            }
            return List.copyOf(names);
        }
        if (!join.isNatural()) {
            return null;
        }
        Set<String> rightNames = new LinkedHashSet<>();
        right.visibleColumns().forEach(c -> rightNames.add(c.name()));
        Set<String> common = new LinkedHashSet<>();
        for (Scope.ScopeColumn c : left.visibleColumns()) {
            if (rightNames.contains(c.name())) {
                common.add(c.name());
            }
        }
        return List.copyOf(common);
    }

    /** The one visible column {@code name} of one side of a USING join, with PostgreSQL's errors. */
    private static Scope.ScopeColumn only(Scope side, String name, String which) {
        Scope.ScopeColumn found = null;
        for (Scope.ScopeColumn c : side.visibleColumns()) {
            if (c.name().equals(name)) {
                if (found != null) {
                    throw new DbException(SqlState.AMBIGUOUS_COLUMN, "common column name \"" + name
                            + "\" appears more than once in " + which + " table");
                }
                found = c;
            }
        }
        if (found == null) {
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" specified in USING clause"
                    + " does not exist in " + which + " table");
        }
        return found;
    }
}
