package org.larchdb.engine.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.tx.Transaction;

/**
 * Catalog changes for views, as PostgreSQL records them: a pg_class row (relkind 'v', no file), its
 * pg_attribute rows, a pg_rewrite {@code _RETURN} rule holding the query, and pg_depend rows — the rule on
 * each relation it reads (deptype 'n', whole relation: PostgreSQL records columns too) and on its own view
 * (deptype 'i'). Like every catalog change these run in the caller's transaction under the catalog's write lock.
 */
public final class ViewCatalog {
    private static final int RW_OID = SystemTable.PG_REWRITE.column("oid");
    private static final int RW_CLASS = SystemTable.PG_REWRITE.column("ev_class");
    private static final int RW_ACTION = SystemTable.PG_REWRITE.column("ev_action");
    private static final int DEP_CLASSID = SystemTable.PG_DEPEND.column("classid");
    private static final int DEP_OBJID = SystemTable.PG_DEPEND.column("objid");
    private static final int DEP_REFOBJID = SystemTable.PG_DEPEND.column("refobjid");
    private static final int DEP_TYPE = SystemTable.PG_DEPEND.column("deptype");
    private static final int REL_OID = SystemTable.PG_CLASS.column("oid");
    private static final int ATT_RELID = SystemTable.PG_ATTRIBUTE.column("attrelid");

    private final Catalog catalog;

    public ViewCatalog(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Creates a view; {@code references} are the OIDs of the relations its query reads. */
    public RelationInfo create(Transaction txn, long namespaceOid, String name, long owner, List<ColumnInfo> columns,
                               String definition, List<Long> references) {
        catalog.writeLock.lock();
        try {
            if (catalog.snapshot().relation(namespaceOid, name) != null) {
                throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            }
            txn.onRollback(catalog::reloadAll);
            long oid = catalog.nextOid.getAndIncrement();
            catalog.insertRelationRows(txn, oid, name, namespaceOid, owner, 0, columns, RelationInfo.VIEW);
            insertRule(txn, oid, definition, references);
            catalog.rebuildSnapshot();
            return catalog.snapshot().relation(oid);
        } finally {
            catalog.writeLock.unlock();
        }
    }

    /**
     * CREATE OR REPLACE VIEW on an existing view: new columns (the old ones first, as the caller checked),
     * new query and dependencies; the OID and owner stay.
     */
    public RelationInfo replace(Transaction txn, RelationInfo view, List<ColumnInfo> columns, String definition,
                                List<Long> references) {
        catalog.writeLock.lock();
        try {
            txn.onRollback(catalog::reloadAll);
            dropRows(txn, view);
            catalog.insertRelationRows(txn, view.oid(), view.name(), view.namespaceOid(), view.owner(), 0, columns,
                    RelationInfo.VIEW);
            insertRule(txn, view.oid(), definition, references);
            catalog.rebuildSnapshot();
            return catalog.snapshot().relation(view.oid());
        } finally {
            catalog.writeLock.unlock();
        }
    }

    /** Drops a view's rows (it has no file); the caller has dealt with views that depend on it. */
    public void drop(Transaction txn, RelationInfo view) {
        catalog.writeLock.lock();
        try {
            txn.onRollback(catalog::reloadAll);
            dropRows(txn, view);
            catalog.rebuildSnapshot();
        } finally {
            catalog.writeLock.unlock();
        }
    }

    private void insertRule(Transaction txn, long viewOid, String definition, List<Long> references) {
        long ruleOid = catalog.nextOid.getAndIncrement();
        catalog.insertRow(txn, SystemTable.PG_REWRITE, ruleOid, "_RETURN", viewOid, "1", "O", true, null,
                definition);
        long rewrite = SystemTable.PG_REWRITE.oid();
        long pgClass = SystemTable.PG_CLASS.oid();
        catalog.insertRow(txn, SystemTable.PG_DEPEND, rewrite, ruleOid, 0, pgClass, viewOid, 0, "i");
        for (long ref : references.stream().distinct().toList()) {
            catalog.insertRow(txn, SystemTable.PG_DEPEND, rewrite, ruleOid, 0, pgClass, ref, 0, "n");
        }
    }

    private void dropRows(Transaction txn, RelationInfo view) {
        ViewInfo info = catalog.snapshot().view(view.oid());
        Long oid = view.oid();
        catalog.deleteWhere(txn, SystemTable.PG_CLASS, REL_OID, oid);
        catalog.deleteWhere(txn, SystemTable.PG_ATTRIBUTE, ATT_RELID, oid);
        catalog.deleteWhere(txn, SystemTable.PG_REWRITE, RW_CLASS, oid);
        if (info != null) {
            catalog.deleteWhere(txn, SystemTable.PG_DEPEND, DEP_OBJID, (Long) info.ruleOid());
        }
    }

    /** The views recorded in pg_rewrite and pg_depend rows, for a new catalog snapshot. */
    static Map<Long, ViewInfo> views(List<Map.Entry<Tid, Object[]>> rules, List<Map.Entry<Tid, Object[]>> depends) {
        Map<Long, List<Long>> refsByRule = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : depends) {
            Object[] r = e.getValue();
            if ((Long) r[DEP_CLASSID] == SystemTable.PG_REWRITE.oid() && "n".equals(r[DEP_TYPE])) {
                refsByRule.computeIfAbsent((Long) r[DEP_OBJID], k -> new ArrayList<>()).add((Long) r[DEP_REFOBJID]);
            }
        }
        Map<Long, ViewInfo> views = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : rules) {
            Object[] r = e.getValue();
            long ruleOid = (Long) r[RW_OID];
            long viewOid = (Long) r[RW_CLASS];
            views.put(viewOid, new ViewInfo(viewOid, ruleOid, (String) r[RW_ACTION],
                    refsByRule.getOrDefault(ruleOid, List.of())));
        }
        return Map.copyOf(views);
    }
}
