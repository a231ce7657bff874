package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.storage.TidClaim;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.storage.btree.BTreeCursor;
import org.larchdb.engine.storage.btree.IndexEntry;
import org.larchdb.engine.tx.Transaction;
import org.larchdb.engine.tx.TransactionLocks;
import org.larchdb.engine.tx.lock.LockTarget;
import org.larchdb.engine.types.TupleCodec;

/**
 * Writes rows of one table: the heap tuple and every index entry, inside the statement's
 * transaction, enforcing NOT NULL, CHECK, UNIQUE and FOREIGN KEY constraints ({@link ForeignKeys}),
 * under strict two-phase locking (tx/lock/README.md):
 * <ul>
 *   <li>the rows it changes were locked by the scan that found them (plan/RowMark); a new row's
 *       tuple id is locked before the tuple becomes visible ({@link TidClaim});</li>
 *   <li>every index key it adds or removes is locked X to the end, and an added key's successor is
 *       locked while it goes in (next-key locking, which SERIALIZABLE range readers rely on); a
 *       second inserter of an equal unique key thus waits for the first one's outcome;</li>
 *   <li>a deleted row stays in place, marked, with its index entries until the transaction
 *       commits, so others wait for the outcome instead of missing the row; the commit then
 *       purges the row and the entries that no longer match it ({@link PendingPurge}).</li>
 * </ul>
 */
public final class TableWriter {
    private final RelationInfo table;
    private final ExecContext ctx;
    private final HeapFile heap;
    private final TupleCodec codec;
    private final List<IndexKeys> indexes = new ArrayList<>();
    private final List<BTree> trees = new ArrayList<>();
    /** Foreign keys from or to this table (null: none). */
    private final ForeignKeys foreignKeys;

    public TableWriter(RelationInfo table, ExecContext ctx) {
        this.table = table;
        this.ctx = ctx;
        this.heap = ctx.heap(table);
        this.codec = new TupleCodec(table.columnTypes());
        for (IndexInfo index : table.indexes()) {
            indexes.add(new IndexKeys(table, index));
            trees.add(ctx.btree(index));
        }
        this.foreignKeys = ForeignKeys.of(table, ctx);
    }

    public Tid insert(Object[] row) {
        RowChecks.checkNotNull(table, row, ctx);
        RowChecks.checkConstraints(table, row, ctx);
        // The referenced rows are found and locked before this row exists (see ForeignKeys).
        List<org.larchdb.engine.catalog.ConstraintInfo> later = foreignKeys == null ? List.of()
                : foreignKeys.checkReferenced(null, row);
        TransactionLocks locks = ctx.locks();
        Tid tid = ctx.transaction().insert(heap, codec.encode(row), claim(locks));
        for (int i = 0; i < indexes.size(); i++) {
            addIndexEntry(i, row, tid, locks);
        }
        if (foreignKeys != null) {
            foreignKeys.afterStored(later, tid);
        }
        return tid;
    }

    /** Deletes the (locked) tuple at {@code tid} whose current values are {@code row}; false if it was gone. */
    public boolean delete(Tid tid, Object[] row) {
        Transaction txn = ctx.transaction();
        TransactionLocks locks = ctx.locks();
        List<byte[]> keys = new ArrayList<>(indexes.size());
        for (IndexKeys k : indexes) {
            byte[] key = k.key(row);
            locks.writeKey(k.index().oid(), key);
            keys.add(key);
        }
        if (!txn.markDeleted(heap, tid)) {
            return false;
        }
        txn.onCommit(new PendingPurge(tid, keys, true)::run);
        if (foreignKeys != null) {
            foreignKeys.referencedRowChanged(row, null);
        }
        return true;
    }

    /** Replaces the (locked) tuple at {@code tid} (current values {@code oldRow}); false if it was gone. */
    public boolean update(Tid tid, Object[] oldRow, Object[] newRow) {
        RowChecks.checkNotNull(table, newRow, ctx);
        RowChecks.checkConstraints(table, newRow, ctx);
        List<org.larchdb.engine.catalog.ConstraintInfo> later = foreignKeys == null ? List.of()
                : foreignKeys.checkReferenced(oldRow, newRow);
        Transaction txn = ctx.transaction();
        TransactionLocks locks = ctx.locks();
        Tid newTid = txn.update(heap, tid, codec.encode(newRow), claim(locks));
        if (newTid == null) {
            return false;
        }
        if (foreignKeys != null) {
            foreignKeys.afterStored(later, newTid);
            foreignKeys.referencedRowChanged(oldRow, newRow);
        }
        boolean moved = !newTid.equals(tid);
        List<byte[]> stale = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
            IndexKeys k = indexes.get(i);
            byte[] oldKey = k.key(oldRow);
            byte[] newKey = k.key(newRow);
            boolean keyChanged = !Arrays.equals(oldKey, newKey);
            if (keyChanged) {
                locks.writeKey(k.index().oid(), oldKey);
            }
            if (keyChanged || moved) {
                addIndexEntry(i, newRow, newTid, locks);
            }
            stale.add(keyChanged || moved ? oldKey : null);
        }
        if (moved || stale.stream().anyMatch(key -> key != null)) {
            // The old entries (and a moved tuple's old version) go once the update is committed.
            txn.onCommit(new PendingPurge(tid, stale, moved)::run);
        }
        return true;
    }

    private TidClaim claim(TransactionLocks locks) {
        long oid = table.oid();
        return tid -> locks.claimTuple(oid, tid);
    }

    private void addIndexEntry(int i, Object[] row, Tid tid, TransactionLocks locks) {
        Transaction txn = ctx.transaction();
        IndexKeys keys = indexes.get(i);
        BTree tree = trees.get(i);
        long indexOid = keys.index().oid();
        byte[] key = keys.key(row);
        locks.writeKey(indexOid, key);
        LockTarget gap = locks.lockGap(indexOid, successor(tree, key));
        try {
            if (keys.index().unique() && !keys.hasNull(row)) {
                Tid conflict = txn.indexInsertUnique(tree, heap.relfilenode(), key, tid, t -> isLive(t, keys, key));
                if (conflict != null) {
                    throw new DbException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                            + keys.index().name() + "\"")
                            .withDetail("Key " + keys.describe(row, ctx.textFormat()) + " already exists.");
                }
            } else {
                txn.indexInsert(tree, heap.relfilenode(), key, tid);
            }
        } finally {
            locks.unlockGap(gap);
        }
    }

    /** The first key after {@code key} in the index, or null at the end. */
    private static byte[] successor(BTree tree, byte[] key) {
        try (BTreeCursor after = tree.scan(key, false, null, false, false)) {
            IndexEntry e = after.next();
            return e == null ? null : e.key();
        }
    }

    /**
     * Whether the entry (key, tid) of a unique index stands for a live row: its tuple exists, is not
     * deleted (by this transaction, or by one that committed before its purge was done), and still
     * has that key. Another transaction's pending change of that key cannot be seen here: this one
     * waited for its key lock first.
     */
    private boolean isLive(Tid tid, IndexKeys keys, byte[] key) {
        HeapFile.Fetched f = heap.fetch(tid);
        return f != null && !f.deletePending() && Arrays.equals(keys.key(codec.decode(f.tuple())), key);
    }

    /** After commit: the entries and row {@link #purge} removes, remembered by the writing statement. */
    private final class PendingPurge {
        private final Tid tid;
        private final List<byte[]> keys;
        private final boolean heapTuple;
        private final Transaction txn;

        PendingPurge(Tid tid, List<byte[]> keys, boolean heapTuple) {
            this.txn = ctx.transaction();
            this.tid = tid;
            this.keys = keys;
            this.heapTuple = heapTuple;
        }

        void run() {
            if (txn.dropsRelation(heap.relfilenode())) {
                return; // the table was dropped or truncated after the change: its file is gone
            }
            List<byte[]> live = new ArrayList<>(keys);
            for (int i = 0; i < live.size(); i++) {
                if (txn.dropsRelation(trees.get(i).relfilenode())) {
                    live.set(i, null); // the index went (DROP INDEX): nothing left to remove there
                }
            }
            purge(heap, codec, indexes, trees, tid, live, heapTuple);
        }
    }

    /**
     * After commit: removes the index entries (key per index, null = none) of the row at
     * {@code tid} that no longer match it, then the row itself if its deletion is pending
     * ({@code heapTuple}). Each step checks the current state, so work undone since (ROLLBACK TO
     * SAVEPOINT) is left alone. Logged redo-only: the transaction is already committed.
     */
    private static void purge(HeapFile heap, TupleCodec codec, List<IndexKeys> indexes, List<BTree> trees, Tid tid,
                              List<byte[]> keys, boolean heapTuple) {
        HeapFile.Fetched f = heap.fetch(tid);
        Object[] current = f == null || f.deletePending() ? null : codec.decode(f.tuple());
        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            if (key != null && (current == null || !Arrays.equals(indexes.get(i).key(current), key))) {
                trees.get(i).delete(key, tid);
            }
        }
        if (heapTuple && f != null && f.deletePending()) {
            heap.purge(tid);
        }
    }

    /**
     * At start-up, for a row whose deleting transaction committed but crashed before its purge
     * (recovery lists them): its index entries, then the row.
     */
    public static void purgeAfterCrash(RelationInfo table, HeapFile heap,
                                       java.util.function.Function<IndexInfo, BTree> btree, Tid tid) {
        HeapFile.Fetched f = heap.fetch(tid);
        if (f == null || !f.deletePending()) {
            return;
        }
        TupleCodec codec = new TupleCodec(table.columnTypes());
        Object[] row = codec.decode(f.tuple());
        List<IndexKeys> indexes = new ArrayList<>();
        List<BTree> trees = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (IndexInfo index : table.indexes()) {
            IndexKeys k = new IndexKeys(table, index);
            indexes.add(k);
            trees.add(btree.apply(index));
            keys.add(k.key(row));
        }
        purge(heap, codec, indexes, trees, tid, keys, true);
    }
}
