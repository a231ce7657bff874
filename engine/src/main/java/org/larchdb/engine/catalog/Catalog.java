package org.larchdb.engine.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.engine.storage.Storage;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.tx.Transaction;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * The system catalog: bootstraps the system tables in a new data directory, loads them at start,
 * serves immutable {@link CatalogSnapshot}s for name resolution, and performs catalog changes
 * (CREATE/DROP TABLE, CREATE/ALTER/DROP ROLE) inside the caller's transaction.
 */
public final class Catalog {
    /** Well-known OIDs, equal to PostgreSQL's. */
    public static final long PG_CATALOG_NAMESPACE = 11;
    public static final long PUBLIC_NAMESPACE = 2200;
    public static final long BOOTSTRAP_SUPERUSER = 10;
    public static final long TEMPLATE1_DATABASE = 1;
    public static final long POSTGRES_DATABASE = 5;
    /** The transaction id of initdb's catalog rows; normal transactions start after it. */
    public static final long BOOTSTRAP_XID = 1;
    /** First OID handed to user objects, as in PostgreSQL. */
    public static final long FIRST_NORMAL_OID = 16384;

    private static final int REL_OID = SystemTable.PG_CLASS.column("oid");
    private static final int REL_NAME = SystemTable.PG_CLASS.column("relname");
    private static final int REL_NAMESPACE = SystemTable.PG_CLASS.column("relnamespace");
    private static final int REL_OWNER = SystemTable.PG_CLASS.column("relowner");
    private static final int REL_FILENODE = SystemTable.PG_CLASS.column("relfilenode");
    private static final int REL_KIND = SystemTable.PG_CLASS.column("relkind");
    private static final int ATT_RELID = SystemTable.PG_ATTRIBUTE.column("attrelid");
    private static final int ATT_NAME = SystemTable.PG_ATTRIBUTE.column("attname");
    private static final int ATT_TYPID = SystemTable.PG_ATTRIBUTE.column("atttypid");
    private static final int ATT_NUM = SystemTable.PG_ATTRIBUTE.column("attnum");
    private static final int ATT_TYPMOD = SystemTable.PG_ATTRIBUTE.column("atttypmod");
    private static final int ATT_NOTNULL = SystemTable.PG_ATTRIBUTE.column("attnotnull");
    private static final int ATT_ISDROPPED = SystemTable.PG_ATTRIBUTE.column("attisdropped");
    private static final int ATT_IDENTITY = SystemTable.PG_ATTRIBUTE.column("attidentity");
    private static final int ATT_HASDEF = SystemTable.PG_ATTRIBUTE.column("atthasdef");
    private static final int SEQ_RELID = SystemTable.PG_SEQUENCE.column("seqrelid");
    private static final int DEP_OBJID = SystemTable.PG_DEPEND.column("objid");
    private static final int DEP_REFOBJID = SystemTable.PG_DEPEND.column("refobjid");
    private static final int DEF_RELID = SystemTable.PG_ATTRDEF.column("adrelid");
    private static final int DEF_NUM = SystemTable.PG_ATTRDEF.column("adnum");
    private static final int DEF_BIN = SystemTable.PG_ATTRDEF.column("adbin");
    private static final int ROL_OID = SystemTable.PG_AUTHID.column("oid");
    private static final int IND_INDEXRELID = SystemTable.PG_INDEX.column("indexrelid");
    private static final int IND_INDRELID = SystemTable.PG_INDEX.column("indrelid");
    /** pg_am OID of btree, as in PostgreSQL. */
    private static final long BTREE_AM = 403;
    private static final long HEAP_AM = 2;
    private static final int ROL_NAME = SystemTable.PG_AUTHID.column("rolname");
    private static final int REL_CHECKS = SystemTable.PG_CLASS.column("relchecks");
    private static final int CON_OID = SystemTable.PG_CONSTRAINT.column("oid");
    private static final int CON_NAME = SystemTable.PG_CONSTRAINT.column("conname");
    private static final int CON_NAMESPACE = SystemTable.PG_CONSTRAINT.column("connamespace");
    private static final int CON_TYPE = SystemTable.PG_CONSTRAINT.column("contype");
    private static final int CON_VALIDATED = SystemTable.PG_CONSTRAINT.column("convalidated");
    private static final int CON_RELID = SystemTable.PG_CONSTRAINT.column("conrelid");
    private static final int CON_INDID = SystemTable.PG_CONSTRAINT.column("conindid");
    private static final int CON_KEY = SystemTable.PG_CONSTRAINT.column("conkey");
    private static final int CON_BIN = SystemTable.PG_CONSTRAINT.column("conbin");
    private static final int CON_DEFERRABLE = SystemTable.PG_CONSTRAINT.column("condeferrable");
    private static final int CON_DEFERRED = SystemTable.PG_CONSTRAINT.column("condeferred");
    private static final int CON_FRELID = SystemTable.PG_CONSTRAINT.column("confrelid");
    private static final int CON_FUPDTYPE = SystemTable.PG_CONSTRAINT.column("confupdtype");
    private static final int CON_FDELTYPE = SystemTable.PG_CONSTRAINT.column("confdeltype");
    private static final int CON_FMATCHTYPE = SystemTable.PG_CONSTRAINT.column("confmatchtype");
    private static final int CON_FKEY = SystemTable.PG_CONSTRAINT.column("confkey");
    private static final int CON_FDELSETCOLS = SystemTable.PG_CONSTRAINT.column("confdelsetcols");
    private static final int NSP_OID = SystemTable.PG_NAMESPACE.column("oid");
    private static final int CON_REFERENCED_TABLE = SystemTable.PG_CONSTRAINT.column("confrelid");
    private static final int DESC_OBJOID = SystemTable.PG_DESCRIPTION.column("objoid");
    private static final int DESC_CLASSOID = SystemTable.PG_DESCRIPTION.column("classoid");
    private static final int DESC_OBJSUBID = SystemTable.PG_DESCRIPTION.column("objsubid");
    private static final int DESC_TEXT = SystemTable.PG_DESCRIPTION.column("description");

    private final Storage storage;
    private final Map<SystemTable, CatalogTable> tables = new EnumMap<>(SystemTable.class);
    final ReentrantLock writeLock = new ReentrantLock();
    final AtomicLong nextOid = new AtomicLong(FIRST_NORMAL_OID);
    private volatile CatalogSnapshot snapshot;

    private Catalog(Storage storage) {
        this.storage = storage;
        for (SystemTable t : SystemTable.values()) {
            tables.put(t, new CatalogTable(t, storage.heap(t.oid())));
        }
    }

    /** Creates and fills the system tables of a new data directory. */
    public static void bootstrap(Storage storage, String superuserName, String passwordVerifier) {
        for (SystemTable t : SystemTable.values()) {
            storage.createRelation(t.oid());
        }
        Catalog catalog = new Catalog(storage);
        Transaction txn = new Transaction(BOOTSTRAP_XID, storage);
        catalog.insertRow(txn, SystemTable.PG_NAMESPACE, PG_CATALOG_NAMESPACE, "pg_catalog", BOOTSTRAP_SUPERUSER);
        catalog.insertRow(txn, SystemTable.PG_NAMESPACE, PUBLIC_NAMESPACE, "public", BOOTSTRAP_SUPERUSER);
        catalog.insertRow(txn, SystemTable.PG_AUTHID, BOOTSTRAP_SUPERUSER, superuserName, true, true, true, true,
                true, true, true, -1, passwordVerifier, null);
        for (long[] db : new long[][] {{TEMPLATE1_DATABASE, 1}, {POSTGRES_DATABASE, 0}}) {
            String name = db[0] == TEMPLATE1_DATABASE ? "template1" : "postgres";
            catalog.insertRow(txn, SystemTable.PG_DATABASE, db[0], name, BOOTSTRAP_SUPERUSER, 6, "c",
                    db[1] == 1, true, -1, "C.UTF-8", "C.UTF-8");
        }
        for (PgType t : PgType.values()) {
            catalog.insertTypeRows(txn, t);
        }
        for (SystemTable t : SystemTable.values()) {
            List<ColumnInfo> cols = new ArrayList<>();
            for (int i = 0; i < t.columns().size(); i++) {
                SystemColumn c = t.columns().get(i);
                cols.add(new ColumnInfo(c.name(), c.type(), i + 1, true, null));
            }
            catalog.insertRelationRows(txn, t.oid(), t.relname(), PG_CATALOG_NAMESPACE, BOOTSTRAP_SUPERUSER,
                    t.oid(), cols, RelationInfo.TABLE);
        }
        txn.commit();
        storage.flushAll();
    }

    /** Loads the catalog of an initialised data directory. */
    public static Catalog load(Storage storage) {
        for (SystemTable t : SystemTable.values()) {
            // A data directory made before a system table existed gains it empty.
            if (!storage.relationExists(t.oid())) {
                storage.createRelation(t.oid());
            }
        }
        Catalog catalog = new Catalog(storage);
        catalog.reloadAll();
        return catalog;
    }

    /** The current snapshot of catalog objects. */
    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    // ---- changes (each runs inside the caller's transaction, under the catalog write lock)

    /** Creates a table and its file; both disappear again if the transaction rolls back. */
    public RelationInfo createTable(Transaction txn, long namespaceOid, String name, long owner,
                                    List<ColumnInfo> columns) {
        writeLock.lock();
        try {
            if (snapshot.relation(namespaceOid, name) != null) {
                throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            }
            long oid = nextOid.getAndIncrement();
            txn.createRelation((int) oid); // logged: rollback and recovery remove the file again
            txn.onRollback(this::reloadAll);
            insertRelationRows(txn, oid, name, namespaceOid, owner, (int) oid, columns, RelationInfo.TABLE);
            for (ColumnInfo c : columns) {
                if (c.defaultExpr() != null) {
                    insertRow(txn, SystemTable.PG_ATTRDEF, nextOid.getAndIncrement(), oid, (short) c.attnum(),
                            c.defaultExpr());
                }
            }
            rebuildSnapshot();
            return snapshot.relation(oid);
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops a table: its catalog rows now, its file when the transaction commits. */
    public void dropTable(Transaction txn, RelationInfo rel) {
        writeLock.lock();
        try {
            Long oid = rel.oid();
            txn.onRollback(this::reloadAll);
            for (IndexInfo index : rel.indexes()) {
                dropIndexRows(txn, index);
            }
            // Sequences owned by the table's columns (serial, identity) go with it, as in PostgreSQL.
            for (SequenceInfo seq : snapshot.sequencesByOid().values()) {
                RelationInfo owned = snapshot.relation(seq.oid());
                if (seq.ownerTable() == oid && owned != null) {
                    dropSequenceRows(txn, owned);
                }
            }
            deleteWhere(txn, SystemTable.PG_CLASS, REL_OID, oid);
            deleteWhere(txn, SystemTable.PG_ATTRIBUTE, ATT_RELID, oid);
            deleteWhere(txn, SystemTable.PG_ATTRDEF, DEF_RELID, oid);
            deleteWhere(txn, SystemTable.PG_CONSTRAINT, CON_RELID, oid);
            deleteWhere(txn, SystemTable.PG_DEPEND, DEP_REFOBJID, oid);
            deleteWhere(txn, SystemTable.PG_DESCRIPTION, DESC_OBJOID, oid);
            int relfilenode = rel.relfilenode();
            txn.dropRelationOnCommit(relfilenode); // listed in the Commit record
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Creates a sequence: its pg_class row (relkind 'S', columns last_value, log_cnt, is_called), its
     * pg_sequence row, its owner's pg_depend row, and its empty relation file; the caller stores the
     * first state tuple. All disappear again if the transaction rolls back.
     */
    public RelationInfo createSequence(Transaction txn, long namespaceOid, String name, long owner,
                                       SequenceInfo parameters) {
        writeLock.lock();
        try {
            if (snapshot.relation(namespaceOid, name) != null) {
                throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            }
            long oid = nextOid.getAndIncrement();
            txn.createRelation((int) oid);
            txn.onRollback(this::reloadAll);
            insertRelationRows(txn, oid, name, namespaceOid, owner, (int) oid, SEQUENCE_COLUMNS,
                    RelationInfo.SEQUENCE);
            insertSequenceRows(txn, parameters.withOid(oid));
            rebuildSnapshot();
            return snapshot.relation(oid);
        } finally {
            writeLock.unlock();
        }
    }

    /** The columns of a sequence relation, PostgreSQL's. */
    public static final List<ColumnInfo> SEQUENCE_COLUMNS = List.of(
            new ColumnInfo("last_value", DataType.INT8, 1, true, null),
            new ColumnInfo("log_cnt", DataType.INT8, 2, true, null),
            new ColumnInfo("is_called", DataType.BOOL, 3, true, null));

    /** Replaces a sequence's parameters and owner (ALTER SEQUENCE), transactionally. */
    public void alterSequence(Transaction txn, SequenceInfo parameters) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            deleteWhere(txn, SystemTable.PG_SEQUENCE, SEQ_RELID, parameters.oid());
            deleteWhere(txn, SystemTable.PG_DEPEND, DEP_OBJID, parameters.oid());
            insertSequenceRows(txn, parameters);
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops a sequence: its catalog rows now, its file when the transaction commits. */
    public void dropSequence(Transaction txn, RelationInfo sequence) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            dropSequenceRows(txn, sequence);
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes a column's DEFAULT (DROP SEQUENCE ... CASCADE dropping a default that uses the sequence). */
    public void dropColumnDefault(Transaction txn, RelationInfo table, int attnum) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            CatalogTable defs = tables.get(SystemTable.PG_ATTRDEF);
            for (Map.Entry<Tid, Object[]> e : defs.findAll(DEF_RELID, table.oid())) {
                if ((Short) e.getValue()[DEF_NUM] == attnum) {
                    defs.delete(txn, e.getKey());
                }
            }
            CatalogTable atts = tables.get(SystemTable.PG_ATTRIBUTE);
            for (Map.Entry<Tid, Object[]> e : atts.findAll(ATT_RELID, table.oid())) {
                if ((Short) e.getValue()[ATT_NUM] == attnum) {
                    Object[] row = e.getValue().clone();
                    row[ATT_HASDEF] = false;
                    atts.update(txn, e.getKey(), row);
                }
            }
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    private void insertSequenceRows(Transaction txn, SequenceInfo p) {
        insertRow(txn, SystemTable.PG_SEQUENCE, p.oid(), (long) p.type().oid(), p.start(), p.increment(), p.max(),
                p.min(), p.cache(), p.cycle());
        if (p.ownerTable() != 0) {
            insertRow(txn, SystemTable.PG_DEPEND, (long) SystemTable.PG_CLASS.oid(), p.oid(), 0,
                    (long) SystemTable.PG_CLASS.oid(), p.ownerTable(), p.ownerColumn(),
                    String.valueOf(p.ownerDependency()));
        }
    }

    private void dropSequenceRows(Transaction txn, RelationInfo sequence) {
        Long oid = sequence.oid();
        deleteWhere(txn, SystemTable.PG_CLASS, REL_OID, oid);
        deleteWhere(txn, SystemTable.PG_ATTRIBUTE, ATT_RELID, oid);
        deleteWhere(txn, SystemTable.PG_SEQUENCE, SEQ_RELID, oid);
        deleteWhere(txn, SystemTable.PG_DEPEND, DEP_OBJID, oid);
        deleteWhere(txn, SystemTable.PG_DESCRIPTION, DESC_OBJOID, oid);
        txn.dropRelationOnCommit(sequence.relfilenode());
    }

    /**
     * Creates an index's catalog rows and its (empty) relation file; the caller fills the index.
     * Both disappear again if the transaction rolls back.
     */
    public IndexInfo createIndex(Transaction txn, RelationInfo table, String name, List<Integer> attnums,
                                 List<Boolean> descending, List<Boolean> nullsFirst, boolean unique, boolean primary) {
        writeLock.lock();
        try {
            if (snapshot.relation(table.namespaceOid(), name) != null) {
                throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            }
            long oid = nextOid.getAndIncrement();
            txn.createRelation((int) oid); // logged: rollback and recovery remove the file again
            txn.onRollback(this::reloadAll);
            List<ColumnInfo> keyColumns = new ArrayList<>();
            for (int i = 0; i < attnums.size(); i++) {
                ColumnInfo c = table.columns().get(attnums.get(i) - 1);
                keyColumns.add(new ColumnInfo(c.name(), c.type(), i + 1, false, null));
            }
            IndexInfo index = new IndexInfo(oid, name, table.oid(), (int) oid, unique, primary, attnums, descending,
                    nullsFirst);
            insertRelationRows(txn, oid, name, table.namespaceOid(), table.owner(), (int) oid, keyColumns,
                    RelationInfo.INDEX);
            insertRow(txn, SystemTable.PG_INDEX, oid, table.oid(), (short) attnums.size(), (short) attnums.size(),
                    unique, primary, true, index.indkeyText(), index.indoptionText());
            rebuildSnapshot();
            return index;
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops an index: its catalog rows now, its file when the transaction commits. */
    public void dropIndex(Transaction txn, IndexInfo index) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            dropIndexRows(txn, index);
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    private void dropIndexRows(Transaction txn, IndexInfo index) {
        Long oid = index.oid();
        deleteWhere(txn, SystemTable.PG_CLASS, REL_OID, oid);
        deleteWhere(txn, SystemTable.PG_ATTRIBUTE, ATT_RELID, oid);
        deleteWhere(txn, SystemTable.PG_INDEX, IND_INDEXRELID, oid);
        deleteWhere(txn, SystemTable.PG_DESCRIPTION, DESC_OBJOID, oid);
        int relfilenode = index.relfilenode();
        txn.dropRelationOnCommit(relfilenode); // listed in the Commit record
    }

    /**
     * Adds a constraint of a table (pg_constraint row; for CHECK also pg_class.relchecks). The caller has
     * chosen a free name and, for key constraints, created the index ({@code indexOid}).
     */
    public ConstraintInfo addConstraint(Transaction txn, RelationInfo table, String name, char type,
                                        List<Integer> attnums, long indexOid, String expression, boolean validated) {
        writeLock.lock();
        try {
            RelationInfo current = snapshot.relation(table.oid());
            if (current == null) {
                throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + table.name() + "\" does not exist");
            }
            if (current.constraint(name) != null) {
                throw new DbException(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \""
                        + table.name() + "\" already exists");
            }
            long oid = nextOid.getAndIncrement();
            txn.onRollback(this::reloadAll);
            ConstraintInfo c = new ConstraintInfo(oid, name, table.namespaceOid(), type, table.oid(), attnums,
                    indexOid, expression, validated);
            insertRow(txn, SystemTable.PG_CONSTRAINT, oid, name, table.namespaceOid(), String.valueOf(type), false,
                    false, validated, table.oid(), 0L, indexOid, 0L, 0L, " ", " ", " ", true, (short) 0, false,
                    c.conkeyText(), null, null, expression);
            if (c.isCheck()) {
                setRelchecks(txn, table.oid(), current.checks().size() + 1);
            }
            rebuildSnapshot();
            return c;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Adds a FOREIGN KEY of {@code table} (pg_constraint row, contype 'f'); {@code indexOid} is the
     * referenced table's unique index. The caller has chosen a free name and checked the definition.
     */
    public ConstraintInfo addForeignKey(Transaction txn, RelationInfo table, String name, List<Integer> attnums,
                                        long indexOid, ForeignKeyInfo fk, boolean validated) {
        writeLock.lock();
        try {
            RelationInfo current = snapshot.relation(table.oid());
            if (current == null) {
                throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + table.name() + "\" does not exist");
            }
            if (current.constraint(name) != null) {
                throw new DbException(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \""
                        + table.name() + "\" already exists");
            }
            long oid = nextOid.getAndIncrement();
            txn.onRollback(this::reloadAll);
            ConstraintInfo c = new ConstraintInfo(oid, name, table.namespaceOid(), ConstraintInfo.FOREIGN_KEY,
                    table.oid(), attnums, indexOid, null, validated, fk);
            insertRow(txn, SystemTable.PG_CONSTRAINT, oid, name, table.namespaceOid(), "f", fk.deferrable(),
                    fk.initiallyDeferred(), validated, table.oid(), 0L, indexOid, 0L, fk.referencedTableOid(),
                    String.valueOf(fk.updateAction()), String.valueOf(fk.deleteAction()),
                    String.valueOf(fk.matchType()), true, (short) 0, true, c.conkeyText(),
                    ConstraintInfo.int2ArrayText(fk.referencedAttnums()),
                    fk.deleteSetAttnums().isEmpty() ? null : ConstraintInfo.int2ArrayText(fk.deleteSetAttnums()),
                    null);
            rebuildSnapshot();
            return c;
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops a constraint; a key constraint's index goes with it (its file when the transaction commits). */
    public void dropConstraint(Transaction txn, ConstraintInfo constraint) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            deleteWhere(txn, SystemTable.PG_CONSTRAINT, CON_OID, constraint.oid());
            RelationInfo table = snapshot.relation(constraint.tableOid());
            if (constraint.isCheck() && table != null) {
                setRelchecks(txn, table.oid(), table.checks().size() - 1);
            }
            // A foreign key's conindid is the referenced table's index, which is not its to drop.
            if (constraint.indexOid() != 0 && table != null && !constraint.isForeignKey()) {
                for (IndexInfo index : table.indexes()) {
                    if (index.oid() == constraint.indexOid()) {
                        dropIndexRows(txn, index);
                    }
                }
            }
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    private void setRelchecks(Transaction txn, long tableOid, int count) {
        CatalogTable t = tables.get(SystemTable.PG_CLASS);
        Map.Entry<Tid, Object[]> row = t.find(REL_OID, tableOid);
        if (row != null) {
            Object[] values = row.getValue().clone();
            values[REL_CHECKS] = (short) count;
            t.update(txn, row.getKey(), values);
        }
    }

    // ---- ALTER TABLE (rows rewritten by TableRedefinition)

    /** A fresh relfilenode for a table or index ALTER TABLE rewrites into a new file. */
    public int newRelfilenode() {
        return (int) nextOid.getAndIncrement();
    }

    /**
     * ALTER TABLE: gives the table a new name, owner, file and column list (pg_class, pg_attribute,
     * pg_attrdef rows); 42P07 when the new name is taken in the schema.
     */
    public RelationInfo redefineTable(Transaction txn, RelationInfo table, String name, long owner, int relfilenode,
                                      List<ColumnInfo> columns) {
        writeLock.lock();
        try {
            if (!name.equals(table.name()) && snapshot.relation(table.namespaceOid(), name) != null) {
                throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            }
            txn.onRollback(this::reloadAll);
            new TableRedefinition(tables, txn).table(table, name, owner, relfilenode, columns,
                    nextOid::getAndIncrement);
            rebuildSnapshot();
            return snapshot.relation(table.oid());
        } finally {
            writeLock.unlock();
        }
    }

    /** ALTER TABLE: points an index at new key columns (table attnums of {@code tableColumns}) and a new file. */
    public void redefineIndex(Transaction txn, IndexInfo index, List<Integer> attnums, int relfilenode,
                              List<ColumnInfo> tableColumns) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            new TableRedefinition(tables, txn).index(index, attnums, relfilenode, tableColumns);
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    /** ALTER TABLE: replaces a constraint's columns and CHECK expression text (renamed or renumbered columns). */
    public void redefineConstraint(Transaction txn, ConstraintInfo constraint, List<Integer> attnums,
                                   String expression) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            new TableRedefinition(tables, txn).constraint(constraint, attnums, expression);
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    /** Creates a schema (pg_namespace row). */
    public NamespaceInfo createNamespace(Transaction txn, String name, long owner) {
        writeLock.lock();
        try {
            if (snapshot.namespace(name) != null) {
                throw new DbException(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
            }
            long oid = nextOid.getAndIncrement();
            txn.onRollback(this::reloadAll);
            insertRow(txn, SystemTable.PG_NAMESPACE, oid, name, owner);
            rebuildSnapshot();
            return snapshot.namespace(name);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * TRUNCATE: gives a table or index a new, empty relation file (a new relfilenode, as PostgreSQL
     * does). The old file is removed when the transaction commits; on rollback the new one goes and
     * pg_class names the old one again. Returns the new relfilenode.
     */
    public int assignNewRelfilenode(Transaction txn, long relationOid) {
        writeLock.lock();
        try {
            CatalogTable classes = tables.get(SystemTable.PG_CLASS);
            Map.Entry<Tid, Object[]> e = classes.find(REL_OID, relationOid);
            if (e == null) {
                throw new IllegalStateException("no pg_class row for " + relationOid);
            }
            int node = (int) nextOid.getAndIncrement();
            txn.createRelation(node); // logged: rollback and recovery remove the file again
            txn.onRollback(this::reloadAll);
            Object[] row = e.getValue().clone();
            int old = (int) (long) (Long) row[REL_FILENODE];
            row[REL_FILENODE] = (long) node;
            classes.update(txn, e.getKey(), row);
            txn.dropRelationOnCommit(old); // listed in the Commit record
            rebuildSnapshot();
            return node;
        } finally {
            writeLock.unlock();
        }
    }

    /** The tables with a FOREIGN KEY constraint (contype 'f') referencing {@code tableOid}, in OID order. */
    public List<Long> referencingTables(long tableOid) {
        writeLock.lock();
        try {
            java.util.TreeSet<Long> out = new java.util.TreeSet<>();
            for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_CONSTRAINT).rows()) {
                Object[] r = e.getValue();
                if ("f".equals(r[CON_TYPE]) && Long.valueOf(tableOid).equals(r[CON_REFERENCED_TABLE])) {
                    out.add((Long) r[CON_RELID]);
                }
            }
            return List.copyOf(out);
        } finally {
            writeLock.unlock();
        }
    }

    /** COMMENT ON: sets ({@code text} non-null) or removes the pg_description row of an object. */
    public void setDescription(Transaction txn, long objoid, long classoid, int objsubid, String text) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            CatalogTable descriptions = tables.get(SystemTable.PG_DESCRIPTION);
            for (Map.Entry<Tid, Object[]> e : descriptions.findAll(DESC_OBJOID, objoid)) {
                Object[] r = e.getValue();
                if (r[DESC_CLASSOID].equals(classoid) && r[DESC_OBJSUBID].equals(objsubid)) {
                    descriptions.delete(txn, e.getKey());
                }
            }
            if (text != null) {
                insertRow(txn, SystemTable.PG_DESCRIPTION, objoid, classoid, objsubid, text);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The comment on an object (obj_description, col_description), or null; {@code catalog} names the
     * system catalog the object lives in ("pg_class"), null for any.
     */
    public String description(long objoid, String catalog, int objsubid) {
        Long classoid = null;
        if (catalog != null) {
            RelationInfo rel = snapshot.relation(PG_CATALOG_NAMESPACE, catalog);
            if (rel == null) {
                return null;
            }
            classoid = rel.oid();
        }
        writeLock.lock();
        try {
            for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_DESCRIPTION).findAll(DESC_OBJOID, objoid)) {
                Object[] r = e.getValue();
                if ((classoid == null || r[DESC_CLASSOID].equals(classoid)) && r[DESC_OBJSUBID].equals(objsubid)) {
                    return (String) r[DESC_TEXT];
                }
            }
            return null;
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops a schema's pg_namespace row; the caller has dropped the objects in it first. */
    public void dropNamespace(Transaction txn, NamespaceInfo namespace) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            deleteWhere(txn, SystemTable.PG_NAMESPACE, NSP_OID, namespace.oid());
            deleteWhere(txn, SystemTable.PG_DESCRIPTION, DESC_OBJOID, namespace.oid());
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    /** Creates a role (pg_authid row). */
    public RoleInfo createRole(Transaction txn, RoleInfo role) {
        writeLock.lock();
        try {
            if (snapshot.role(role.name()) != null) {
                throw new DbException(SqlState.DUPLICATE_OBJECT, "role \"" + role.name() + "\" already exists");
            }
            long oid = nextOid.getAndIncrement();
            txn.onRollback(this::reloadAll);
            insertRow(txn, SystemTable.PG_AUTHID, roleRow(oid, role));
            rebuildSnapshot();
            return snapshot.role(oid);
        } finally {
            writeLock.unlock();
        }
    }

    /** Replaces a role's attributes (same oid and name unless renamed by the caller). */
    public void alterRole(Transaction txn, RoleInfo role) {
        writeLock.lock();
        try {
            CatalogTable t = tables.get(SystemTable.PG_AUTHID);
            Map.Entry<Tid, Object[]> row = t.find(ROL_OID, role.oid());
            if (row == null) {
                throw new DbException(SqlState.UNDEFINED_OBJECT, "role \"" + role.name() + "\" does not exist");
            }
            txn.onRollback(this::reloadAll);
            t.update(txn, row.getKey(), roleRow(role.oid(), role));
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    public void dropRole(Transaction txn, RoleInfo role) {
        writeLock.lock();
        try {
            txn.onRollback(this::reloadAll);
            deleteWhere(txn, SystemTable.PG_AUTHID, ROL_OID, role.oid());
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- rows

    private static Object[] roleRow(long oid, RoleInfo r) {
        return new Object[] {oid, r.name(), r.superuser(), r.inherit(), r.createRole(), r.createDb(), r.canLogin(),
            false, false, r.connectionLimit(), r.password(), r.validUntil()};
    }

    private void insertTypeRows(Transaction txn, PgType t) {
        if (t.isArray()) {
            return; // written with its element type below
        }
        boolean byVal = t.typlen() == 1 || t.typlen() == 2 || t.typlen() == 4 || t.typlen() == 8;
        String category = switch (t.category()) {
            case BOOLEAN -> "B";
            case NUMERIC -> "N";
            case STRING -> "S";
            case DATETIME -> "D";
            case TIMESPAN -> "T";
            case USER -> "U";
            case ARRAY -> "A";
            case UNKNOWN -> "X";
        };
        boolean preferred = t == PgType.BOOL || t == PgType.FLOAT8 || t == PgType.TEXT || t == PgType.TIMESTAMPTZ
                || t == PgType.OID || t == PgType.INTERVAL;
        String typtype = t == PgType.UNKNOWN ? "p" : "b";
        insertRow(txn, SystemTable.PG_TYPE, (long) t.oid(), t.typname(), PG_CATALOG_NAMESPACE, BOOTSTRAP_SUPERUSER,
                (short) t.typlen(), byVal, typtype, category, preferred, true, ",", 0L, 0L, (long) t.arrayOid(),
                t.typname() + "in", t.typname() + "out", false, 0L, -1, 0);
        if (t.arrayOid() != 0) {
            insertRow(txn, SystemTable.PG_TYPE, (long) t.arrayOid(), "_" + t.typname(), PG_CATALOG_NAMESPACE,
                    BOOTSTRAP_SUPERUSER, (short) -1, false, "b", "A", false, true, ",", 0L, (long) t.oid(), 0L,
                    "array_in", "array_out", false, 0L, -1, 0);
        }
    }

    void insertRelationRows(Transaction txn, long oid, String name, long namespaceOid, long owner,
                                    int relfilenode, List<ColumnInfo> columns, char kind) {
        insertRow(txn, SystemTable.PG_CLASS, oid, name, namespaceOid, 0L, owner,
                kind == RelationInfo.INDEX ? BTREE_AM : kind == RelationInfo.TABLE ? HEAP_AM : 0L, (long) relfilenode, -1.0f, false, false, "p",
                String.valueOf(kind), (short) columns.size(), (short) 0, false, false, false, false);
        for (ColumnInfo c : columns) {
            insertRow(txn, SystemTable.PG_ATTRIBUTE, oid, c.name(), (long) c.type().oid(),
                    (short) c.type().type().typlen(), (short) c.attnum(), c.type().typmod(), c.notNull(),
                    c.defaultExpr() != null, false, c.isIdentity() ? String.valueOf(c.identity()) : "", "");
        }
    }

    void insertRow(Transaction txn, SystemTable table, Object... values) {
        tables.get(table).insert(txn, values);
    }

    void deleteWhere(Transaction txn, SystemTable table, int column, Object value) {
        CatalogTable t = tables.get(table);
        for (Map.Entry<Tid, Object[]> e : t.findAll(column, value)) {
            t.delete(txn, e.getKey());
        }
    }

    // ---- loading

    void reloadAll() {
        writeLock.lock();
        try {
            long maxOid = FIRST_NORMAL_OID - 1;
            for (CatalogTable t : tables.values()) {
                t.reload();
                if (t.table().columns().get(0).name().equals("oid")) {
                    for (Map.Entry<Tid, Object[]> e : t.rows()) {
                        maxOid = Math.max(maxOid, (Long) e.getValue()[0]);
                        if (t.table() == SystemTable.PG_CLASS) {
                            // A truncated relation's file number came from the OID counter too.
                            maxOid = Math.max(maxOid, (Long) e.getValue()[REL_FILENODE]);
                        }
                    }
                }
            }
            // ALTER TABLE rewrites give a relation a file numbered from the OID counter too.
            for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_CLASS).rows()) {
                maxOid = Math.max(maxOid, (Long) e.getValue()[REL_FILENODE]);
            }
            nextOid.accumulateAndGet(maxOid + 1, Math::max);
            rebuildSnapshot();
        } finally {
            writeLock.unlock();
        }
    }

    void rebuildSnapshot() {
        Map<String, NamespaceInfo> nsByName = new HashMap<>();
        Map<Long, NamespaceInfo> nsByOid = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_NAMESPACE).rows()) {
            Object[] r = e.getValue();
            NamespaceInfo ns = new NamespaceInfo((Long) r[0], (String) r[1], (Long) r[2]);
            nsByName.put(ns.name(), ns);
            nsByOid.put(ns.oid(), ns);
        }
        Map<Long, List<ColumnInfo>> columns = new HashMap<>();
        Map<Long, Map<Integer, String>> defaults = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_ATTRDEF).rows()) {
            Object[] r = e.getValue();
            defaults.computeIfAbsent((Long) r[DEF_RELID], k -> new HashMap<>())
                    .put((int) (Short) r[DEF_NUM], (String) r[DEF_BIN]);
        }
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_ATTRIBUTE).rows()) {
            Object[] r = e.getValue();
            if ((Boolean) r[ATT_ISDROPPED]) {
                continue;
            }
            long relid = (Long) r[ATT_RELID];
            int attnum = (Short) r[ATT_NUM];
            PgType type = PgType.byOid((int) (long) (Long) r[ATT_TYPID]);
            String def = defaults.getOrDefault(relid, Map.of()).get(attnum);
            String identity = (String) r[ATT_IDENTITY];
            columns.computeIfAbsent(relid, k -> new ArrayList<>()).add(new ColumnInfo((String) r[ATT_NAME],
                    new DataType(type, (Integer) r[ATT_TYPMOD]), attnum, (Boolean) r[ATT_NOTNULL], def,
                    identity == null || identity.isEmpty() ? ColumnInfo.NO_IDENTITY : identity.charAt(0)));
        }
        Map<Long, Object[]> classRows = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_CLASS).rows()) {
            classRows.put((Long) e.getValue()[REL_OID], e.getValue());
        }
        Map<Long, List<IndexInfo>> indexesByTable = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_INDEX).rows()) {
            Object[] r = e.getValue();
            Object[] indexClass = classRows.get((Long) r[IND_INDEXRELID]);
            if (indexClass == null) {
                continue;
            }
            indexesByTable.computeIfAbsent((Long) r[IND_INDRELID], k -> new ArrayList<>()).add(IndexInfo.fromRow(
                    (Long) r[IND_INDEXRELID], (String) indexClass[REL_NAME], (Long) r[IND_INDRELID],
                    (int) (long) (Long) indexClass[REL_FILENODE], (Boolean) r[4], (Boolean) r[5], (String) r[7],
                    (String) r[8]));
        }
        indexesByTable.values().forEach(list -> list.sort((a, b) -> Long.compare(a.oid(), b.oid())));
        Map<Long, List<ConstraintInfo>> constraintsByTable = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_CONSTRAINT).rows()) {
            Object[] r = e.getValue();
            char type = ((String) r[CON_TYPE]).charAt(0);
            ForeignKeyInfo fk = type != ConstraintInfo.FOREIGN_KEY ? null : new ForeignKeyInfo(
                    (Long) r[CON_FRELID], ConstraintInfo.parseConkey((String) r[CON_FKEY]),
                    ((String) r[CON_FUPDTYPE]).charAt(0), ((String) r[CON_FDELTYPE]).charAt(0),
                    ((String) r[CON_FMATCHTYPE]).charAt(0), ConstraintInfo.parseConkey((String) r[CON_FDELSETCOLS]),
                    (Boolean) r[CON_DEFERRABLE], (Boolean) r[CON_DEFERRED]);
            ConstraintInfo c = new ConstraintInfo((Long) r[CON_OID], (String) r[CON_NAME], (Long) r[CON_NAMESPACE],
                    type, (Long) r[CON_RELID],
                    ConstraintInfo.parseConkey((String) r[CON_KEY]), (Long) r[CON_INDID], (String) r[CON_BIN],
                    (Boolean) r[CON_VALIDATED], fk);
            constraintsByTable.computeIfAbsent(c.tableOid(), k -> new ArrayList<>()).add(c);
        }
        // PostgreSQL tests CHECK constraints in name order, so the one reported is predictable.
        constraintsByTable.values().forEach(list -> list.sort((a, b) -> a.name().compareTo(b.name())));
        Map<Long, RelationInfo> relByOid = new HashMap<>();
        Map<Long, Map<String, RelationInfo>> relByNs = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_CLASS).rows()) {
            Object[] r = e.getValue();
            long oid = (Long) r[REL_OID];
            long nsOid = (Long) r[REL_NAMESPACE];
            List<ColumnInfo> cols = new ArrayList<>(columns.getOrDefault(oid, List.of()));
            cols.sort((a, b) -> Integer.compare(a.attnum(), b.attnum()));
            SystemTable system = null;
            for (SystemTable t : SystemTable.values()) {
                if (t.oid() == oid) {
                    system = t;
                }
            }
            NamespaceInfo ns = nsByOid.get(nsOid);
            RelationInfo rel = new RelationInfo(oid, (String) r[REL_NAME], nsOid, ns == null ? "?" : ns.name(),
                    (Long) r[REL_OWNER], ((String) r[REL_KIND]).charAt(0), (int) (long) (Long) r[REL_FILENODE], cols,
                    system, indexesByTable.getOrDefault(oid, List.of()), constraintsByTable.getOrDefault(oid, List.of()));
            relByOid.put(oid, rel);
            relByNs.computeIfAbsent(nsOid, k -> new LinkedHashMap<>()).put(rel.name(), rel);
        }
        Map<String, RoleInfo> rolesByName = new HashMap<>();
        Map<Long, RoleInfo> rolesByOid = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_AUTHID).rows()) {
            Object[] r = e.getValue();
            RoleInfo role = new RoleInfo((Long) r[ROL_OID], (String) r[ROL_NAME], (Boolean) r[2], (Boolean) r[3],
                    (Boolean) r[4], (Boolean) r[5], (Boolean) r[6], (Integer) r[9], (String) r[10], (Instant) r[11]);
            rolesByName.put(role.name(), role);
            rolesByOid.put(role.oid(), role);
        }
        Map<String, DatabaseInfo> dbs = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_DATABASE).rows()) {
            Object[] r = e.getValue();
            dbs.put((String) r[1], new DatabaseInfo((Long) r[0], (String) r[1], (Long) r[2], (Boolean) r[6]));
        }
        Map<Long, SequenceInfo> sequences = sequenceRows();
        Map<Long, Map<String, RelationInfo>> frozenByNs = new HashMap<>();
        relByNs.forEach((k, v) -> frozenByNs.put(k, Map.copyOf(v)));
        snapshot = new CatalogSnapshot(Map.copyOf(nsByName), Map.copyOf(nsByOid), Map.copyOf(relByOid),
                Map.copyOf(frozenByNs), Map.copyOf(rolesByName), Map.copyOf(rolesByOid), Map.copyOf(dbs),
                Map.copyOf(sequences), ViewCatalog.views(tables.get(SystemTable.PG_REWRITE).rows(),
                tables.get(SystemTable.PG_DEPEND).rows()));
    }

    private Map<Long, SequenceInfo> sequenceRows() {
        Map<Long, Object[]> owners = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_DEPEND).rows()) {
            owners.put((Long) e.getValue()[DEP_OBJID], e.getValue());
        }
        Map<Long, SequenceInfo> sequences = new HashMap<>();
        for (Map.Entry<Tid, Object[]> e : tables.get(SystemTable.PG_SEQUENCE).rows()) {
            Object[] r = e.getValue();
            long oid = (Long) r[SEQ_RELID];
            Object[] dep = owners.get(oid);
            sequences.put(oid, new SequenceInfo(oid, new DataType(PgType.byOid((int) (long) (Long) r[1]), -1),
                    (Long) r[2], (Long) r[3], (Long) r[4], (Long) r[5], (Long) r[6], (Boolean) r[7],
                    dep == null ? 0 : (Long) dep[DEP_REFOBJID], dep == null ? 0 : (Integer) dep[DEP_REFOBJID + 1],
                    dep == null ? ' ' : ((String) dep[DEP_REFOBJID + 2]).charAt(0)));
        }
        return sequences;
    }
}
