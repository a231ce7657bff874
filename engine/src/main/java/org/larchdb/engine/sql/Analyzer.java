package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.StatementKind;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.NamespaceInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.DeleteNode;
import org.larchdb.engine.plan.InsertNode;
import org.larchdb.engine.plan.InsertOnConflictNode;
import org.larchdb.engine.plan.ModifyNode;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.ProjectNode;
import org.larchdb.engine.plan.UpdateNode;
import org.larchdb.engine.plan.ValuesNode;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operators;
import org.larchdb.engine.types.PgType;

/**
 * Turns statement text into a {@link BoundStatement}: parses it (utility statements here, the
 * rest with JSqlParser), resolves names against the catalog snapshot and search_path, types every
 * expression, builds the plan, and records the privileges the statement needs.
 */
public final class Analyzer {
    private final AnalysisContext ctx;
    private final ParameterTypes params;
    private final Privileges privileges = new Privileges();
    /** INSERT's OVERRIDING clause: "system", "user", or null when absent. */
    private String overriding;
    /** Views: CREATE VIEW, and their expansion where they are read (shared by all query levels). */
    final ViewAnalyzer views;

    private Analyzer(AnalysisContext ctx, ParameterTypes params) {
        this.ctx = ctx;
        this.params = params;
        this.views = new ViewAnalyzer(ctx, this);
    }

    /** The analysis of one statement, with the final parameter types. */
    public record Result(BoundStatement statement, List<DataType> parameterTypes) {
    }

    public static Result analyze(String sql, AnalysisContext ctx, int[] declaredParameterTypes) {
        ParameterTypes params = new ParameterTypes(declaredParameterTypes);
        Analyzer a = new Analyzer(ctx, params);
        BoundStatement s = a.analyzeStatement(sql);
        return new Result(s, params.resolved());
    }

    private BoundStatement analyzeStatement(String sql) {
        UtilityStatement utility = UtilityParser.tryParse(sql);
        if (utility != null) {
            return analyzeUtility(utility);
        }
        InsertOverriding taken = InsertOverriding.take(sql);
        sql = taken.sql();
        overriding = taken.kind();
        Statement st;
        try {
            st = SqlParser.parse(sql);
        } catch (DbException e) {
            throw e.state() == SqlState.SYNTAX_ERROR ? UnparsedModifyForms.classify(sql, e) : e;
        }
        return switch (st) {
            case Select s -> {
                SelectAnalyzer.Output out = new SelectAnalyzer(ctx, params, privileges, this).analyze(s);
                yield new BoundStatement.Query(out.plan(), out.columns(), privileges.all());
            }
            case Insert i -> analyzeInsert(i);
            case Update u -> analyzeUpdate(u);
            case Delete d -> analyzeDelete(d);
            case CreateTable c -> throw new IllegalStateException("CREATE TABLE is parsed by UtilityParser");
            default -> throw DbException.notSupported(statementName(st));
        };
    }

    private static String statementName(Statement st) {
        String text = st.toString().trim();
        String[] words = text.split("\\s+");
        String name = words.length >= 2 ? words[0] + " " + words[1] : words[0];
        return name.toUpperCase(Locale.ROOT);
    }

    // ---- utility statements

    private BoundStatement analyzeUtility(UtilityStatement u) {
        List<ResultColumn> columns = null;
        StatementKind kind = StatementKind.OTHER;
        switch (u) {
            case UtilityStatement.ShowVariable show -> {
                if (show.name() == null) {
                    columns = List.of(ResultColumn.computed("name", DataType.TEXT),
                            ResultColumn.computed("setting", DataType.TEXT),
                            ResultColumn.computed("description", DataType.TEXT));
                } else {
                    String name = show.name().toLowerCase(Locale.ROOT);
                    if (!Settings.exists(name)) {
                        throw new DbException(SqlState.UNDEFINED_OBJECT,
                                "unrecognized configuration parameter \"" + name + "\"");
                    }
                    columns = List.of(ResultColumn.computed(Settings.definition(name).name().toLowerCase(
                            Locale.ROOT).equals(name) ? Settings.definition(name).name() : name, DataType.TEXT));
                }
            }
            case UtilityStatement.CreateRole r -> {
                kind = StatementKind.DDL;
                privileges.need(systemPrivilege(Privilege.CREATE_ROLE));
            }
            case UtilityStatement.AlterRole r -> kind = StatementKind.DDL;
            case UtilityStatement.DropRole r -> {
                kind = StatementKind.DDL;
                privileges.need(systemPrivilege(Privilege.CREATE_ROLE));
            }
            case UtilityStatement.DropTable d -> kind = StatementKind.DDL;
            case UtilityStatement.CreateTable c -> {
                return analyzeCreateTable(c);
            }
            case UtilityStatement.CreateIndex c -> {
                return analyzeCreateIndex(c);
            }
            case UtilityStatement.DropIndex d -> kind = StatementKind.DDL;
            case UtilityStatement.CreateView c -> {
                return views.define(c, privileges);
            }
            case UtilityStatement.DropView d -> kind = StatementKind.DDL;
            case UtilityStatement.CreateSchema c -> kind = StatementKind.DDL;
            case UtilityStatement.DropSchema d -> kind = StatementKind.DDL;
            case UtilityStatement.AlterTable a -> kind = StatementKind.DDL;
            case UtilityStatement.CreateSequence c -> {
                // The schema is fixed here, where search_path and CREATE privilege are resolved.
                NamespaceInfo ns = creationNamespace(c.name().schema());
                privileges.need(new RequiredPrivilege(ObjectKind.SCHEMA, ns.oid(), ns.name(), ns.owner(),
                        Privilege.CREATE, List.of()));
                return new BoundStatement.Utility(new UtilityStatement.CreateSequence(new UtilityStatement
                        .QualifiedName(ns.name(), truncateIdentifier(c.name().name())), c.ifNotExists(),
                        c.options()), null, StatementKind.DDL, privileges.all());
            }
            case UtilityStatement.CreateTableAs c -> {
                return new TableDerivation(ctx, params, privileges, this).createTableAs(c);
            }
            case UtilityStatement.Truncate t -> kind = StatementKind.DDL;
            case UtilityStatement.Comment c -> kind = StatementKind.DDL;
            case UtilityStatement.AlterSequence a -> kind = StatementKind.DDL;
            case UtilityStatement.DropSequence d -> kind = StatementKind.DDL;
            default -> {
            }
        }
        return new BoundStatement.Utility(u, columns, kind, privileges.all());
    }

    static RequiredPrivilege systemPrivilege(Privilege p) {
        return new RequiredPrivilege(ObjectKind.SYSTEM, 0, "", 0, p, List.of());
    }

    // ---- name resolution

    /** Resolves a table name through search_path (pg_catalog first, as PostgreSQL does implicitly). */
    RelationInfo resolveRelation(String schema, String name) {
        if (schema != null) {
            // A missing schema reads as a missing relation here, as in PostgreSQL's RangeVarGetRelid.
            NamespaceInfo ns = ctx.catalog().namespace(schema);
            RelationInfo rel = ns == null ? null : ctx.catalog().relation(ns.oid(), name);
            if (rel == null) {
                throw new DbException(SqlState.UNDEFINED_TABLE,
                        "relation \"" + schema + "." + name + "\" does not exist");
            }
            return rel;
        }
        RelationInfo rel = findRelation(name);
        if (rel == null) {
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return rel;
    }

    /** The relation a bare name refers to, or null. */
    RelationInfo findRelation(String name) {
        for (String schema : effectiveSearchPath(true)) {
            NamespaceInfo ns = ctx.catalog().namespace(schema);
            if (ns != null) {
                RelationInfo rel = ctx.catalog().relation(ns.oid(), name);
                if (rel != null) {
                    return rel;
                }
            }
        }
        return null;
    }

    /** search_path with "$user" expanded, pg_catalog first unless listed. */
    List<String> effectiveSearchPath(boolean withCatalog) {
        List<String> path = new ArrayList<>();
        if (withCatalog && !ctx.searchPath().contains("pg_catalog")) {
            path.add("pg_catalog");
        }
        for (String s : ctx.searchPath()) {
            path.add(s.equals("$user") ? ctx.role().name() : s);
        }
        return path;
    }

    /** The schema new objects go in: the first existing schema of search_path. */
    NamespaceInfo creationNamespace(String schema) {
        if (schema != null) {
            NamespaceInfo ns = ctx.catalog().namespace(schema);
            if (ns == null) {
                throw new DbException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            return ns;
        }
        for (String s : effectiveSearchPath(false)) {
            NamespaceInfo ns = ctx.catalog().namespace(s);
            if (ns != null) {
                return ns;
            }
        }
        throw new DbException(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
    }

    RelationInfo resolveTable(Table t) {
        RelationInfo rel = resolveRelation(t.getSchemaName() == null ? null : Names.identifier(t.getSchemaName()),
                Names.identifier(t.getName()));
        if (rel.isIndex()) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is an index");
        }
        return rel;
    }

    // ---- INSERT

    private BoundStatement analyzeInsert(Insert insert) {
        if (insert.getWithItemsList() != null && !insert.getWithItemsList().isEmpty()) {
            throw DbException.notSupported("WITH");
        }
        RelationInfo rel = resolveTable(insert.getTable());
        if (rel.isView()) {
            return analyzeInsert(views.rewriteInsert(insert, rel, privileges));
        }
        checkWritable(rel);
        List<ColumnInfo> targets = new ArrayList<>();
        if (insert.getColumns() == null || insert.getColumns().isEmpty()) {
            targets.addAll(rel.columns());
        } else {
            for (Column c : insert.getColumns()) {
                String name = Names.identifier(c.getColumnName());
                ColumnInfo col = rel.column(name);
                if (col == null) {
                    throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                            + rel.name() + "\" does not exist");
                }
                if (targets.contains(col)) {
                    throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + name
                            + "\" specified more than once");
                }
                targets.add(col);
            }
        }
        for (ColumnInfo c : targets) {
            privileges.need(rel, Privilege.INSERT, c.name());
        }
        ExprBinder binder = new ExprBinder(ctx, Scope.empty(), params, privileges);
        binder.banWindows("window functions are not allowed in VALUES");
        PlanNode source;
        Select select = insert.getSelect();
        if (insert.isOnlyDefaultValues()) {
            source = new ValuesNode(List.of(fullRow(rel, List.of(), List.of(), binder)), List.of(rel.columnTypes()));
        } else if (select instanceof Values values) {
            List<List<Expr>> rows = new ArrayList<>();
            for (List<Expression> items : valuesRows(values)) {
                if (items.size() > targets.size()) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
                }
                if (items.size() < targets.size() && insert.getColumns() != null && !insert.getColumns().isEmpty()) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions");
                }
                rows.add(fullRow(rel, targets, items, binder));
            }
            source = new ValuesNode(rows, List.of(rel.columnTypes()));
        } else if (select != null) {
            // As in PostgreSQL, an untyped literal of the select list takes its target column's type.
            SelectAnalyzer.Output out = new SelectAnalyzer(ctx, params, privileges, this).analyzeOperand(select);
            List<DataType> types = out.plan().outputTypes();
            if (types.size() > targets.size()) {
                throw new DbException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
            }
            Scope scope = Scope.empty();
            List<String> names = out.columns().stream().map(ResultColumn::name).toList();
            scope.add("*SELECT*", null, names, types, null);
            List<Expr> exprs = new ArrayList<>();
            ExprBinder rowBinder = new ExprBinder(ctx, scope, params, privileges);
            for (ColumnInfo c : rel.columns()) {
                int pos = targets.indexOf(c);
                if (pos >= 0 && pos < types.size() && givenValueApplies(c)) {
                    Expr ref = new Expr.ColumnRef(pos, types.get(pos), names.get(pos));
                    exprs.add(rowBinder.coerceForColumn(ref, c.type(), c.name()));
                } else {
                    exprs.add(defaultValue(c, rowBinder));
                }
            }
            source = new ProjectNode(out.plan(), exprs);
        } else {
            throw DbException.notSupported("this form of INSERT");
        }
        ModifyNode node = insert.getConflictAction() == null ? new InsertNode(rel, source)
                : new InsertOnConflictNode(rel, source, OnConflictAnalyzer.analyze(this, ctx, params, privileges,
                insert, rel));
        try {
            return modify(node, StatementKind.INSERT, insert.getReturningClause(), tableScope(rel, insert.getTable()));
        } catch (DbException e) {
            throw insert.getConflictAction() == null ? e : OnConflictAnalyzer.excludedInReturning(e);
        }
    }

    /**
     * The rows of a VALUES list. JSqlParser gives a one-row VALUES as the list of its items and a
     * multi-row one as a list of parenthesized lists.
     */
    static List<List<Expression>> valuesRows(Values values) {
        List<List<Expression>> rows = new ArrayList<>();
        ExpressionList<?> all = values.getExpressions();
        boolean multiRow = all.stream().anyMatch(e -> e instanceof ExpressionList<?>);
        if (!multiRow) {
            rows.add(new ArrayList<>(all));
            return rows;
        }
        for (Expression e : all) {
            rows.add(rowItems(e));
        }
        return rows;
    }

    private static List<Expression> rowItems(Expression rowExpr) {
        if (rowExpr instanceof ParenthesedExpressionList<?> list) {
            return new ArrayList<>(list);
        }
        if (rowExpr instanceof ExpressionList<?> list) {
            return new ArrayList<>(list);
        }
        return List.of(rowExpr);
    }

    /** One VALUES row as a complete table row: given values coerced, DEFAULT and missing columns defaulted. */
    private List<Expr> fullRow(RelationInfo rel, List<ColumnInfo> targets, List<Expression> items,
                               ExprBinder binder) {
        List<Expr> row = new ArrayList<>();
        for (ColumnInfo c : rel.columns()) {
            int pos = targets.indexOf(c);
            if (pos >= 0 && pos < items.size() && !isDefaultKeyword(items.get(pos)) && givenValueApplies(c)) {
                row.add(binder.coerceForColumn(binder.bind(items.get(pos)), c.type(), c.name()));
            } else {
                row.add(defaultValue(c, binder));
            }
        }
        return row;
    }

    /**
     * Whether an explicit INSERT value is stored: not for identity columns under OVERRIDING USER VALUE
     * (their sequence is used), never without OVERRIDING SYSTEM VALUE for GENERATED ALWAYS (428C9).
     */
    private boolean givenValueApplies(ColumnInfo c) {
        if (!c.isIdentity()) {
            return true;
        }
        if ("user".equals(overriding)) {
            return false;
        }
        if (c.identity() == ColumnInfo.IDENTITY_ALWAYS && !"system".equals(overriding)) {
            throw new DbException(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \""
                    + c.name() + "\"").withDetail("Column \"" + c.name()
                    + "\" is an identity column defined as GENERATED ALWAYS.")
                    .withHint("Use OVERRIDING SYSTEM VALUE to override.");
        }
        return true;
    }

    static boolean isDefaultKeyword(Expression e) {
        return e instanceof Column c && c.getTable() == null && "default".equalsIgnoreCase(c.getColumnName());
    }

    /** The column's DEFAULT expression (re-analyzed from its stored text), or NULL. */
    Expr defaultValue(ColumnInfo c, ExprBinder binder) {
        if (c.defaultExpr() == null) {
            return new Expr.Const(null, c.type());
        }
        Expression parsed = parseExpression(c.defaultExpr());
        ExprBinder defaultBinder = new ExprBinder(ctx, Scope.empty(), params, privileges);
        return defaultBinder.coerceForColumn(defaultBinder.bind(parsed), c.type(), c.name());
    }

    static Expression parseExpression(String text) {
        try {
            return net.sf.jsqlparser.parser.CCJSqlParserUtil.parseExpression(text, false);
        } catch (net.sf.jsqlparser.JSQLParserException e) {
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error in expression \"" + text + "\"");
        }
    }

    static void checkWritable(RelationInfo rel) {
        if (rel.isSystem()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied for table " + rel.name()).withDetail(
                    "System catalogs are changed only through DDL statements.");
        }
    }

    // ---- UPDATE

    private BoundStatement analyzeUpdate(Update update) {
        if (update.getWithItemsList() != null && !update.getWithItemsList().isEmpty()) {
            throw DbException.notSupported("WITH");
        }
        if (update.getStartJoins() != null && !update.getStartJoins().isEmpty()) {
            throw DbException.notSupported("UPDATE ... JOIN");
        }
        if (update.getFromItem() != null) {
            return ModifyJoins.update(this, ctx, params, privileges, update);
        }
        RelationInfo rel = resolveTable(update.getTable());
        if (rel.isView()) {
            return analyzeUpdate(views.rewriteUpdate(update, rel, privileges));
        }
        checkWritable(rel);
        Scope scope = tableScope(rel, update.getTable());
        ExprBinder binder = new ExprBinder(ctx, scope, params, privileges).withSubqueries(this::subquery);
        List<Expr> exprs = assignments(rel, update.getUpdateSets(), binder);
        Expr where = update.getWhere() == null ? null : binder.bindCondition(update.getWhere(), "WHERE");
        PlanNode source = RowMarks.markForWrite(AccessPaths.scan(rel, where, true),
                RowMarks.changesKey(rel, assignedOnly(rel, exprs)), where);
        return modify(new UpdateNode(rel, source, exprs), StatementKind.UPDATE, update.getReturningClause(), scope);
    }

    /**
     * The new row of an UPDATE (or ON CONFLICT DO UPDATE): one expression per table column, the
     * assigned value or a reference to the column's current value (an {@link Expr.ColumnRef} at its
     * own position, which {@link #assignedOnly} recognises).
     */
    List<Expr> assignments(RelationInfo rel, List<UpdateSet> sets, ExprBinder binder) {
        Expr[] newValues = new Expr[rel.columns().size()];
        for (UpdateSet set : sets) {
            if (set.getColumns().size() != 1 || set.getValues().size() != 1) {
                throw DbException.notSupported("multiple-column UPDATE SET");
            }
            Column target = set.getColumns().get(0);
            String name = Names.identifier(target.getColumnName());
            ColumnInfo col = rel.column(name);
            if (col == null) {
                throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                        + rel.name() + "\" does not exist");
            }
            if (newValues[col.attnum() - 1] != null) {
                throw new DbException(SqlState.SYNTAX_ERROR, "multiple assignments to same column \""
                        + name + "\"");
            }
            privileges.need(rel, Privilege.UPDATE, name);
            Expression value = set.getValues().get(0);
            if (col.identity() == ColumnInfo.IDENTITY_ALWAYS && !isDefaultKeyword(value)) {
                throw new DbException(SqlState.GENERATED_ALWAYS, "column \"" + col.name()
                        + "\" can only be updated to DEFAULT").withDetail("Column \"" + col.name()
                        + "\" is an identity column defined as GENERATED ALWAYS.");
            }
            newValues[col.attnum() - 1] = isDefaultKeyword(value) ? defaultValue(col, binder)
                    : binder.coerceForColumn(binder.bind(value), col.type(), col.name());
        }
        List<Expr> exprs = new ArrayList<>();
        for (ColumnInfo c : rel.columns()) {
            Expr v = newValues[c.attnum() - 1];
            exprs.add(v != null ? v : new Expr.ColumnRef(c.attnum() - 1, c.type(), c.name()));
        }
        return exprs;
    }

    /** The assigned expressions of {@link #assignments}, null where a column keeps its value. */
    static Expr[] assignedOnly(RelationInfo rel, List<Expr> exprs) {
        Expr[] out = new Expr[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            Expr e = exprs.get(i);
            boolean kept = e instanceof Expr.ColumnRef ref && ref.index() == i
                    && java.util.Objects.equals(ref.name(), rel.columns().get(i).name());
            out[i] = kept ? null : e;
        }
        return out;
    }

    // ---- DELETE

    private BoundStatement analyzeDelete(Delete delete) {
        if (delete.getWithItemsList() != null && !delete.getWithItemsList().isEmpty()) {
            throw DbException.notSupported("WITH");
        }
        if (delete.getJoins() != null && !delete.getJoins().isEmpty()) {
            throw DbException.notSupported("DELETE ... JOIN");
        }
        if (delete.getUsingList() != null && !delete.getUsingList().isEmpty()) {
            return ModifyJoins.delete(this, ctx, params, privileges, delete);
        }
        RelationInfo rel = resolveTable(delete.getTable());
        if (rel.isView()) {
            return analyzeDelete(views.rewriteDelete(delete, rel, privileges));
        }
        checkWritable(rel);
        privileges.need(rel, Privilege.DELETE, null);
        Scope scope = tableScope(rel, delete.getTable());
        ExprBinder binder = new ExprBinder(ctx, scope, params, privileges).withSubqueries(this::subquery);
        Expr where = delete.getWhere() == null ? null : binder.bindCondition(delete.getWhere(), "WHERE");
        PlanNode source = RowMarks.markForWrite(AccessPaths.scan(rel, where, true), true, where);
        return modify(new DeleteNode(rel, source), StatementKind.DELETE, delete.getReturningClause(), scope);
    }

    /**
     * The analyzed INSERT/UPDATE/DELETE; a RETURNING list is bound like a select list over the
     * target table's {@code scope}, whose columns are those of the stored row.
     */
    BoundStatement modify(ModifyNode node, StatementKind kind, ReturningClause returning, Scope scope) {
        if (returning == null) {
            return new BoundStatement.Modify(node, kind, privileges.all());
        }
        SelectAnalyzer.TargetList list = new SelectAnalyzer(ctx, params, privileges, this)
                .returningList(returning, scope);
        return new BoundStatement.Modify(node, kind, list.exprs(), list.columns(), privileges.all());
    }

    /** The scope of a single target table, under its alias if it has one. */
    Scope tableScope(RelationInfo rel, Table t) {
        Scope scope = Scope.empty();
        String ref = t.getAlias() != null ? Names.identifier(t.getAlias().getName()) : rel.name();
        scope.add(ref, t.getAlias() != null ? null : rel.namespaceName(),
                rel.columns().stream().map(ColumnInfo::name).toList(),
                rel.columns().stream().map(ColumnInfo::type).toList(), rel);
        return scope;
    }

    // ---- CREATE TABLE

    private BoundStatement analyzeCreateTable(UtilityStatement.CreateTable statement) {
        NamespaceInfo ns = creationNamespace(statement.name().schema());
        String name = truncateIdentifier(statement.name().name());
        privileges.need(new RequiredPrivilege(ObjectKind.SCHEMA, ns.oid(), ns.name(), ns.owner(), Privilege.CREATE,
                List.of()));
        TableDerivation.Expanded expanded = new TableDerivation(ctx, params, privileges, this).expandLikes(statement);
        UtilityStatement.CreateTable create = expanded.create();
        List<ColumnInfo> columns = new ArrayList<>();
        if (create.columns().isEmpty() && !create.constraints().isEmpty()) {
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + create.constraints().get(0).columns().get(0)
                    + "\" named in key does not exist");
        }
        List<OwnedSequence> sequences = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (UtilityStatement.ColumnDefinition written : create.columns()) {
            UtilityStatement.ColumnDefinition def = SerialColumns.rewrite(written, name, columns.size() + 1,
                    () -> chooseIndexName(ns.oid(), name, List.of(truncateIdentifier(written.name())), "seq",
                            taken), ns.name(), sequences);
            if (!sequences.isEmpty()) {
                taken.add(sequences.get(sequences.size() - 1).name());
            }
            ColumnInfo col = columnDefinition(def, columns.size() + 1);
            if (def.identity() != ColumnInfo.NO_IDENTITY) {
                col = new ColumnInfo(col.name(), col.type(), col.attnum(), true, col.defaultExpr(), def.identity());
            }
            for (ColumnInfo existing : columns) {
                if (existing.name().equals(col.name())) {
                    throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + col.name()
                            + "\" specified more than once");
                }
            }
            columns.add(col);
        }
        if (columns.size() > 1600) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "tables can have at most 1600 columns");
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        boolean hasPrimary = false;
        for (UtilityStatement.KeyConstraint k : create.constraints()) {
            if (k.primary()) {
                if (hasPrimary) {
                    throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \""
                            + name + "\" are not allowed");
                }
                hasPrimary = true;
            }
            List<Integer> attnums = new ArrayList<>();
            for (String colName : k.columns()) {
                ColumnInfo col = columns.stream().filter(c -> c.name().equals(colName)).findFirst().orElse(null);
                if (col == null) {
                    throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + colName
                            + "\" named in key does not exist");
                }
                if (attnums.contains(col.attnum())) {
                    throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + colName
                            + "\" appears twice in " + (k.primary() ? "primary key" : "unique") + " constraint");
                }
                attnums.add(col.attnum());
                if (k.primary() && !col.notNull()) {
                    // PRIMARY KEY implies NOT NULL.
                    columns.set(col.attnum() - 1, new ColumnInfo(col.name(), col.type(), col.attnum(), true,
                            col.defaultExpr(), col.identity()));
                }
            }
            String indexName = k.name() != null ? truncateIdentifier(k.name())
                    : chooseIndexName(ns.oid(), name, k.columns(), k.primary() ? "pkey" : "key", taken);
            taken.add(indexName);
            List<Boolean> none = attnums.stream().map(a -> false).toList();
            indexes.add(new IndexDefinition(indexName, attnums, none, none, true, k.primary()));
        }
        List<CheckConstraints.Definition> checks = new ArrayList<>();
        List<String> checkNames = new ArrayList<>();
        for (UtilityStatement.CheckConstraint check : create.checks()) {
            CheckConstraints.Definition def = CheckConstraints.define(check, name, columns, ctx,
                    n -> checkNames.contains(n) || ctx.catalog().constraintNameExists(ns.oid(), n), true);
            if (checkNames.contains(def.name())) {
                throw new DbException(SqlState.DUPLICATE_OBJECT, "check constraint \"" + def.name()
                        + "\" already exists");
            }
            checkNames.add(def.name());
            checks.add(def);
        }
        List<IndexDefinition> plainIndexes = expanded.indexes(ns.oid(), name, columns, taken);
        return new BoundStatement.CreateTable(ns.oid(), name, columns, indexes, checks, create.ifNotExists(),
                privileges.all(), sequences, plainIndexes, create.foreignKeys());
    }

    private BoundStatement analyzeCreateIndex(UtilityStatement.CreateIndex c) {
        if (c.table().schema() != null) {
            creationNamespace(c.table().schema()); // 3F000 for a missing schema, unlike in queries
        }
        RelationInfo table = resolveRelation(c.table().schema(), c.table().name());
        if (table.isView()) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "cannot create index on relation \"" + table.name()
                    + "\"").withDetail("This operation is not supported for views.");
        }
        if (table.kind() != RelationInfo.TABLE) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + table.name() + "\" is not a table");
        }
        if (table.isSystem()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + table.name()
                    + "\" is a system catalog");
        }
        privileges.need(new RequiredPrivilege(ObjectKind.TABLE, table.oid(), table.name(), table.owner(),
                Privilege.OWNERSHIP, List.of()));
        List<Integer> attnums = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        List<Boolean> nullsFirst = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (UtilityStatement.IndexColumn ic : c.columns()) {
            ColumnInfo col = table.column(ic.name());
            if (col == null) {
                throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + ic.name() + "\" does not exist");
            }
            attnums.add(col.attnum());
            descending.add(ic.descending());
            nullsFirst.add(ic.nullsFirst() != null ? ic.nullsFirst() : ic.descending());
            names.add(col.name());
        }
        if (attnums.size() > 32) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "cannot use more than 32 columns in an index");
        }
        String indexName = c.name() != null ? truncateIdentifier(c.name())
                : chooseIndexName(table.namespaceOid(), table.name(), names, "idx", List.of());
        return new BoundStatement.CreateIndex(table, new IndexDefinition(indexName, attnums, descending, nullsFirst,
                c.unique(), false), c.ifNotExists(), privileges.all());
    }

    /**
     * PostgreSQL's ChooseRelationName: table_col1_col2_suffix, with a number appended until the name is
     * free in the schema (and among {@code taken}, names chosen for the same statement).
     */
    String chooseIndexName(long namespaceOid, String table, List<String> columns, String suffix,
                                   List<String> taken) {
        String base = suffix.equals("pkey") ? table : table + "_" + String.join("_", columns);
        for (int n = 0; ; n++) {
            String tail = "_" + suffix + (n == 0 ? "" : Integer.toString(n));
            String candidate = (base.length() + tail.length() > 63 ? base.substring(0, 63 - tail.length()) : base)
                    + tail;
            if (ctx.catalog().relation(namespaceOid, candidate) == null && !taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** PostgreSQL truncates identifiers to NAMEDATALEN - 1 = 63 bytes. */
    static String truncateIdentifier(String name) {
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private ColumnInfo columnDefinition(UtilityStatement.ColumnDefinition def, int attnum) {
        String name = truncateIdentifier(def.name());
        DataType type = TypeNames.resolve(def.typeName(), null);
        if (type.type() == PgType.UNKNOWN) {
            throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "column \"" + name
                    + "\" has pseudo-type unknown");
        }
        if (def.defaultExpr() != null) {
            Expression parsed = parseExpression(def.defaultExpr());
            if (ExprBinder.containsAggregate(parsed)) {
                throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in DEFAULT "
                        + "expressions");
            }
            ExprBinder binder = new ExprBinder(ctx, Scope.empty(), new ParameterTypes(new int[0]), privileges);
            Expr bound;
            try {
                bound = binder.bind(parsed);
            } catch (DbException e) {
                if (e.state() == SqlState.UNDEFINED_COLUMN) {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED /* PostgreSQL: 0A000 */,
                            "cannot use column reference in DEFAULT expression");
                }
                throw e;
            }
            PgType from = bound.type().type();
            if (from != PgType.UNKNOWN && from != type.type() && !(bound instanceof Expr.Const c && c.value() == null)
                    && !Casts.canCast(from, type.type(), Casts.Context.ASSIGNMENT)) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "column \"" + name + "\" is of type "
                        + type.displayName() + " but default expression is of type " + bound.type().displayName())
                        .withHint("You will need to rewrite or cast the expression.");
            }
            binder.coerce(bound, type, Casts.Context.ASSIGNMENT);
        }
        return new ColumnInfo(name, type, attnum, Boolean.TRUE.equals(def.notNull()), def.defaultExpr());
    }

    /** Common type for UNION-like contexts, exposed to the select analyzer. */
    /** Plans a subquery in an UPDATE or DELETE; its outer references read the target table's row. */
    SelectAnalyzer.Output subquery(net.sf.jsqlparser.statement.select.Select select, Scope enclosing) {
        return new SelectAnalyzer(ctx, params, privileges, this, enclosing).analyze(select);
    }

    static DataType commonType(List<DataType> types, String context) {
        return Operators.commonType(types, context);
    }
}
