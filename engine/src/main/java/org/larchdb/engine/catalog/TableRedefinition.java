package org.larchdb.engine.catalog;

import java.util.List;
import java.util.Map;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.tx.Transaction;

/**
 * The catalog rows ALTER TABLE rewrites: a table's pg_class row (name, owner, file, column count)
 * with its pg_attribute and pg_attrdef rows, an index's pg_class/pg_index/pg_attribute rows, and a
 * constraint's conkey/conbin. Called by {@link Catalog} under its write lock, inside the caller's
 * transaction, so every change rolls back with it.
 */
final class TableRedefinition {
    private static final int REL_OID = SystemTable.PG_CLASS.column("oid");
    private static final int REL_NAME = SystemTable.PG_CLASS.column("relname");
    private static final int REL_OWNER = SystemTable.PG_CLASS.column("relowner");
    private static final int REL_FILENODE = SystemTable.PG_CLASS.column("relfilenode");
    private static final int REL_NATTS = SystemTable.PG_CLASS.column("relnatts");
    private static final int ATT_RELID = SystemTable.PG_ATTRIBUTE.column("attrelid");
    private static final int DEF_RELID = SystemTable.PG_ATTRDEF.column("adrelid");
    private static final int IND_INDEXRELID = SystemTable.PG_INDEX.column("indexrelid");
    private static final int IND_NATTS = SystemTable.PG_INDEX.column("indnatts");
    private static final int IND_NKEYATTS = SystemTable.PG_INDEX.column("indnkeyatts");
    private static final int IND_KEY = SystemTable.PG_INDEX.column("indkey");
    private static final int CON_OID = SystemTable.PG_CONSTRAINT.column("oid");
    private static final int CON_KEY = SystemTable.PG_CONSTRAINT.column("conkey");
    private static final int CON_BIN = SystemTable.PG_CONSTRAINT.column("conbin");

    private final Map<SystemTable, CatalogTable> tables;
    private final Transaction txn;

    TableRedefinition(Map<SystemTable, CatalogTable> tables, Transaction txn) {
        this.tables = tables;
        this.txn = txn;
    }

    /** Rewrites the table's pg_class row and replaces its pg_attribute and pg_attrdef rows by {@code columns}. */
    void table(RelationInfo table, String name, long owner, int relfilenode, List<ColumnInfo> columns,
               java.util.function.LongSupplier oids) {
        updateClass(table.oid(), name, owner, relfilenode, columns.size());
        for (IndexInfo index : table.indexes()) {
            updateClass(index.oid(), null, owner, -1, -1); // an index belongs to its table's owner
        }
        delete(SystemTable.PG_ATTRIBUTE, ATT_RELID, table.oid());
        delete(SystemTable.PG_ATTRDEF, DEF_RELID, table.oid());
        for (ColumnInfo c : columns) {
            insertAttribute(table.oid(), c);
            if (c.defaultExpr() != null) {
                tables.get(SystemTable.PG_ATTRDEF).insert(txn, new Object[] {oids.getAsLong(), table.oid(),
                    (short) c.attnum(), c.defaultExpr()});
            }
        }
    }

    /** Points the index at new key columns (attnums of the table) and a new file. */
    void index(IndexInfo index, List<Integer> attnums, int relfilenode, List<ColumnInfo> tableColumns) {
        updateClass(index.oid(), null, -1, relfilenode, attnums.size());
        CatalogTable t = tables.get(SystemTable.PG_INDEX);
        Map.Entry<Tid, Object[]> row = t.find(IND_INDEXRELID, index.oid());
        if (row != null) {
            Object[] values = row.getValue().clone();
            values[IND_NATTS] = (short) attnums.size();
            values[IND_NKEYATTS] = (short) attnums.size();
            values[IND_KEY] = String.join(" ", attnums.stream().map(String::valueOf).toList());
            t.update(txn, row.getKey(), values);
        }
        delete(SystemTable.PG_ATTRIBUTE, ATT_RELID, index.oid());
        for (int i = 0; i < attnums.size(); i++) {
            ColumnInfo c = tableColumns.get(attnums.get(i) - 1);
            insertAttribute(index.oid(), new ColumnInfo(c.name(), c.type(), i + 1, false, null));
        }
    }

    /** Replaces a constraint's columns (conkey) and CHECK expression text (conbin). */
    void constraint(ConstraintInfo c, List<Integer> attnums, String expression) {
        CatalogTable t = tables.get(SystemTable.PG_CONSTRAINT);
        Map.Entry<Tid, Object[]> row = t.find(CON_OID, c.oid());
        if (row != null) {
            Object[] values = row.getValue().clone();
            values[CON_KEY] = new ConstraintInfo(c.oid(), c.name(), c.namespaceOid(), c.type(), c.tableOid(), attnums,
                    c.indexOid(), expression, c.validated()).conkeyText();
            values[CON_BIN] = expression;
            t.update(txn, row.getKey(), values);
        }
    }

    private void updateClass(long oid, String name, long owner, int relfilenode, int natts) {
        CatalogTable t = tables.get(SystemTable.PG_CLASS);
        Map.Entry<Tid, Object[]> row = t.find(REL_OID, oid);
        if (row == null) {
            return;
        }
        Object[] values = row.getValue().clone();
        if (name != null) {
            values[REL_NAME] = name;
        }
        if (owner >= 0) {
            values[REL_OWNER] = owner;
        }
        if (relfilenode >= 0) {
            values[REL_FILENODE] = (long) relfilenode;
        }
        if (natts >= 0) {
            values[REL_NATTS] = (short) natts;
        }
        t.update(txn, row.getKey(), values);
    }

    private void insertAttribute(long relid, ColumnInfo c) {
        tables.get(SystemTable.PG_ATTRIBUTE).insert(txn, new Object[] {relid, c.name(), (long) c.type().oid(),
            (short) c.type().type().typlen(), (short) c.attnum(), c.type().typmod(), c.notNull(),
            c.defaultExpr() != null, false, c.isIdentity() ? String.valueOf(c.identity()) : "", ""});
    }

    private void delete(SystemTable table, int column, Object value) {
        CatalogTable t = tables.get(table);
        for (Map.Entry<Tid, Object[]> e : t.findAll(column, value)) {
            t.delete(txn, e.getKey());
        }
    }
}
