package org.larchdb.engine;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.IndexBuild;
import org.larchdb.engine.sql.UtilityStatement;

/**
 * ALTER TABLE ... ADD [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols): the unique index filled from the
 * existing rows (duplicates refused), its pg_constraint row, and for a primary key NOT NULL on its columns.
 * The caller holds ACCESS EXCLUSIVE on the table; everything is undone with the transaction.
 */
final class AddKeyCommand {
    private final Session session;
    private final Database database;
    private final ExecContext ctx;

    AddKeyCommand(Session session, Database database, ExecContext ctx) {
        this.session = session;
        this.database = database;
        this.ctx = ctx;
    }

    void add(RelationInfo table, UtilityStatement.KeyConstraint key) {
        if (table.kind() != RelationInfo.TABLE) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + table.name() + "\" is not a table");
        }
        List<ColumnInfo> columns = new ArrayList<>();
        for (String name : key.columns()) {
            ColumnInfo column = table.column(name);
            if (column == null) {
                // PostgreSQL's implied SET NOT NULL of a primary key column reports it first.
                throw new DbException(SqlState.UNDEFINED_COLUMN, key.primary()
                        ? "column \"" + name + "\" of relation \"" + table.name() + "\" does not exist"
                        : "column \"" + name + "\" named in key does not exist");
            }
            if (columns.contains(column)) {
                throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" appears twice in "
                        + (key.primary() ? "primary key" : "unique") + " constraint");
            }
            columns.add(column);
        }
        if (columns.size() > 32) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "cannot use more than 32 columns in an index");
        }
        CatalogSnapshot snapshot = database.catalog().snapshot();
        String name = key.name() != null ? truncate(key.name())
                : chooseName(snapshot, table, columns, key.primary() ? "pkey" : "key");
        if (snapshot.relation(table.namespaceOid(), name) != null) {
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        if (table.constraint(name) != null) {
            throw new DbException(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \""
                    + table.name() + "\" already exists");
        }
        if (key.primary()) {
            for (IndexInfo index : table.indexes()) {
                if (index.primary()) {
                    throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \""
                            + table.name() + "\" are not allowed");
                }
            }
        }
        List<Integer> attnums = columns.stream().map(ColumnInfo::attnum).toList();
        List<Boolean> none = attnums.stream().map(a -> false).toList();
        IndexInfo index = database.catalog().createIndex(session.transaction(), table, name, attnums, none, none,
                true, key.primary());
        // As in PostgreSQL, duplicates are found while the index is built, before the NOT NULL check.
        IndexBuild.build(table, index, ctx);
        database.catalog().addConstraint(session.transaction(), database.catalog().snapshot().relation(table.oid()),
                name, key.primary() ? ConstraintInfo.PRIMARY_KEY : ConstraintInfo.UNIQUE, attnums, index.oid(),
                null, true);
        if (key.primary()) {
            AlterColumnCommands alter = new AlterColumnCommands(session, database, ctx);
            for (ColumnInfo column : columns) {
                // SET NOT NULL scans for NULLs (23502 "column ... contains null values") and marks the column.
                alter.run(database.catalog().snapshot().relation(table.oid()),
                        new UtilityStatement.AlterColumnNotNull(column.name(), true));
            }
        }
    }

    /** PostgreSQL's ChooseRelationName: table_pkey or table_col1_col2_key, numbered until free. */
    private static String chooseName(CatalogSnapshot snapshot, RelationInfo table, List<ColumnInfo> columns,
                                     String suffix) {
        String base = suffix.equals("pkey") ? table.name()
                : table.name() + "_" + String.join("_", columns.stream().map(ColumnInfo::name).toList());
        for (int n = 0; ; n++) {
            String tail = "_" + suffix + (n == 0 ? "" : Integer.toString(n));
            String candidate = (base.length() + tail.length() > 63 ? base.substring(0, 63 - tail.length()) : base)
                    + tail;
            if (snapshot.relation(table.namespaceOid(), candidate) == null) {
                return candidate;
            }
        }
    }

    private static String truncate(String name) {
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
