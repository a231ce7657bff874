package org.larchdb.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;
import org.larchdb.engine.catalog.Catalog;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.SequenceInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.TableRewrite;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.engine.sql.AlteredColumns;
import org.larchdb.engine.sql.AnalysisContext;
import org.larchdb.engine.sql.CheckConstraints;
import org.larchdb.engine.sql.TypeNames;
import org.larchdb.engine.sql.UtilityStatement;
import org.larchdb.engine.tx.Transaction;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;

/**
 * ALTER TABLE's column and table forms. Catalog-only changes (RENAME, defaults, NOT NULL, OWNER, an
 * ADD COLUMN of NULLs: old tuples decode the missing trailing column as NULL) rewrite catalog rows;
 * ADD COLUMN with a default or constraint, DROP COLUMN and ALTER TYPE rewrite the table into new
 * files as PostgreSQL does ({@link TableRewrite}). Attribute numbers stay dense: DROP COLUMN
 * renumbers the later columns instead of keeping PostgreSQL's attisdropped slot. The caller holds
 * ACCESS EXCLUSIVE on the table; everything happens in the session's transaction and rolls back.
 */
final class AlterColumnCommands {
    private final Session session;
    private final Database database;
    private final ExecContext ctx;

    AlterColumnCommands(Session session, Database database, ExecContext ctx) {
        this.session = session;
        this.database = database;
        this.ctx = ctx;
    }

    void run(RelationInfo table, UtilityStatement.AlterTableAction action) {
        if (table.kind() != RelationInfo.TABLE && !(action instanceof UtilityStatement.RenameTable)
                && !(action instanceof UtilityStatement.OwnerTo)) {
            throw notForKind(table, action);
        }
        switch (action) {
            case UtilityStatement.AddColumn a -> addColumn(table, a);
            case UtilityStatement.DropColumn d -> dropColumn(table, d);
            case UtilityStatement.RenameColumn r -> renameColumn(table, r);
            case UtilityStatement.RenameTable r -> redefine(table, r.newName().length() > 63
                    ? r.newName().substring(0, 63) : r.newName(), table.owner(), table.relfilenode(), table.columns());
            case UtilityStatement.AlterColumnType t -> alterType(table, t);
            case UtilityStatement.AlterColumnDefault d -> alterDefault(table, d);
            case UtilityStatement.AlterColumnNotNull n -> alterNotNull(table, n);
            case UtilityStatement.OwnerTo o -> ownerTo(table, o);
            default -> throw new IllegalStateException("not a column action: " + action);
        }
    }

    private void addColumn(RelationInfo table, UtilityStatement.AddColumn a) {
        String name = a.column().name().length() > 63 ? a.column().name().substring(0, 63) : a.column().name();
        if (table.column(name) != null) {
            String message = "column \"" + name + "\" of relation \"" + table.name() + "\" already exists";
            if (a.ifNotExists()) {
                session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, message + ", skipping"));
                return;
            }
            throw new DbException(SqlState.DUPLICATE_COLUMN, message);
        }
        if (table.columns().size() >= 1600) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "tables can have at most 1600 columns");
        }
        ColumnInfo column = AlteredColumns.define(a.column(), table.columns().size() + 1, analysis());
        List<ColumnInfo> columns = new ArrayList<>(table.columns());
        columns.add(column);
        boolean rewrite = column.defaultExpr() != null || column.notNull() || !a.checks().isEmpty();
        int relfilenode = rewrite ? newFiles(table, columns, attnum -> attnum) : table.relfilenode();
        RelationInfo altered = redefine(table, table.name(), table.owner(), relfilenode, columns);
        for (UtilityStatement.CheckConstraint check : a.checks()) {
            CatalogSnapshot snapshot = catalog().snapshot();
            long namespace = altered.namespaceOid();
            CheckConstraints.Definition def = CheckConstraints.define(check, altered.name(), altered.columns(),
                    analysis(), n -> snapshot.constraintNameExists(namespace, n), true);
            catalog().addConstraint(txn(), altered, def.name(), ConstraintInfo.CHECK, def.attnums(), 0,
                    def.expression(), true);
            altered = catalog().snapshot().relation(table.oid());
        }
        if (rewrite) {
            Expr value = column.defaultExpr() == null ? null
                    : AlteredColumns.checkDefault(column.defaultExpr(), column.type(), column.name(), analysis());
            int width = columns.size();
            // Evaluated per row, so a volatile default (nextval, random) differs row to row, as in PostgreSQL.
            rewrite(table, altered, row -> {
                Object[] out = Arrays.copyOf(row, width);
                out[width - 1] = value == null ? null : Evaluator.eval(value, out, ctx);
                return out;
            });
        }
    }

    private void dropColumn(RelationInfo table, UtilityStatement.DropColumn d) {
        ColumnInfo column = table.column(d.name());
        if (column == null) {
            String message = "column \"" + d.name() + "\" of relation \"" + table.name() + "\" does not exist";
            if (d.ifExists()) {
                session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, message + ", skipping"));
                return;
            }
            throw new DbException(SqlState.UNDEFINED_COLUMN, message);
        }
        int gone = column.attnum();
        IntUnaryOperator renumber = attnum -> attnum > gone ? attnum - 1 : attnum;
        // Sequences the column owns (serial) go with it; the later columns' owned sequences follow the renumbering.
        for (SequenceInfo seq : catalog().snapshot().sequencesByOid().values()) {
            if (seq.ownerTable() != table.oid()) {
                continue;
            }
            if (seq.ownerColumn() == gone) {
                catalog().dropSequence(txn(), catalog().snapshot().relation(seq.oid()));
            } else if (seq.ownerColumn() > gone) {
                catalog().alterSequence(txn(), seq.withOwner(table.oid(), seq.ownerColumn() - 1,
                        seq.ownerDependency()));
            }
        }
        // Indexes and constraints on the column are dropped with it, as PostgreSQL's automatic dependencies.
        for (ConstraintInfo c : table.constraints()) {
            if (c.attnums().contains(gone)) {
                catalog().dropConstraint(txn(), c);
            } else if (c.attnums().stream().anyMatch(a -> a > gone)) {
                catalog().redefineConstraint(txn(), c, c.attnums().stream().map(renumber::applyAsInt).toList(),
                        c.expression());
            }
        }
        table = catalog().snapshot().relation(table.oid());
        for (IndexInfo index : table.indexes()) {
            if (index.attnums().contains(gone)) {
                catalog().dropIndex(txn(), index);
            }
        }
        table = catalog().snapshot().relation(table.oid());
        List<ColumnInfo> columns = new ArrayList<>();
        for (ColumnInfo c : table.columns()) {
            if (c.attnum() != gone) {
                columns.add(new ColumnInfo(c.name(), c.type(), renumber.applyAsInt(c.attnum()), c.notNull(),
                        c.defaultExpr(), c.identity()));
            }
        }
        int relfilenode = newFiles(table, columns, renumber);
        RelationInfo altered = redefine(table, table.name(), table.owner(), relfilenode, columns);
        int at = gone - 1;
        rewrite(table, altered, row -> {
            Object[] out = new Object[row.length - 1];
            System.arraycopy(row, 0, out, 0, at);
            System.arraycopy(row, at + 1, out, at, row.length - at - 1);
            return out;
        });
    }

    private void renameColumn(RelationInfo table, UtilityStatement.RenameColumn r) {
        ColumnInfo column = table.column(r.name());
        if (column == null) {
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + r.name() + "\" does not exist");
        }
        String newName = r.newName().length() > 63 ? r.newName().substring(0, 63) : r.newName();
        if (SYSTEM_COLUMNS.contains(newName)) {
            throw new DbException(SqlState.DUPLICATE_COLUMN, "column name \"" + newName
                    + "\" conflicts with a system column name");
        }
        if (table.column(newName) != null) {
            throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + newName + "\" of relation \""
                    + table.name() + "\" already exists");
        }
        List<ColumnInfo> columns = replace(table, new ColumnInfo(newName, column.type(), column.attnum(),
                column.notNull(), column.defaultExpr(), column.identity()));
        RelationInfo altered = redefine(table, table.name(), table.owner(), table.relfilenode(), columns);
        // CHECK expressions are stored as text: they must name the column by its new name.
        for (ConstraintInfo c : table.checks()) {
            if (c.attnums().contains(column.attnum())) {
                catalog().redefineConstraint(txn(), c, c.attnums(),
                        AlteredColumns.renameColumn(c.expression(), column.name(), newName));
            }
        }
        for (IndexInfo index : altered.indexes()) {
            if (index.attnums().contains(column.attnum())) {
                catalog().redefineIndex(txn(), index, index.attnums(), index.relfilenode(), columns);
            }
        }
    }

    private void alterType(RelationInfo table, UtilityStatement.AlterColumnType t) {
        ColumnInfo column = requireColumn(table, t.name());
        DataType target = TypeNames.resolve(t.typeName(), null);
        Expr conversion = AlteredColumns.conversion(table.name(), table.columns(), column, target, t.using(),
                analysis());
        // The stored default already has the column's old type (PostgreSQL coerced it when it was set):
        // it must cast to the new type by assignment.
        if (column.defaultExpr() != null && column.type().type() != target.type()
                && !Casts.canCast(column.type().type(), target.type(), Casts.Context.ASSIGNMENT)) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "default for column \"" + column.name()
                    + "\" cannot be cast automatically to type " + DataType.of(target.type()).displayName());
        }
        List<ColumnInfo> columns = replace(table, new ColumnInfo(column.name(), target, column.attnum(),
                column.notNull(), column.defaultExpr(), column.identity()));
        int relfilenode = newFiles(table, columns, attnum -> attnum);
        RelationInfo altered = redefine(table, table.name(), table.owner(), relfilenode, columns);
        int at = column.attnum() - 1;
        rewrite(table, altered, row -> {
            Object[] out = row.clone();
            out[at] = Evaluator.eval(conversion, row, ctx);
            return out;
        });
    }

    private void alterDefault(RelationInfo table, UtilityStatement.AlterColumnDefault d) {
        ColumnInfo column = requireColumn(table, d.name());
        if (column.isIdentity()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "column \"" + column.name() + "\" of relation \""
                    + table.name() + "\" is an identity column")
                    .withHint(d.expression() == null ? "Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead."
                            : null);
        }
        if (d.expression() != null) {
            AlteredColumns.checkDefault(d.expression(), column.type(), column.name(), analysis());
        }
        redefine(table, table.name(), table.owner(), table.relfilenode(), replace(table, new ColumnInfo(column.name(),
                column.type(), column.attnum(), column.notNull(), d.expression(), column.identity())));
    }

    private void alterNotNull(RelationInfo table, UtilityStatement.AlterColumnNotNull n) {
        ColumnInfo column = requireColumn(table, n.name());
        if (n.notNull() == column.notNull()) {
            return;
        }
        if (n.notNull()) {
            TableRewrite.checkNoNulls(table, column, ctx);
        } else {
            for (ConstraintInfo c : table.constraints()) {
                if (c.type() == ConstraintInfo.PRIMARY_KEY && c.attnums().contains(column.attnum())) {
                    throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "column \"" + column.name()
                            + "\" is in a primary key");
                }
            }
            if (column.isIdentity()) {
                throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "column \"" + column.name()
                        + "\" of relation \"" + table.name() + "\" is an identity column");
            }
        }
        redefine(table, table.name(), table.owner(), table.relfilenode(), replace(table, new ColumnInfo(column.name(),
                column.type(), column.attnum(), n.notNull(), column.defaultExpr(), column.identity())));
    }

    private void ownerTo(RelationInfo table, UtilityStatement.OwnerTo o) {
        String name = switch (o.role()) {
            case "current_user", "current_role" -> session.role().name();
            case "session_user" -> ctx.sessionUser();
            default -> o.role();
        };
        RoleInfo role = catalog().snapshot().role(name);
        if (role == null) {
            throw new DbException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
        if (role.oid() == table.owner()) {
            return;
        }
        // LarchDB has no role memberships yet: a non-superuser can only give the table to itself.
        if (!session.role().superuser() && role.oid() != session.role().oid()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + role.name() + "\"");
        }
        redefine(table, table.name(), role.oid(), table.relfilenode(), table.columns());
    }

    // ---- shared steps

    /** 42809 as PostgreSQL for a column form on a relation that is not a table (a sequence). */
    private static DbException notForKind(RelationInfo rel, UtilityStatement.AlterTableAction action) {
        String detail = "This operation is not supported for " + (rel.isSequence() ? "sequences." : "this relation.");
        if (action instanceof UtilityStatement.RenameColumn) {
            return new DbException(SqlState.WRONG_OBJECT_TYPE, "cannot rename columns of relation \"" + rel.name()
                    + "\"").withDetail(detail);
        }
        String form = switch (action) {
            case UtilityStatement.AddColumn a -> "ADD COLUMN";
            case UtilityStatement.DropColumn d -> "DROP COLUMN";
            case UtilityStatement.AlterColumnType t -> "ALTER COLUMN ... SET DATA TYPE";
            case UtilityStatement.AlterColumnDefault d -> d.expression() == null ? "ALTER COLUMN ... DROP DEFAULT"
                    : "ALTER COLUMN ... SET DEFAULT";
            case UtilityStatement.AlterColumnNotNull n -> n.notNull() ? "ALTER COLUMN ... SET NOT NULL"
                    : "ALTER COLUMN ... DROP NOT NULL";
            default -> "ALTER TABLE";
        };
        return new DbException(SqlState.WRONG_OBJECT_TYPE, "ALTER action " + form + " cannot be performed on relation \""
                + rel.name() + "\"").withDetail(detail);
    }

    private static final List<String> SYSTEM_COLUMNS = List.of("tableoid", "cmax", "xmax", "cmin", "xmin", "ctid");

    private ColumnInfo requireColumn(RelationInfo table, String name) {
        ColumnInfo column = table.column(name);
        if (column == null) {
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name()
                    + "\" does not exist");
        }
        return column;
    }

    private static List<ColumnInfo> replace(RelationInfo table, ColumnInfo changed) {
        List<ColumnInfo> columns = new ArrayList<>(table.columns());
        columns.set(changed.attnum() - 1, changed);
        return columns;
    }

    private RelationInfo redefine(RelationInfo table, String name, long owner, int relfilenode,
                                  List<ColumnInfo> columns) {
        return catalog().redefineTable(txn(), table, name, owner, relfilenode, columns);
    }

    /**
     * Creates the new (empty) files of a rewrite in this transaction, for the table and each of its
     * indexes (whose key columns {@code renumber} maps), and points the indexes at theirs; returns the
     * table's new relfilenode, for the caller's {@link #redefine}.
     */
    private int newFiles(RelationInfo table, List<ColumnInfo> columns, IntUnaryOperator renumber) {
        int relfilenode = catalog().newRelfilenode();
        txn().createRelation(relfilenode);
        for (IndexInfo index : table.indexes()) {
            int indexFile = catalog().newRelfilenode();
            txn().createRelation(indexFile);
            catalog().redefineIndex(txn(), index, index.attnums().stream().map(renumber::applyAsInt).toList(),
                    indexFile, columns);
        }
        return relfilenode;
    }

    /** Copies the rows into the new files; the old ones go when the transaction commits. */
    private void rewrite(RelationInfo old, RelationInfo altered, UnaryOperator<Object[]> convert) {
        TableRewrite.rewrite(old, altered, convert, ctx);
        txn().dropRelationOnCommit(old.relfilenode());
        for (IndexInfo index : old.indexes()) {
            txn().dropRelationOnCommit(index.relfilenode());
        }
    }

    private AnalysisContext analysis() {
        return new AnalysisContext(catalog().snapshot(), session.searchPath(), session.role(), session.textFormat());
    }

    private Catalog catalog() {
        return database.catalog();
    }

    private Transaction txn() {
        return session.transaction();
    }
}
