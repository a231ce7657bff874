package org.larchdb.engine.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import java.util.Map;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.StatementKind;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.NamespaceInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.ViewInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.ProjectNode;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.types.DataType;

/**
 * Views in the analyzer: CREATE [OR REPLACE] VIEW (the query analyzed once to find its columns and the
 * relations it reads) and the expansion of a view read in FROM into its query, analyzed again like an inlined
 * WITH query. What the view's query reads is checked against the view owner's privileges
 * ({@link RequiredPrivilege#checkedAs}), as PostgreSQL does; the reader needs SELECT on the view only.
 */
final class ViewAnalyzer {
    private final AnalysisContext ctx;
    private final Analyzer analyzer;
    /** Views being expanded, innermost last: a view reached again through itself is PostgreSQL's 42P17. */
    private final Deque<Long> expanding = new ArrayDeque<>();

    ViewAnalyzer(AnalysisContext ctx, Analyzer analyzer) {
        this.ctx = ctx;
        this.analyzer = analyzer;
    }

    /** CREATE [OR REPLACE] VIEW: the statement for {@code ViewCommands} to run, with the privileges it needs. */
    BoundStatement define(UtilityStatement.CreateView create, Privileges privileges) {
        NamespaceInfo ns = analyzer.creationNamespace(create.name().schema());
        String name = Analyzer.truncateIdentifier(create.name().name());
        privileges.need(new RequiredPrivilege(ObjectKind.SCHEMA, ns.oid(), ns.name(), ns.owner(), Privilege.CREATE,
                List.of()));
        Privileges read = new Privileges();
        SelectAnalyzer.Output out = new SelectAnalyzer(ctx, new ParameterTypes(new int[0]), read, analyzer)
                .analyze(parseQuery(create.query()));
        List<String> names = new ArrayList<>(out.columns().stream().map(ResultColumn::name).toList());
        if (create.columnNames().size() > names.size()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
        }
        for (int i = 0; i < create.columnNames().size(); i++) {
            names.set(i, Analyzer.truncateIdentifier(create.columnNames().get(i)));
        }
        List<DataType> types = out.plan().outputTypes();
        List<ColumnInfo> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (names.get(j).equals(names.get(i))) {
                    throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + names.get(i)
                            + "\" specified more than once");
                }
            }
            columns.add(new ColumnInfo(names.get(i), types.get(i), i + 1, false, null));
        }
        if (columns.size() > 1600) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "tables can have at most 1600 columns");
        }
        RelationInfo existing = ctx.catalog().relation(ns.oid(), name);
        if (existing != null && create.orReplace()) {
            if (!existing.isView()) {
                throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a view");
            }
            privileges.need(new RequiredPrivilege(ObjectKind.VIEW, existing.oid(), existing.name(), existing.owner(),
                    Privilege.OWNERSHIP, List.of()));
            checkReplacement(existing.columns(), columns);
        }
        // The relations read directly (what the view's rule depends on); what those views read was checked as
        // their owners', so it carries a role and is left out.
        List<Long> references = read.all().stream().filter(p -> p.checkAsRole() == 0
                && (p.kind() == ObjectKind.TABLE || p.kind() == ObjectKind.VIEW)).map(RequiredPrivilege::objectOid)
                .distinct().toList();
        return new BoundStatement.Utility(new UtilityStatement.DefineView(ns.oid(), name, create.orReplace(), columns,
                create.query(), references), null, StatementKind.DDL, privileges.all());
    }

    /** PostgreSQL's checkViewTupleDesc: a replacement may only add columns at the end. */
    static void checkReplacement(List<ColumnInfo> old, List<ColumnInfo> replacement) {
        if (replacement.size() < old.size()) {
            throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
        }
        for (int i = 0; i < old.size(); i++) {
            ColumnInfo o = old.get(i);
            ColumnInfo n = replacement.get(i);
            if (!o.name().equals(n.name())) {
                throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "cannot change name of view column \""
                        + o.name() + "\" to \"" + n.name() + "\"")
                        .withHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
            }
            if (!o.type().equals(n.type())) {
                throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "cannot change data type of view column \""
                        + o.name() + "\" from " + o.type().displayName() + " to " + n.type().displayName());
            }
        }
    }

    /**
     * The view's query, analyzed for a reader: SELECT on the view for the reader, the rest for the owner. Its
     * columns are the view's (a {@code *} in the query may see columns added to a table since; PostgreSQL
     * expanded it when the view was made, so only the first ones count).
     */
    SelectAnalyzer.Output expand(RelationInfo view, Privileges privileges) {
        ViewInfo info = ctx.catalog().view(view.oid());
        if (info == null) {
            throw new DbException(SqlState.INTERNAL_ERROR, "view \"" + view.name() + "\" has no definition");
        }
        privileges.need(new RequiredPrivilege(ObjectKind.VIEW, view.oid(), view.name(), view.owner(),
                Privilege.SELECT, List.of()));
        return expandAs(view.oid(), view.name(), info.definition(), view.owner(), view.columns().size(), privileges);
    }

    /** Analyzes {@code query} as the body of a view named {@code name}, what it reads checked as {@code owner}'s. */
    SelectAnalyzer.Output expandAs(long oid, String name, String query, long owner, int width, Privileges privileges) {
        if (expanding.contains(oid)) {
            throw new DbException(SqlState.INVALID_OBJECT_DEFINITION, "infinite recursion detected in rules for "
                    + "relation \"" + name + "\"");
        }
        expanding.addLast(oid);
        try {
            Privileges owners = new Privileges();
            SelectAnalyzer.Output out = new SelectAnalyzer(ctx, new ParameterTypes(new int[0]), owners, analyzer)
                    .analyze(parseQuery(query));
            for (RequiredPrivilege p : owners.all()) {
                privileges.need(p.checkedAs(owner));
            }
            if (out.columns().size() <= width) {
                return out;
            }
            List<Expr> kept = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                kept.add(new Expr.ColumnRef(i, out.plan().outputTypes().get(i), out.columns().get(i).name()));
            }
            return new SelectAnalyzer.Output(new ProjectNode(out.plan(), kept), out.columns().subList(0, width));
        } finally {
            expanding.removeLast();
        }
    }

    /**
     * pg_catalog.pg_views over this catalog (PostgreSQL's definition column is pg_get_viewdef's rendering; here it
     * is the stored query text), read with the bootstrap superuser's privileges as PostgreSQL's system views are.
     */
    private static final String PG_VIEWS = "SELECT n.nspname AS schemaname, c.relname AS viewname, "
            + "o.rolname AS viewowner, w.ev_action AS definition FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_catalog.pg_rewrite w ON w.ev_class = c.oid "
            + "LEFT JOIN pg_catalog.pg_authid o ON o.oid = c.relowner WHERE c.relkind = 'v'";

    /** Whether {@code t} names pg_catalog.pg_views (bare, when no relation of that name comes first). */
    boolean isPgViews(net.sf.jsqlparser.schema.Table t) {
        String schema = t.getSchemaName() == null ? null : Names.identifier(t.getSchemaName());
        if (!"pg_views".equals(Names.identifier(t.getName()))) {
            return false;
        }
        return schema != null ? schema.equals("pg_catalog") : analyzer.findRelation("pg_views") == null;
    }

    SelectAnalyzer.Output pgViews(Privileges privileges) {
        return expandAs(0, "pg_views", PG_VIEWS, org.larchdb.engine.catalog.Catalog.BOOTSTRAP_SUPERUSER, 4,
                privileges);
    }

    static Select parseQuery(String query) {
        Statement st = SqlParser.parse(query);
        if (!(st instanceof Select select)) {
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + query.split("\\s+")[0] + "\"");
        }
        return select;
    }

    // ---- INSERT / UPDATE / DELETE on automatically updatable views

    /** INSERT into a view, rewritten to its base relation (the caller analyzes the result again). */
    Insert rewriteInsert(Insert insert, RelationInfo view, Privileges privileges) {
        UpdatableViews.Base base = base(view, UpdatableViews.Command.INSERT);
        List<String> targets = new ArrayList<>();
        if (insert.getColumns() == null || insert.getColumns().isEmpty()) {
            int width = view.columns().size();
            if (insert.getSelect() instanceof Values values) {
                width = Math.min(width, Analyzer.valuesRows(values).get(0).size());
            }
            view.columns().subList(0, width).forEach(c -> targets.add(c.name()));
        } else {
            insert.getColumns().forEach(c -> targets.add(Names.identifier(c.getColumnName())));
        }
        ExpressionList<Column> columns = new ExpressionList<>();
        for (String name : targets) {
            columns.add(new Column(UpdatableViews.quote(base.column(view, name, UpdatableViews.Command.INSERT))));
        }
        privileges.need(new RequiredPrivilege(ObjectKind.VIEW, view.oid(), view.name(), view.owner(),
                Privilege.INSERT, List.of()));
        insert.setColumns(columns);
        insert.setTable(base.table());
        return insert;
    }

    /** UPDATE of a view, rewritten to its base relation. */
    Update rewriteUpdate(Update update, RelationInfo view, Privileges privileges) {
        UpdatableViews.Base base = base(view, UpdatableViews.Command.UPDATE);
        String ref = update.getTable().getAlias() != null ? Names.identifier(update.getTable().getAlias().getName())
                : view.name();
        Map<String, String> names = UpdatableViews.columnMap(view, base.baseColumns());
        Map<String, String> computed = UpdatableViews.computedMap(view, base.computed());
        for (UpdateSet set : update.getUpdateSets()) {
            for (Column c : set.getColumns()) {
                c.setColumnName(UpdatableViews.quote(base.column(view, Names.identifier(c.getColumnName()),
                        UpdatableViews.Command.UPDATE)));
                c.setTable(null);
            }
            ExpressionList<Expression> values = new ExpressionList<>();
            for (Expression value : set.getValues()) {
                values.add(UpdatableViews.renamed(value, names, computed, ref));
            }
            set.setValues(values);
        }
        update.setWhere(UpdatableViews.and(base.where(), UpdatableViews.renamed(update.getWhere(), names, computed, ref)));
        renameReturning(update.getReturningClause(), names, computed, ref);
        privileges.need(new RequiredPrivilege(ObjectKind.VIEW, view.oid(), view.name(), view.owner(),
                Privilege.UPDATE, List.of()));
        update.setTable(base.table());
        return update;
    }

    /** DELETE from a view, rewritten to its base relation. */
    Delete rewriteDelete(Delete delete, RelationInfo view, Privileges privileges) {
        UpdatableViews.Base base = base(view, UpdatableViews.Command.DELETE);
        String ref = delete.getTable().getAlias() != null ? Names.identifier(delete.getTable().getAlias().getName())
                : view.name();
        Map<String, String> names = UpdatableViews.columnMap(view, base.baseColumns());
        Map<String, String> computed = UpdatableViews.computedMap(view, base.computed());
        delete.setWhere(UpdatableViews.and(base.where(), UpdatableViews.renamed(delete.getWhere(), names, computed, ref)));
        renameReturning(delete.getReturningClause(), names, computed, ref);
        privileges.need(new RequiredPrivilege(ObjectKind.VIEW, view.oid(), view.name(), view.owner(),
                Privilege.DELETE, List.of()));
        delete.setTable(base.table());
        return delete;
    }

    private static void renameReturning(net.sf.jsqlparser.statement.ReturningClause returning,
                                        Map<String, String> names, Map<String, String> computed, String ref) {
        if (returning != null) {
            for (var item : returning) {
                Expression e = UpdatableViews.renamed(item.getExpression(), names, computed, ref);
                ((net.sf.jsqlparser.statement.select.SelectItem<Expression>) item).setExpression(e);
            }
        }
    }

    private UpdatableViews.Base base(RelationInfo view, UpdatableViews.Command command) {
        ViewInfo info = ctx.catalog().view(view.oid());
        UpdatableViews.Base base = UpdatableViews.base(view, info, command);
        RelationInfo baseRelation = analyzer.resolveTable(base.table());
        // A * stands for the base relation's columns; only as many columns as the view has count.
        List<String> columns = new ArrayList<>();
        List<Expression> computed = new ArrayList<>();
        for (int i = 0; i < base.baseColumns().size(); i++) {
            if ("*".equals(base.baseColumns().get(i))) {
                for (ColumnInfo c : baseRelation.columns()) {
                    columns.add(c.name());
                    computed.add(null);
                }
            } else {
                columns.add(base.baseColumns().get(i));
                computed.add(base.computed().get(i));
            }
        }
        int width = Math.min(columns.size(), view.columns().size());
        return new UpdatableViews.Base(base.table(), columns.subList(0, width), base.where(),
                computed.subList(0, width));
    }
}
