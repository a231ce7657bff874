package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.OnConflict;

/**
 * Analyzes INSERT's ON CONFLICT clause: infers the arbiter indexes from the conflict target (as
 * PostgreSQL's infer_arbiter_indexes: every unique index whose columns are exactly the named
 * ones) and binds DO UPDATE's SET list and WHERE over the target row followed by EXCLUDED.
 */
final class OnConflictAnalyzer {
    private OnConflictAnalyzer() {
    }

    static OnConflict analyze(Analyzer analyzer, AnalysisContext ctx, ParameterTypes params, Privileges privileges,
                              Insert insert, RelationInfo rel) {
        InsertConflictAction action = insert.getConflictAction();
        InsertConflictTarget target = insert.getConflictTarget();
        boolean doUpdate = action.getConflictActionType() == ConflictActionType.DO_UPDATE;
        if (target == null && doUpdate) {
            throw new DbException(SqlState.SYNTAX_ERROR,
                    "ON CONFLICT DO UPDATE requires inference specification or constraint name")
                    .withHint("For example, ON CONFLICT (column_name).");
        }
        // The target row under its alias (or name), then EXCLUDED: the proposed row.
        Scope scope = analyzer.tableScope(rel, insert.getTable());
        List<ColumnInfo> columns = rel.columns();
        scope.add("excluded", null, columns.stream().map(ColumnInfo::name).toList(),
                columns.stream().map(ColumnInfo::type).toList(), null);
        SelectAnalyzer select = new SelectAnalyzer(ctx, params, privileges, analyzer);
        List<IndexInfo> arbiters = target == null ? uniqueIndexes(rel)
                : arbiters(rel, target, select, analyzer.tableScope(rel, insert.getTable()));
        if (!doUpdate) {
            return new OnConflict(arbiters, null, null);
        }
        ExprBinder binder = select.binder(scope);
        binder.banWindows("window functions are not allowed in UPDATE");
        List<Expr> newValues = analyzer.assignments(rel, action.getUpdateSets(), binder);
        Expr where = action.getWhereExpression() == null ? null
                : binder.bindCondition(action.getWhereExpression(), "WHERE");
        return new OnConflict(arbiters, newValues, where);
    }

    /**
     * RETURNING cannot see EXCLUDED, which PostgreSQL reports as an entry that exists but is out
     * of reach rather than as a missing one.
     */
    static DbException excludedInReturning(DbException e) {
        if (e.state() == SqlState.UNDEFINED_TABLE
                && e.getMessage().equals("missing FROM-clause entry for table \"excluded\"")) {
            return new DbException(SqlState.UNDEFINED_TABLE,
                    "invalid reference to FROM-clause entry for table \"excluded\"").withHint(
                    "There is an entry for table \"excluded\", but it cannot be referenced from this part of the query.");
        }
        return e;
    }

    private static List<IndexInfo> uniqueIndexes(RelationInfo rel) {
        return rel.indexes().stream().filter(IndexInfo::unique).toList();
    }

    private static List<IndexInfo> arbiters(RelationInfo rel, InsertConflictTarget target, SelectAnalyzer select,
                                            Scope targetScope) {
        if (target.getConstraintName() != null) {
            String name = Names.identifier(target.getConstraintName());
            ConstraintInfo c = rel.constraint(name);
            if (c == null) {
                throw new DbException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" for table \""
                        + rel.name() + "\" does not exist");
            }
            for (IndexInfo index : rel.indexes()) {
                if (index.oid() == c.indexOid()) {
                    return List.of(index);
                }
            }
            throw new DbException(SqlState.WRONG_OBJECT_TYPE,
                    "constraint in ON CONFLICT clause has no associated index");
        }
        if (target.getIndexExpression() != null) {
            throw DbException.notSupported("expressions in an ON CONFLICT target");
        }
        Set<Integer> attnums = new HashSet<>();
        for (String written : target.getIndexColumnNames()) {
            String name = Names.identifier(written);
            ColumnInfo col = rel.column(name);
            if (col == null) {
                throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
            }
            attnums.add(col.attnum());
        }
        if (target.getWhereExpression() != null) {
            // Only partial indexes would need it; ours are all complete, so it is checked, not used.
            select.binder(targetScope).bindCondition(target.getWhereExpression(), "WHERE");
        }
        List<IndexInfo> out = new ArrayList<>();
        for (IndexInfo index : uniqueIndexes(rel)) {
            if (new HashSet<>(index.attnums()).equals(attnums)) {
                out.add(index);
            }
        }
        if (out.isEmpty()) {
            throw new DbException(SqlState.INVALID_COLUMN_REFERENCE,
                    "there is no unique or exclusion constraint matching the ON CONFLICT specification");
        }
        return out;
    }
}
