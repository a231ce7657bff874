package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.ViewInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * PostgreSQL's automatically updatable views (rewriteHandler.c's view_query_is_auto_updatable): a view
 * over a single table or view, without DISTINCT, GROUP BY, HAVING, set operations, WITH, LIMIT/OFFSET,
 * aggregates or window functions. INSERT/UPDATE/DELETE on it are rewritten (as statement text trees) to
 * the base relation: view column names become base column names, the view's WHERE is ANDed in.
 */
final class UpdatableViews {

    /** The statement kinds, for PostgreSQL's messages. */
    enum Command {
        INSERT("insert into", "inserting into", "INSERT", "insert into"),
        UPDATE("update", "updating", "UPDATE", "update"),
        DELETE("delete from", "deleting from", "DELETE", "delete from");

        final String verb;
        final String gerund;
        final String event;
        final String columnVerb;

        Command(String verb, String gerund, String event, String columnVerb) {
            this.verb = verb;
            this.gerund = gerund;
            this.event = event;
            this.columnVerb = columnVerb;
        }
    }

    /**
     * A view's base: the base relation's table reference, each view column's base column name (null when the
     * column is computed), and the view's WHERE (unqualified) or null.
     */
    record Base(Table table, List<String> baseColumns, Expression where, List<Expression> computed) {
        /** The base column for view column {@code name}, with PostgreSQL's errors for computed or missing ones. */
        String column(RelationInfo view, String name, Command command) {
            int i = indexOf(view, name);
            if (i < 0) {
                throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                        + view.name() + "\" does not exist");
            }
            String base = baseColumns.get(i);
            if (base == null) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot " + command.columnVerb + " column \""
                        + name + "\" of view \"" + view.name() + "\"")
                        .withDetail("View columns that are not columns of their base relation are not updatable.");
            }
            return base;
        }
    }

    private UpdatableViews() {
    }

    /** The view's base, or PostgreSQL's 55000 saying why the view is not automatically updatable. */
    static Base base(RelationInfo view, ViewInfo info, Command command) {
        Select select = ViewAnalyzer.parseQuery(info.definition());
        String why = notUpdatable(select);
        if (why != null) {
            throw new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot " + command.verb + " view \""
                    + view.name() + "\"").withDetail(why)
                    .withHint("To enable " + command.gerund + " the view, provide an INSTEAD OF " + command.event
                            + " trigger or an unconditional ON " + command.event + " DO INSTEAD rule.");
        }
        PlainSelect plain = (PlainSelect) select;
        Table table = (Table) plain.getFromItem();
        List<String> columns = new ArrayList<>();
        List<Expression> computed = new ArrayList<>();
        for (SelectItem<?> item : plain.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns || e instanceof net.sf.jsqlparser.statement.select.AllTableColumns) {
                columns.add("*");
                computed.add(null);
            } else {
                columns.add(e instanceof Column c ? Names.identifier(c.getColumnName()) : null);
                computed.add(e instanceof Column ? null : unqualified(e));
            }
        }
        Table base = new Table(table.getSchemaName(), table.getName());
        return new Base(base, columns, plain.getWhere() == null ? null : unqualified(plain.getWhere()), computed);
    }

    /** The view's columns' base names, a {@code *} expanded by the view's stored column count. */
    static List<String> expandStars(List<String> columns, RelationInfo view, RelationInfo baseRelation) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if ("*".equals(c)) {
                baseRelation.columns().forEach(bc -> out.add(bc.name()));
            } else {
                out.add(c);
            }
        }
        return out.size() > view.columns().size() ? out.subList(0, view.columns().size()) : out;
    }

    private static String notUpdatable(Select select) {
        if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
            return "Views containing WITH are not automatically updatable.";
        }
        if (!(select instanceof PlainSelect plain)) {
            return select instanceof net.sf.jsqlparser.statement.select.SetOperationList
                    ? "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable."
                    : "Views that do not select from a single table or view are not automatically updatable.";
        }
        if (plain.getDistinct() != null) {
            return "Views containing DISTINCT are not automatically updatable.";
        }
        if (plain.getGroupBy() != null) {
            return "Views containing GROUP BY are not automatically updatable.";
        }
        if (plain.getHaving() != null) {
            return "Views containing HAVING are not automatically updatable.";
        }
        if (plain.getLimit() != null || plain.getOffset() != null || plain.getFetch() != null) {
            return "Views containing LIMIT or OFFSET are not automatically updatable.";
        }
        boolean[] aggregate = {false};
        boolean[] window = {false};
        for (SelectItem<?> item : plain.getSelectItems()) {
            if (ExprBinder.containsAggregate(item.getExpression())) {
                aggregate[0] = true;
            }
            if (item.getExpression().toString().toLowerCase(java.util.Locale.ROOT).contains(" over ")
                    || item.getExpression().toString().toLowerCase(java.util.Locale.ROOT).contains(" over(")) {
                window[0] = true;
            }
        }
        if (aggregate[0]) {
            return "Views that return aggregate functions are not automatically updatable.";
        }
        if (window[0]) {
            return "Views that return window functions are not automatically updatable.";
        }
        if (!(plain.getFromItem() instanceof Table) || (plain.getJoins() != null && !plain.getJoins().isEmpty())) {
            return "Views that do not select from a single table or view are not automatically updatable.";
        }
        return null;
    }

    /** {@code e} with column qualifiers dropped (the rewritten statement reads the base relation alone). */
    static Expression unqualified(Expression e) {
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                column.setTable(null);
                return null;
            }
        }, null);
        return e;
    }

    /**
     * {@code e} with references to view columns renamed to their base columns, unqualified, and references to
     * computed view columns replaced by their expressions ({@code computed}: view column → SQL text). JSqlParser
     * trees cannot swap a node in place, so those go through text: a placeholder column, then a re-parse.
     */
    static Expression renamed(Expression e, Map<String, String> names, Map<String, String> computed, String viewRef) {
        if (e == null) {
            return null;
        }
        Map<String, String> placeholders = new HashMap<>();
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                Table t = column.getTable();
                if (t == null || t.getName() == null || Names.identifier(t.getName()).equals(viewRef)) {
                    String name = Names.identifier(column.getColumnName());
                    String base = names.get(name);
                    if (base != null) {
                        column.setColumnName(quote(base));
                        column.setTable(null);
                    } else if (computed.containsKey(name)) {
                        String placeholder = "\"larch view column " + placeholders.size() + "\"";
                        placeholders.put(placeholder, "(" + computed.get(name) + ")");
                        column.setColumnName(placeholder);
                        column.setTable(null);
                    }
                }
                return null;
            }
        }, null);
        if (placeholders.isEmpty()) {
            return e;
        }
        String text = e.toString();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            text = text.replace(p.getKey(), p.getValue());
        }
        return Analyzer.parseExpression(text);
    }

    /** The view's computed columns: name → SQL text of the expression over the base relation. */
    static Map<String, String> computedMap(RelationInfo view, List<Expression> computed) {
        Map<String, String> map = new HashMap<>();
        for (ColumnInfo c : view.columns()) {
            if (c.attnum() - 1 < computed.size() && computed.get(c.attnum() - 1) != null) {
                map.put(c.name(), computed.get(c.attnum() - 1).toString());
            }
        }
        return map;
    }

    /** The view column → base column map of the updatable columns. */
    static Map<String, String> columnMap(RelationInfo view, List<String> baseColumns) {
        Map<String, String> map = new HashMap<>();
        for (ColumnInfo c : view.columns()) {
            String base = baseColumns.get(c.attnum() - 1);
            if (base != null) {
                map.put(c.name(), base);
            }
        }
        return map;
    }

    /** The view's WHERE ANDed with the statement's. */
    static Expression and(Expression viewWhere, Expression where) {
        if (viewWhere == null) {
            return where;
        }
        if (where == null) {
            return viewWhere;
        }
        return new AndExpression(new ParenthesedExpressionList<>(viewWhere), new ParenthesedExpressionList<>(where));
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static int indexOf(RelationInfo view, String name) {
        for (ColumnInfo c : view.columns()) {
            if (c.name().equals(name)) {
                return c.attnum() - 1;
            }
        }
        return -1;
    }
}
