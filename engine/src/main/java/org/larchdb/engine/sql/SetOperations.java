package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.ProjectNode;
import org.larchdb.engine.plan.SetOperationNode;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.plan.SortNode;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operators;

/**
 * Analyzes UNION / INTERSECT / EXCEPT chains: INTERSECT binds tighter than UNION and EXCEPT, which
 * associate to the left; each column takes the operands' common type (PostgreSQL's UNION rules);
 * names come from the leftmost operand; ORDER BY may name result columns or their ordinals only.
 */
final class SetOperations {
    private final SelectAnalyzer owner;

    SetOperations(SelectAnalyzer owner) {
        this.owner = owner;
    }

    private record Op(SetOperationNode.Kind kind, boolean all) {
    }

    SelectAnalyzer.Output analyze(SetOperationList list) {
        List<Select> selects = list.getSelects();
        List<Op> ops = new ArrayList<>();
        for (var op : list.getOperations()) {
            String text = op.toString().trim().toUpperCase(Locale.ROOT);
            SetOperationNode.Kind kind = text.startsWith("UNION") ? SetOperationNode.Kind.UNION
                    : text.startsWith("INTERSECT") ? SetOperationNode.Kind.INTERSECT
                    : text.startsWith("EXCEPT") || text.startsWith("MINUS") ? SetOperationNode.Kind.EXCEPT : null;
            if (kind == null) {
                throw DbException.notSupported("set operation " + text);
            }
            ops.add(new Op(kind, text.endsWith("ALL")));
        }
        // Precedence: fold INTERSECT runs first, then UNION/EXCEPT left to right.
        List<SelectAnalyzer.Output> terms = new ArrayList<>();
        List<Op> termOps = new ArrayList<>();
        SelectAnalyzer.Output current = owner.analyzeOperand(selects.get(0));
        for (int i = 0; i < ops.size(); i++) {
            SelectAnalyzer.Output next = owner.analyzeOperand(selects.get(i + 1));
            if (ops.get(i).kind() == SetOperationNode.Kind.INTERSECT) {
                current = combine(ops.get(i), current, next);
            } else {
                terms.add(current);
                termOps.add(ops.get(i));
                current = next;
            }
        }
        terms.add(current);
        SelectAnalyzer.Output result = terms.get(0);
        for (int i = 0; i < termOps.size(); i++) {
            result = combine(termOps.get(i), result, terms.get(i + 1));
        }
        PlanNode plan = result.plan();
        if (list.getOrderByElements() != null && !list.getOrderByElements().isEmpty()) {
            plan = new SortNode(plan, sortKeys(list.getOrderByElements(), result.columns()));
        }
        return new SelectAnalyzer.Output(owner.limit(list, plan), result.columns());
    }

    private SelectAnalyzer.Output combine(Op op, SelectAnalyzer.Output left, SelectAnalyzer.Output right) {
        if (left.columns().size() != right.columns().size()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "each " + op.kind() + " query must have the same number of columns");
        }
        List<DataType> types = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            DataType l = left.plan().outputTypes().get(i);
            DataType r = right.plan().outputTypes().get(i);
            DataType t = Operators.commonType(List.of(l, r), op.kind().name());
            types.add(t);
            ResultColumn lc = left.columns().get(i);
            columns.add(t.equals(lc.type()) ? lc : ResultColumn.computed(lc.name(), t));
        }
        PlanNode plan = new SetOperationNode(op.kind(), op.all(), coerce(left.plan(), types),
                coerce(right.plan(), types));
        return new SelectAnalyzer.Output(plan, columns);
    }

    private PlanNode coerce(PlanNode plan, List<DataType> types) {
        List<DataType> have = plan.outputTypes();
        if (have.equals(types)) {
            return plan;
        }
        ExprBinder binder = owner.binder(Scope.empty());
        List<Expr> casts = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            casts.add(binder.coerce(new Expr.ColumnRef(i, have.get(i), null), types.get(i), Casts.Context.IMPLICIT));
        }
        return new ProjectNode(plan, casts);
    }

    /** ORDER BY over a query's result columns: names or ordinals only. */
    static List<SortKey> sortKeys(List<OrderByElement> elements, List<ResultColumn> columns) {
        List<SortKey> keys = new ArrayList<>();
        for (OrderByElement o : elements) {
            int index = outputIndex(o.getExpression(), columns);
            boolean desc = !o.isAsc();
            boolean nullsFirst = o.getNullOrdering() == null ? desc
                    : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
            keys.add(new SortKey(new Expr.ColumnRef(index, columns.get(index).type(), null), desc, nullsFirst));
        }
        return keys;
    }

    private static int outputIndex(Expression e, List<ResultColumn> columns) {
        if (e instanceof LongValue l) {
            long ordinal = l.getValue();
            if (ordinal < 1 || ordinal > columns.size()) {
                throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + ordinal
                        + " is not in select list");
            }
            return (int) ordinal - 1;
        }
        if (e instanceof Column c && c.getTable() == null) {
            String name = Names.identifier(c.getColumnName());
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    return i;
                }
            }
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
        }
        if (e instanceof Column c && c.getTable() != null && c.getTable().getName() != null) {
            throw new DbException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                    + Names.identifier(c.getTable().getName()) + "\"");
        }
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause")
                .withDetail("Only result column names can be used, not expressions or functions.")
                .withHint("Add the expression/function to every SELECT, or move the UNION into a FROM clause.");
    }
}
