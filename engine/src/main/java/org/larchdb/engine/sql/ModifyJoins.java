package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.update.Update;
import org.larchdb.engine.StatementKind;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.DeleteNode;
import org.larchdb.engine.plan.FilterNode;
import org.larchdb.engine.plan.JoinType;
import org.larchdb.engine.plan.NestedLoopJoinNode;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.UpdateNode;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.types.DataType;

/**
 * UPDATE … FROM and DELETE … USING: the target table joined with other FROM items. The plan is a
 * nested loop with the target's locking scan outside (each target row is locked FOR [NO KEY]
 * UPDATE and read again before it is joined, so the join sees its current values) and the other
 * items, read once, inside; the WHERE clause filters the joined rows. The conjuncts that read the
 * target alone go into the scan itself (its access path and row-mark re-check), so target rows
 * they reject are not kept locked. The row is laid out as target columns, tid (hidden from names
 * and {@code *}), then the other items' columns; RETURNING reads the same layout.
 */
final class ModifyJoins {
    private ModifyJoins() {
    }

    /** The joined source of one statement and what its expressions are bound over. */
    private record Joined(RelationInfo target, Scope scope, ExprBinder binder, PlanNode others) {
    }

    static BoundStatement update(Analyzer analyzer, AnalysisContext ctx, ParameterTypes params,
                                 Privileges privileges, Update update) {
        RelationInfo rel = analyzer.resolveTable(update.getTable());
        Analyzer.checkWritable(rel);
        List<Join> joins = update.getJoins() == null ? List.of() : update.getJoins();
        Joined j = join(analyzer, ctx, params, privileges, rel, update.getTable(), update.getFromItem(), joins);
        List<Expr> exprs = analyzer.assignments(rel, update.getUpdateSets(), j.binder());
        boolean keyChange = RowMarks.changesKey(rel, Analyzer.assignedOnly(rel, exprs));
        PlanNode source = source(j, update.getWhere(), keyChange);
        return analyzer.modify(new UpdateNode(rel, source, exprs, true), StatementKind.UPDATE,
                update.getReturningClause(), j.scope());
    }

    static BoundStatement delete(Analyzer analyzer, AnalysisContext ctx, ParameterTypes params,
                                 Privileges privileges, Delete delete) {
        RelationInfo rel = analyzer.resolveTable(delete.getTable());
        Analyzer.checkWritable(rel);
        privileges.need(rel, Privilege.DELETE, null);
        List<Table> using = delete.getUsingList();
        List<Join> joins = new ArrayList<>();
        for (Table t : using.subList(1, using.size())) {
            Join comma = new Join();
            comma.setSimple(true);
            comma.setRightItem(t);
            joins.add(comma);
        }
        Joined j = join(analyzer, ctx, params, privileges, rel, delete.getTable(), using.get(0), joins);
        PlanNode source = source(j, delete.getWhere(), true);
        return analyzer.modify(new DeleteNode(rel, source, true), StatementKind.DELETE,
                delete.getReturningClause(), j.scope());
    }

    /** Binds the FROM items and lays out the scope: target columns, hidden tid, other columns. */
    private static Joined join(Analyzer analyzer, AnalysisContext ctx, ParameterTypes params, Privileges privileges,
                               RelationInfo rel, Table target, FromItem first, List<Join> joins) {
        SelectAnalyzer select = new SelectAnalyzer(ctx, params, privileges, analyzer);
        SelectAnalyzer.FromResult from = select.fromItem(first);
        Joins planner = new Joins(select);
        for (Join join : joins) {
            from = planner.join(from, join);
        }
        Scope scope = analyzer.tableScope(rel, target);
        int width = rel.columns().size();
        scope.add("\u0000tid", null, List.of("\u0000tid"), List.of(DataType.INT8), null);
        scope.hide(width);
        scope.addAll(from.scope());
        return new Joined(rel, scope, select.binder(scope), from.plan());
    }

    /** The target's locking scan joined with the other items, filtered by the WHERE clause. */
    private static PlanNode source(Joined j, Expression whereClause, boolean keyChange) {
        Expr where = whereClause == null ? null : j.binder().bindCondition(whereClause, "WHERE");
        int width = j.target().columns().size();
        List<Expr> own = new ArrayList<>();
        for (Expr conjunct : conjuncts(where)) {
            if (readsOnly(conjunct, width)) {
                own.add(conjunct);
            }
        }
        Expr targetWhere = own.isEmpty() ? null : own.size() == 1 ? own.get(0) : new Expr.And(own);
        PlanNode scan = RowMarks.markForWrite(AccessPaths.scan(j.target(), targetWhere, true), keyChange,
                targetWhere);
        PlanNode joined = new NestedLoopJoinNode(scan, j.others(), JoinType.INNER, null);
        return where == null ? joined : new FilterNode(joined, where);
    }

    private static List<Expr> conjuncts(Expr e) {
        if (e == null) {
            return List.of();
        }
        if (e instanceof Expr.And and) {
            List<Expr> out = new ArrayList<>();
            for (Expr a : and.args()) {
                out.addAll(conjuncts(a));
            }
            return out;
        }
        return List.of(e);
    }

    /**
     * Whether {@code e} reads nothing but the first {@code width} columns (the target's): no
     * subquery, no parameter-free surprise; anything unknown counts as reading more.
     */
    private static boolean readsOnly(Expr e, int width) {
        return switch (e) {
            case Expr.Const c -> true;
            case Expr.ParamRef p -> true;
            case Expr.ColumnRef c -> c.index() < width;
            case Expr.OpCall op -> readsOnly(op.left(), width) && readsOnly(op.right(), width);
            case Expr.PrefixCall op -> readsOnly(op.operand(), width);
            case Expr.And and -> and.args().stream().allMatch(a -> readsOnly(a, width));
            case Expr.Or or -> or.args().stream().allMatch(a -> readsOnly(a, width));
            case Expr.Not not -> readsOnly(not.arg(), width);
            case Expr.IsNull n -> readsOnly(n.arg(), width);
            case Expr.Cast c -> readsOnly(c.arg(), width);
            case Expr.FuncCall f -> f.args().stream().allMatch(a -> readsOnly(a, width));
            default -> false;
        };
    }
}
