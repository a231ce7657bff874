package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.NamespaceInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Tables defined from other things: CREATE TABLE ... AS query (columns from the query's result) and
 * the LIKE clauses of CREATE TABLE (columns, and with INCLUDING the defaults, CHECK constraints,
 * indexes and identity of another table), following PostgreSQL 15's parse_utilcmd.c.
 */
final class TableDerivation {
    private final AnalysisContext ctx;
    private final ParameterTypes params;
    private final Privileges privileges;
    private final Analyzer analyzer;

    TableDerivation(AnalysisContext ctx, ParameterTypes params, Privileges privileges, Analyzer analyzer) {
        this.ctx = ctx;
        this.params = params;
        this.privileges = privileges;
        this.analyzer = analyzer;
    }

    // ---- CREATE TABLE AS

    BoundStatement createTableAs(UtilityStatement.CreateTableAs c) {
        NamespaceInfo ns = analyzer.creationNamespace(c.name().schema());
        String name = Analyzer.truncateIdentifier(c.name().name());
        privileges.need(new RequiredPrivilege(ObjectKind.SCHEMA, ns.oid(), ns.name(), ns.owner(), Privilege.CREATE,
                List.of()));
        Statement st;
        try {
            st = SqlParser.parse(c.query());
        } catch (DbException e) {
            throw shifted(e, c.queryPosition());
        }
        if (!(st instanceof Select select)) {
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \""
                    + c.query().split("\\s+")[0] + "\"").withPosition(c.queryPosition() + 1);
        }
        SelectAnalyzer.Output out;
        try {
            out = new SelectAnalyzer(ctx, params, privileges, analyzer).analyze(select);
        } catch (DbException e) {
            throw shifted(e, c.queryPosition());
        }
        List<ResultColumn> result = out.columns();
        if (c.columnNames().size() > result.size()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "too many column names were specified");
        }
        List<ColumnInfo> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < result.size(); i++) {
            String columnName = Analyzer.truncateIdentifier(i < c.columnNames().size() ? c.columnNames().get(i)
                    : result.get(i).name());
            if (!seen.add(columnName)) {
                throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + columnName
                        + "\" specified more than once");
            }
            DataType type = result.get(i).type();
            if (type.type() == PgType.UNKNOWN) {
                type = DataType.TEXT; // PostgreSQL 10+ resolves unknown-type outputs to text here
            }
            columns.add(new ColumnInfo(columnName, type, i + 1, false, null));
        }
        if (columns.size() > 1600) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "tables can have at most 1600 columns");
        }
        return new BoundStatement.CreateTableAs(ns.oid(), name, columns, out.plan(), c.withData(), c.ifNotExists(),
                privileges.all());
    }

    /** An error inside the query, its position moved from the query's text to the statement's. */
    private static DbException shifted(DbException e, int offset) {
        if (e.position() <= 0) {
            return e;
        }
        return e.withPosition(e.position() + offset);
    }

    // ---- LIKE

    /** A CREATE TABLE with its LIKE clauses replaced by what they copy. */
    record Expanded(UtilityStatement.CreateTable create, List<LikeIndex> likeIndexes, Analyzer analyzer) {
        /**
         * The copied indexes that back no constraint, named as PostgreSQL names them
         * (table_columns_idx), avoiding the names in {@code taken}.
         */
        List<IndexDefinition> indexes(long namespaceOid, String table, List<ColumnInfo> columns, List<String> taken) {
            List<IndexDefinition> out = new ArrayList<>();
            for (LikeIndex li : likeIndexes) {
                List<Integer> attnums = new ArrayList<>();
                for (String n : li.columns()) {
                    attnums.add(columns.stream().filter(c -> c.name().equals(n)).findFirst().orElseThrow().attnum());
                }
                String name = analyzer.chooseIndexName(namespaceOid, table, li.columns(), "idx", taken);
                taken.add(name);
                out.add(new IndexDefinition(name, attnums, li.descending(), li.nullsFirst(), li.unique(), false));
            }
            return out;
        }
    }

    /** An index of a LIKE source that backs no constraint, by column names. */
    record LikeIndex(List<String> columns, List<Boolean> descending, List<Boolean> nullsFirst, boolean unique) {
    }

    Expanded expandLikes(UtilityStatement.CreateTable create) {
        if (create.likes().isEmpty()) {
            return new Expanded(create, List.of(), analyzer);
        }
        List<UtilityStatement.ColumnDefinition> columns = new ArrayList<>();
        List<UtilityStatement.KeyConstraint> keys = new ArrayList<>();
        List<UtilityStatement.CheckConstraint> checks = new ArrayList<>(create.checks());
        List<LikeIndex> indexes = new ArrayList<>();
        int written = 0;
        for (UtilityStatement.LikeClause like : create.likes()) {
            while (written < like.position()) {
                columns.add(create.columns().get(written++));
            }
            RelationInfo source = likeSource(like.source());
            Set<String> inc = like.including();
            for (ColumnInfo col : source.columns()) {
                boolean identity = col.isIdentity() && inc.contains("identity");
                String defaultExpr = !col.isIdentity() && inc.contains("defaults") ? col.defaultExpr() : null;
                columns.add(new UtilityStatement.ColumnDefinition(col.name(), col.type().displayName(),
                        col.notNull() ? Boolean.TRUE : null, defaultExpr,
                        identity ? col.identity() : ColumnInfo.NO_IDENTITY,
                        identity ? SequenceOptions.NONE : null));
            }
            if (inc.contains("constraints")) {
                for (ConstraintInfo con : source.constraints()) {
                    if (con.isCheck()) {
                        checks.add(new UtilityStatement.CheckConstraint(con.name(), con.expression(), 0,
                                !con.validated()));
                    }
                }
            }
            if (inc.contains("indexes")) {
                for (IndexInfo index : source.indexes()) {
                    List<String> names = index.attnums().stream()
                            .map(a -> source.columns().get(a - 1).name()).toList();
                    boolean constraint = source.constraints().stream().anyMatch(k -> k.indexOid() == index.oid());
                    if (constraint) {
                        keys.add(new UtilityStatement.KeyConstraint(null, index.primary(), names));
                    } else {
                        indexes.add(new LikeIndex(names, index.descending(), index.nullsFirst(), index.unique()));
                    }
                }
            }
        }
        while (written < create.columns().size()) {
            columns.add(create.columns().get(written++));
        }
        List<UtilityStatement.KeyConstraint> allKeys = new ArrayList<>(create.constraints());
        allKeys.addAll(keys);
        return new Expanded(new UtilityStatement.CreateTable(create.name(), create.ifNotExists(), columns, allKeys,
                checks, List.of(), create.foreignKeys()), indexes, analyzer);
    }

    /** The table a LIKE copies: any relation with columns but an index or sequence; SELECT on it is needed. */
    private RelationInfo likeSource(UtilityStatement.QualifiedName qn) {
        RelationInfo source = analyzer.resolveRelation(qn.schema(), qn.name());
        if (source.isIndex() || source.isSequence()) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "relation \"" + source.name()
                    + "\" is invalid in LIKE clause").withDetail("This operation is not supported for "
                    + (source.isIndex() ? "indexes." : "sequences."));
        }
        privileges.need(source, Privilege.SELECT, null);
        return source;
    }
}
