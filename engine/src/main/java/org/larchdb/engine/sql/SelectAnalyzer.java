package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.plan.AggregateNode;
import org.larchdb.engine.plan.FilterNode;
import org.larchdb.engine.plan.JoinType;
import org.larchdb.engine.plan.LimitNode;
import org.larchdb.engine.plan.NestedLoopJoinNode;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.ProjectNode;
import org.larchdb.engine.plan.SeqScanNode;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.plan.SortNode;
import org.larchdb.engine.plan.SystemViewNode;
import org.larchdb.engine.plan.ValuesNode;
import org.larchdb.engine.plan.WindowNode;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Analyzes a SELECT into a plan: FROM (scans, nested-loop joins, subqueries) → WHERE → GROUP BY and
 * aggregates → HAVING → window functions → DISTINCT / ORDER BY → LIMIT/OFFSET → projection of the select list.
 */
final class SelectAnalyzer {
    private final AnalysisContext ctx;
    private final ParameterTypes params;
    private final Privileges privileges;
    private final Analyzer analyzer;
    /** Set while analyzing a set operation's operand: its untyped literals take the operation's common type. */
    private boolean keepUnknownOutputs;
    /** The scope of the query this one is a subquery of, or null. */
    private final Scope enclosing;
    /** WITH queries visible here by name (this level's and enclosing levels'). */
    private java.util.Map<String, CommonTableExpression> ctes = java.util.Map.of();

    /** The plan and the columns it returns. */
    record Output(PlanNode plan, List<ResultColumn> columns) {
    }

    SelectAnalyzer(AnalysisContext ctx, ParameterTypes params, Privileges privileges, Analyzer analyzer) {
        this(ctx, params, privileges, analyzer, null);
    }

    /** An analyzer for a subquery whose outer references resolve in {@code enclosing} (null: none). */
    SelectAnalyzer(AnalysisContext ctx, ParameterTypes params, Privileges privileges, Analyzer analyzer,
                   Scope enclosing) {
        this.enclosing = enclosing;
        this.ctx = ctx;
        this.params = params;
        this.privileges = privileges;
        this.analyzer = analyzer;
    }

    /** A binder over {@code scope} for expressions of this query level. */
    ExprBinder binder(Scope scope) {
        if (scope.parent() == null && scope != enclosing) {
            scope.setParent(enclosing);
        }
        return new ExprBinder(ctx, scope, params, privileges).withSubqueries(this::subquery);
    }

    /** Plans a subquery of an expression at this level. */
    private Output subquery(Select select, Scope outer) {
        return child(outer).analyze(select);
    }

    /** An analyzer for a nested query (expression subquery or derived table) under {@code outer}. */
    SelectAnalyzer child(Scope outer) {
        SelectAnalyzer child = new SelectAnalyzer(ctx, params, privileges, analyzer, outer);
        child.ctes = ctes;
        return child;
    }

    Scope enclosing() {
        return enclosing;
    }

    void setCtes(java.util.Map<String, CommonTableExpression> visible) {
        this.ctes = visible;
    }

    /** Analyzes an operand of UNION/INTERSECT/EXCEPT, leaving its untyped output columns unknown. */
    Output analyzeOperand(Select select) {
        boolean saved = keepUnknownOutputs;
        keepUnknownOutputs = select instanceof PlainSelect;
        try {
            return analyze(select);
        } finally {
            keepUnknownOutputs = saved;
        }
    }

    Output analyze(Select select) {
        if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
            java.util.Map<String, CommonTableExpression> outer = ctes;
            try {
                ctes = new WithClause(this).analyze(select.getWithItemsList(), outer);
                return analyzeBody(select);
            } finally {
                ctes = outer;
            }
        }
        return analyzeBody(select);
    }

    private Output analyzeBody(Select select) {
        return switch (select) {
            case ParenthesedSelect p -> parenthesized(p);
            case PlainSelect plain -> analyzePlain(plain);
            case Values values -> analyzeValues(values);
            case SetOperationList setOps -> new SetOperations(this).analyze(setOps);
            default -> throw DbException.notSupported("query form " + select.getClass().getSimpleName());
        };
    }

    /** {@code (query) [ORDER BY ...] [LIMIT ...]}: the clauses after the parentheses apply to its result columns. */
    private Output parenthesized(ParenthesedSelect p) {
        Output inner = analyze(p.getSelect());
        PlanNode plan = inner.plan();
        if (p.getOrderByElements() != null && !p.getOrderByElements().isEmpty()) {
            plan = new SortNode(plan, SetOperations.sortKeys(p.getOrderByElements(), inner.columns()));
        }
        return new Output(limit(p, plan), inner.columns());
    }

    // ---- VALUES

    private Output analyzeValues(Values values) {
        ExprBinder binder = binder(Scope.empty());
        binder.banWindows("window functions are not allowed in VALUES");
        List<List<Expr>> rows = new ArrayList<>();
        for (List<Expression> items : Analyzer.valuesRows(values)) {
            List<Expr> row = new ArrayList<>();
            for (Expression e : items) {
                row.add(binder.bind(e));
            }
            if (!rows.isEmpty() && rows.get(0).size() != row.size()) {
                throw new DbException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
            }
            rows.add(row);
        }
        int width = rows.get(0).size();
        List<DataType> types = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<DataType> colTypes = new ArrayList<>();
            for (List<Expr> r : rows) {
                colTypes.add(r.get(c).type());
            }
            types.add(Analyzer.commonType(colTypes, "VALUES"));
        }
        List<List<Expr>> coerced = new ArrayList<>();
        for (List<Expr> r : rows) {
            List<Expr> out = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                out.add(binder.coerce(r.get(c), types.get(c), Casts.Context.IMPLICIT));
            }
            coerced.add(out);
        }
        List<ResultColumn> cols = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            cols.add(ResultColumn.computed("column" + (c + 1), types.get(c)));
        }
        return new Output(new ValuesNode(coerced, types), cols);
    }

    // ---- plain SELECT

    /** A FROM item or join tree: its plan and the scope describing its rows. */
    record FromResult(PlanNode plan, Scope scope) {
    }

    private Output analyzePlain(PlainSelect select) {
        if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
            throw DbException.notSupported("SELECT INTO");
        }
        WindowBinder windows = new WindowBinder(select);
        FromResult from = analyzeFrom(select);
        Scope scope = from.scope();
        PlanNode plan = from.plan();
        int scanWidth = plan.outputTypes().size();
        ExprBinder binder = binder(scope);
        Expr where = null;
        rejectWindows(select.getWhere(), "WHERE");
        rejectWindows(select.getHaving(), "HAVING");
        if (select.getGroupBy() != null && select.getGroupBy().getGroupByExpressionList() != null) {
            for (Object k : select.getGroupBy().getGroupByExpressionList()) {
                rejectWindows((Expression) k, "GROUP BY");
            }
        }
        binder.enterWindowing(windows);
        if (select.getWhere() != null) {
            if (ProjectSetBinder.contains(select.getWhere())) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in WHERE");
            }
            if (GroupingSets.containsGrouping(select.getWhere())) {
                throw new DbException(SqlState.GROUPING_ERROR, "grouping operations are not allowed in WHERE");
            }
            if (ExprBinder.containsAggregate(select.getWhere())) {
                throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in WHERE");
            }
            where = binder.bindCondition(select.getWhere(), "WHERE");
        }
        RelationInfo singleTable = plan instanceof SeqScanNode scan ? scan.relation() : null;
        if (singleTable != null) {
            plan = AccessPaths.scan(singleTable, where, false);
        }

        // Expand the select list (stars) into expressions with their output names.
        List<Expression> itemExprs = new ArrayList<>();
        List<String> itemNames = new ArrayList<>();
        List<Expr> starExprs = new ArrayList<>();
        List<ResultColumn> starCols = new ArrayList<>();
        expandSelectList(select.getSelectItems(), scope, itemExprs, itemNames, starExprs, starCols);

        boolean aggregating = select.getGroupBy() != null || select.getHaving() != null
                || itemExprs.stream().anyMatch(e -> e != null && ExprBinder.containsAggregate(e))
                || (select.getOrderByElements() != null && select.getOrderByElements().stream()
                .anyMatch(o -> ExprBinder.containsAggregate(o.getExpression())));
        List<AggregateCall> aggregates = new ArrayList<>();
        List<Expr> groupKeys = new ArrayList<>();
        GroupingSets.Expansion groupingSets = null;
        if (aggregating) {
            if (select.getGroupBy() != null && GroupingSets.present(select.getGroupBy())) {
                groupingSets = GroupingSets.expand(select.getGroupBy(),
                        k -> bindGroupKey(k, itemExprs, itemNames, binder));
                groupKeys.addAll(groupingSets.keys());
            } else if (select.getGroupBy() != null) {
                ExpressionList<?> keys = select.getGroupBy().getGroupByExpressionList();
                for (Expression k : keys) {
                    groupKeys.add(bindGroupKey(k, itemExprs, itemNames, binder));
                }
            }
            binder.enterAggregation(groupKeys, aggregates);
            binder.setGroupingSets(groupingSets);
        }

        // Bind the select list (over the scan row, or over the aggregate's output row).
        ProjectSetBinder setFunctions = new ProjectSetBinder(aggregating);
        binder.collectSetFunctions(setFunctions);
        List<Expr> outputs = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < itemExprs.size(); i++) {
            Expr bound;
            ResultColumn col;
            if (starExprs.get(i) != null) {
                bound = aggregating ? binder.bind(new Column(starCols.get(i).name())) : starExprs.get(i);
                col = starCols.get(i);
            } else {
                bound = binder.bind(itemExprs.get(i));
                if (bound.type().type() == PgType.UNKNOWN && !keepUnknownOutputs) {
                    bound = binder.coerce(bound, DataType.TEXT, Casts.Context.IMPLICIT);
                }
                col = describe(itemNames.get(i), bound, scope, aggregating);
            }
            outputs.add(bound);
            columns.add(col);
        }
        binder.collectSetFunctions(null);
        if (select.getHaving() != null && ProjectSetBinder.contains(select.getHaving())) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in HAVING");
        }
        Expr having = select.getHaving() == null ? null : binder.bindCondition(select.getHaving(), "HAVING");
        List<SortKey> sortKeys = new ArrayList<>();
        if (select.getOrderByElements() != null) {
            for (OrderByElement o : select.getOrderByElements()) {
                Expr key = bindOrderKey(o.getExpression(), itemExprs, itemNames, outputs, binder, scope);
                boolean desc = !o.isAsc();
                boolean nullsFirst = o.getNullOrdering() == null ? desc
                        : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
                sortKeys.add(new SortKey(key, desc, nullsFirst));
            }
        }
        if (!windows.calls().isEmpty()) {
            // Window results follow the window node's input columns: the aggregate's or the scan's.
            int width = aggregating ? groupKeys.size() + aggregates.size() : scanWidth;
            outputs.replaceAll(e -> WindowBinder.resolve(e, width));
            sortKeys.replaceAll(k -> new SortKey(WindowBinder.resolve(k.expr(), width), k.descending(),
                    k.nullsFirst()));
        }
        if (singleTable != null && !aggregating && !sortKeys.isEmpty() && hasLimit(select)
                && select.getDistinct() == null && windows.calls().isEmpty()) {
            // ORDER BY ... LIMIT over one table: reading an index in order beats sorting everything.
            PlanNode ordered = AccessPaths.ordered(singleTable, sortKeys, plan);
            if (ordered != null) {
                plan = ordered;
                sortKeys.clear();
            }
        }
        if (select.getForMode() != null) {
            plan = RowMarks.markForSelect(select, plan, singleTable, where, aggregating);
        }
        if (where != null) {
            plan = new FilterNode(plan, where);
        }
        if (aggregating) {
            plan = new AggregateNode(plan, groupKeys, aggregates,
                    groupingSets == null ? null : groupingSets.sets());
            if (having != null) {
                plan = new FilterNode(plan, having);
            }
        }
        if (!windows.calls().isEmpty()) {
            plan = new WindowNode(plan, windows.calls());
        }
        int setFunctionCount = setFunctions.calls().size();
        if (setFunctionCount > 0) {
            // The select list's set-returning functions run over the rows built so far (PostgreSQL's ProjectSet).
            int windowInput = plan.outputTypes().size() - windows.calls().size();
            List<org.larchdb.engine.plan.SetFunctionCall> calls = setFunctions.calls().stream()
                    .map(c -> new org.larchdb.engine.plan.SetFunctionCall(c.function(),
                            c.args().stream().map(a -> WindowBinder.resolve(a, windowInput)).toList()))
                    .toList();
            int width = plan.outputTypes().size();
            plan = new org.larchdb.engine.plan.ProjectSetNode(plan, calls);
            outputs.replaceAll(e -> ProjectSetBinder.resolve(e, width));
            sortKeys.replaceAll(k -> new SortKey(ProjectSetBinder.resolve(k.expr(), width), k.descending(),
                    k.nullsFirst()));
        }
        if (select.getDistinct() != null) {
            int width = plan.outputTypes().size() - windows.calls().size() - setFunctionCount;
            plan = Distincts.plan(select.getDistinct(), plan, outputs, sortKeys, on -> {
                int before = windows.calls().size();
                Expr key = bindOrderKey(on, itemExprs, itemNames, outputs, binder, scope);
                if (windows.calls().size() != before) {
                    throw DbException.notSupported("window functions in DISTINCT ON that are not in the select list");
                }
                return WindowBinder.resolve(key, width);
            });
            return new Output(limit(select, plan), columns);
        }
        if (!sortKeys.isEmpty()) {
            plan = new SortNode(plan, sortKeys);
        }
        plan = limit(select, plan);
        plan = new ProjectNode(plan, outputs);
        return new Output(plan, columns);
    }

    /** PostgreSQL's 42P20 for a window call where the clause is evaluated before windows are. */
    private static void rejectWindows(Expression e, String clause) {
        if (e != null && WindowBinder.containsWindow(e)) {
            throw new DbException(SqlState.WINDOWING_ERROR, "window functions are not allowed in " + clause);
        }
    }

    /**
     * Expands a select list into its items: stars become one column each (with their bound
     * reference and description), other items keep their expression and output name.
     */
    private void expandSelectList(List<SelectItem<?>> items, Scope scope, List<Expression> itemExprs,
                                  List<String> itemNames, List<Expr> starExprs, List<ResultColumn> starCols) {
        for (SelectItem<?> item : items) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns && !(e instanceof AllTableColumns)) {
                if (scope.isEmpty()) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid");
                }
                for (Scope.Item fromItem : scope.items()) {
                    expandStar(fromItem, scope, itemExprs, itemNames, starExprs, starCols);
                }
            } else if (e instanceof AllTableColumns atc) {
                Table t = atc.getTable();
                Scope.Item fromItem = scope.item(t.getSchemaName() == null ? null
                        : Names.identifier(t.getSchemaName()), Names.identifier(t.getName()));
                if (fromItem == null) {
                    throw new DbException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                            + Names.identifier(t.getName()) + "\"");
                }
                expandStar(fromItem, null, itemExprs, itemNames, starExprs, starCols);
            } else {
                itemExprs.add(e);
                itemNames.add(item.getAlias() != null ? Names.identifier(item.getAlias().getName())
                        : ExprBinder.columnName(e));
                starExprs.add(null);
                starCols.add(null);
            }
        }
    }

    /** A bound RETURNING list: one expression per output column, evaluated over a stored row. */
    record TargetList(List<Expr> exprs, List<ResultColumn> columns) {
    }

    /** Binds a RETURNING list over the target table's scope: a select list without aggregation. */
    TargetList returningList(List<SelectItem<?>> items, Scope scope) {
        List<Expression> itemExprs = new ArrayList<>();
        List<String> itemNames = new ArrayList<>();
        List<Expr> starExprs = new ArrayList<>();
        List<ResultColumn> starCols = new ArrayList<>();
        expandSelectList(items, scope, itemExprs, itemNames, starExprs, starCols);
        ExprBinder binder = binder(scope);
        binder.banWindows("window functions are not allowed in RETURNING");
        List<Expr> exprs = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < itemExprs.size(); i++) {
            if (starExprs.get(i) != null) {
                exprs.add(starExprs.get(i));
                columns.add(starCols.get(i));
                continue;
            }
            if (ExprBinder.containsAggregate(itemExprs.get(i))) {
                throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in RETURNING");
            }
            Expr bound = binder.bind(itemExprs.get(i));
            if (bound.type().type() == PgType.UNKNOWN) {
                bound = binder.coerce(bound, DataType.TEXT, Casts.Context.IMPLICIT);
            }
            exprs.add(bound);
            columns.add(describe(itemNames.get(i), bound, scope, false));
        }
        return new TargetList(exprs, columns);
    }

    /** Expands {@code *} (with {@code scope}: skipping columns a USING join merged) or {@code t.*}. */
    private void expandStar(Scope.Item fromItem, Scope scope, List<Expression> itemExprs, List<String> itemNames,
                            List<Expr> starExprs, List<ResultColumn> starCols) {
        for (Scope.ScopeColumn c : fromItem.columns()) {
            if (scope != null && scope.isHidden(c.index())) {
                continue;
            }
            if (c.relation() != null) {
                privileges.need(c.relation(), Privilege.SELECT, c.name());
            }
            itemExprs.add(null);
            itemNames.add(c.name());
            starExprs.add(new Expr.ColumnRef(c.index(), c.type(), c.name()));
            starCols.add(new ResultColumn(c.name(), c.type(), c.relation() == null ? 0 : c.relation().oid(),
                    c.attnum()));
        }
    }

    private static ResultColumn describe(String name, Expr bound, Scope scope, boolean aggregating) {
        if (!aggregating && bound instanceof Expr.ColumnRef ref) {
            for (Scope.Item item : scope.items()) {
                for (Scope.ScopeColumn c : item.columns()) {
                    if (c.index() == ref.index() && c.relation() != null) {
                        return new ResultColumn(name, bound.type(), c.relation().oid(), c.attnum());
                    }
                }
            }
        }
        return ResultColumn.computed(name, bound.type());
    }

    /** A GROUP BY item: an input expression, an output-column ordinal, or an output-column name. */
    private Expr bindGroupKey(Expression k, List<Expression> itemExprs, List<String> itemNames, ExprBinder binder) {
        if (k instanceof net.sf.jsqlparser.expression.Function f && f.getMultipartName().size() == 1
                && (f.getName().equalsIgnoreCase("rollup") || f.getName().equalsIgnoreCase("cube"))) {
            throw DbException.notSupported(f.getName().toUpperCase(java.util.Locale.ROOT) + " in GROUP BY");
        }
        if (k instanceof LongValue l) {
            int ordinal = (int) l.getValue();
            if (ordinal < 1 || ordinal > itemExprs.size() || itemExprs.get(ordinal - 1) == null) {
                throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position " + ordinal
                        + " is not in select list");
            }
            return binder.bind(itemExprs.get(ordinal - 1));
        }
        if (GroupingSets.containsGrouping(k)) {
            throw new DbException(SqlState.GROUPING_ERROR, "grouping operations are not allowed in GROUP BY");
        }
        if (ExprBinder.containsAggregate(k)) {
            throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY");
        }
        try {
            return binder.bind(k);
        } catch (DbException e) {
            // As in PostgreSQL, a bare name that is no input column may name an output column.
            if (e.state() == SqlState.UNDEFINED_COLUMN && k instanceof Column c && c.getTable() == null) {
                int match = itemNames.indexOf(Names.identifier(c.getColumnName()));
                if (match >= 0 && itemExprs.get(match) != null) {
                    return binder.bind(itemExprs.get(match));
                }
            }
            throw e;
        }
    }

    /** An ORDER BY item: an ordinal, an output-column name, or an expression over the input. */
    private Expr bindOrderKey(Expression e, List<Expression> itemExprs, List<String> itemNames, List<Expr> outputs,
                              ExprBinder binder, Scope scope) {
        if (e instanceof LongValue l) {
            int ordinal = (int) l.getValue();
            if (ordinal < 1 || ordinal > outputs.size()) {
                throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + ordinal
                        + " is not in select list");
            }
            return outputs.get(ordinal - 1);
        }
        if (e instanceof Column c && c.getTable() == null) {
            String name = Names.identifier(c.getColumnName());
            int match = -1;
            for (int i = 0; i < itemNames.size(); i++) {
                if (itemNames.get(i).equals(name)) {
                    if (match >= 0 && !outputs.get(match).equals(outputs.get(i))) {
                        throw new DbException(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + name + "\" is ambiguous");
                    }
                    match = i;
                }
            }
            if (match >= 0) {
                return outputs.get(match);
            }
        }
        Expr key = binder.bind(e);
        if (key.type().type() == PgType.UNKNOWN) {
            key = binder.coerce(key, DataType.TEXT, Casts.Context.IMPLICIT);
        }
        return key;
    }

    private static boolean hasLimit(Select select) {
        return (select.getLimit() != null && select.getLimit().getRowCount() != null && !select.getLimit().isLimitAll()
                && !select.getLimit().isLimitNull()) || select.getFetch() != null;
    }

    PlanNode limit(Select select, PlanNode plan) {
        Expression limitExpr = null;
        Expression offsetExpr = null;
        if (select.getLimit() != null && !select.getLimit().isLimitAll() && !select.getLimit().isLimitNull()) {
            limitExpr = select.getLimit().getRowCount();
            if (select.getLimit().getOffset() != null) {
                offsetExpr = select.getLimit().getOffset();
            }
        }
        if (select.getFetch() != null) {
            limitExpr = select.getFetch().getExpression() != null ? select.getFetch().getExpression()
                    : new LongValue(select.getFetch().getRowCount());
        }
        if (select.getOffset() != null) {
            offsetExpr = select.getOffset().getOffset();
        }
        if (limitExpr == null && offsetExpr == null) {
            return plan;
        }
        ExprBinder constants = binder(Scope.empty());
        constants.banWindows("window functions are not allowed in LIMIT");
        Expr limit = limitExpr == null ? null : constants.coerce(constants.bind(limitExpr), DataType.INT8,
                Casts.Context.ASSIGNMENT);
        constants.banWindows("window functions are not allowed in OFFSET");
        Expr offset = offsetExpr == null ? null : constants.coerce(constants.bind(offsetExpr), DataType.INT8,
                Casts.Context.ASSIGNMENT);
        return new LimitNode(plan, limit, offset);
    }

    // ---- FROM

    private FromResult analyzeFrom(PlainSelect select) {
        if (select.getFromItem() == null) {
            return new FromResult(ValuesNode.singleEmptyRow(), Scope.empty());
        }
        FromResult result = fromItem(select.getFromItem());
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                result = new Joins(this).join(result, join);
            }
        }
        return result;
    }

    /** A subquery or VALUES list in FROM, under its alias. */
    private FromResult derivedTable(Select select, net.sf.jsqlparser.expression.Alias alias) {
        // A derived table sees the enclosing queries (not its siblings: that would be LATERAL).
        return derivedTable(select, alias, enclosing);
    }

    /** A LATERAL subquery joined to {@code left}: it also sees the FROM items before it (one level up). */
    FromResult lateral(net.sf.jsqlparser.statement.select.LateralSubSelect item, Scope left) {
        if (left.parent() == null) {
            left.setParent(enclosing);
        }
        return derivedTable(item.getSelect(), item.getAlias(), left);
    }

    /** A function in FROM after other items: like LATERAL, its arguments may read the items to its left. */
    FromResult lateralFunction(net.sf.jsqlparser.statement.select.TableFunction item, Scope left) {
        if (left.parent() == null) {
            left.setParent(enclosing);
        }
        return SetReturningFunctions.fromItem(this, item, left, FunctionOrdinality.marked(item));
    }

    private FromResult derivedTable(Select select, net.sf.jsqlparser.expression.Alias alias, Scope outer) {
        Output out = child(outer).analyze(select);
        if (alias == null) {
            throw new DbException(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias")
                    .withHint("For example, FROM (SELECT ...) [AS] foo.");
        }
        String ref = Names.identifier(alias.getName());
        Scope scope = Scope.empty();
        scope.add(ref, null, aliasedColumns(out.columns().stream().map(ResultColumn::name).toList(), alias, ref),
                out.plan().outputTypes(), null);
        return new FromResult(out.plan(), scope);
    }

    /** Column names after a FROM item's column alias list {@code AS ref(c1, c2...)} renames the first ones. */
    private static List<String> aliasedColumns(List<String> names, net.sf.jsqlparser.expression.Alias alias,
                                               String ref) {
        if (alias == null || alias.getAliasColumns() == null || alias.getAliasColumns().isEmpty()) {
            return names;
        }
        var given = alias.getAliasColumns();
        if (given.size() > names.size()) {
            throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + ref + "\" has " + names.size()
                    + " columns available but " + given.size() + " columns specified");
        }
        List<String> out = new ArrayList<>(names);
        for (int i = 0; i < given.size(); i++) {
            out.set(i, Names.identifier(given.get(i).name));
        }
        return out;
    }

    /** A pg_catalog view named by {@code t}, unless a table of that name comes first in search_path. */
    private SystemView systemView(Table t) {
        String schema = t.getSchemaName() == null ? null : Names.identifier(t.getSchemaName());
        SystemView view = SystemView.byName(Names.identifier(t.getName()));
        if (view == null || (schema != null && !schema.equals("pg_catalog"))) {
            return null;
        }
        return schema != null || analyzer.findRelation(view.viewName()) == null ? view : null;
    }

    /** A view in FROM: its query, expanded in place like a subquery, under the view's name and column names. */
    private FromResult viewScan(RelationInfo view, Table t) {
        Output out = analyzer.views.expand(view, privileges);
        String ref = t.getAlias() != null ? Names.identifier(t.getAlias().getName()) : view.name();
        List<String> names = aliasedColumns(view.columns().stream().map(ColumnInfo::name).toList(), t.getAlias(), ref);
        Scope scope = Scope.empty();
        scope.add(ref, t.getAlias() != null ? null : view.namespaceName(), names, out.plan().outputTypes(), null);
        return new FromResult(out.plan(), scope);
    }

    FromResult fromItem(FromItem item) {
        return switch (item) {
            case Table t when t.getSchemaName() == null && ctes.containsKey(Names.identifier(t.getName())) -> {
                CommonTableExpression cte = ctes.get(Names.identifier(t.getName()));
                cte.referenced()[0] = true;
                String ref = t.getAlias() != null ? Names.identifier(t.getAlias().getName()) : cte.name();
                Scope scope = Scope.empty();
                scope.add(ref, null, aliasedColumns(cte.columns(), t.getAlias(), ref), cte.types(), null);
                yield new FromResult(cte.plan(), scope);
            }
            case Table t when analyzer.views.isPgViews(t) -> {
                Output out = analyzer.views.pgViews(privileges);
                String ref = t.getAlias() != null ? Names.identifier(t.getAlias().getName()) : "pg_views";
                Scope scope = Scope.empty();
                scope.add(ref, t.getAlias() != null ? null : "pg_catalog", aliasedColumns(out.columns().stream()
                        .map(ResultColumn::name).toList(), t.getAlias(), ref), out.plan().outputTypes(), null);
                yield new FromResult(out.plan(), scope);
            }
            case Table t -> {
                SystemView view = systemView(t);
                if (view != null) {
                    Scope scope = Scope.empty();
                    String ref = t.getAlias() != null ? Names.identifier(t.getAlias().getName()) : view.viewName();
                    scope.add(ref, t.getAlias() != null ? null : "pg_catalog", view.columnNames(),
                            view.columnTypes(), null);
                    yield new FromResult(new SystemViewNode(view), scope);
                }
                RelationInfo rel = analyzer.resolveTable(t);
                if (rel.isView()) {
                    yield viewScan(rel, t);
                }
                privileges.need(rel, Privilege.SELECT, null);
                Scope scope = Scope.empty();
                String ref = t.getAlias() != null ? Names.identifier(t.getAlias().getName()) : rel.name();
                List<String> names = rel.columns().stream().map(ColumnInfo::name).toList();
                List<DataType> types = rel.columns().stream().map(ColumnInfo::type).toList();
                names = aliasedColumns(names, t.getAlias(), ref);
                scope.add(ref, t.getAlias() != null ? null : rel.namespaceName(), names, types, rel);
                yield new FromResult(new SeqScanNode(rel, false), scope);
            }
            case net.sf.jsqlparser.statement.select.TableFunction tf ->
                    SetReturningFunctions.fromItem(this, tf, enclosing, FunctionOrdinality.marked(tf));
            case ParenthesedSelect p -> derivedTable(p.getSelect(), p.getAlias());
            case net.sf.jsqlparser.statement.select.ParenthesedFromItem p
                    when p.getFromItem() instanceof Select inner && (p.getJoins() == null || p.getJoins().isEmpty()) ->
                    derivedTable(inner, p.getAlias());
            default -> throw DbException.notSupported("FROM item " + item.getClass().getSimpleName());
        };
    }
}
