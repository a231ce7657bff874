package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.tx.Transaction;
import org.larchdb.engine.types.TupleCodec;

/**
 * Writes rows of one table: the heap tuple and every index entry, inside the statement's
 * transaction, enforcing NOT NULL and UNIQUE. Index entries are removed before the heap change
 * that removes or moves a tuple and added after the one that creates it (the order the undo log needs).
 */
public final class TableWriter {
    private final RelationInfo table;
    private final ExecContext ctx;
    private final HeapFile heap;
    private final TupleCodec codec;
    private final List<IndexKeys> indexes = new ArrayList<>();
    private final List<BTree> trees = new ArrayList<>();

    public TableWriter(RelationInfo table, ExecContext ctx) {
        this.table = table;
        this.ctx = ctx;
        this.heap = ctx.heap(table);
        this.codec = new TupleCodec(table.columnTypes());
        for (IndexInfo index : table.indexes()) {
            indexes.add(new IndexKeys(table, index));
            trees.add(ctx.btree(index));
        }
    }

    public Tid insert(Object[] row) {
        RowChecks.checkNotNull(table, row, ctx);
        RowChecks.checkConstraints(table, row, ctx);
        Tid tid = ctx.transaction().insert(heap, codec.encode(row));
        addIndexEntries(row, tid);
        return tid;
    }

    /** Deletes the tuple at {@code tid} whose current values are {@code row}; false if it was gone. */
    public boolean delete(Tid tid, Object[] row) {
        Transaction txn = ctx.transaction();
        if (heap.get(tid) == null) {
            return false;
        }
        for (int i = 0; i < indexes.size(); i++) {
            txn.indexDelete(trees.get(i), heap.relfilenode(), indexes.get(i).key(row), tid);
        }
        return txn.delete(heap, tid);
    }

    /** Replaces the tuple at {@code tid} (current values {@code oldRow}); false if it was gone. */
    public boolean update(Tid tid, Object[] oldRow, Object[] newRow) {
        RowChecks.checkNotNull(table, newRow, ctx);
        RowChecks.checkConstraints(table, newRow, ctx);
        Transaction txn = ctx.transaction();
        if (heap.get(tid) == null) {
            return false;
        }
        for (int i = 0; i < indexes.size(); i++) {
            txn.indexDelete(trees.get(i), heap.relfilenode(), indexes.get(i).key(oldRow), tid);
        }
        Tid newTid = txn.update(heap, tid, codec.encode(newRow));
        addIndexEntries(newRow, newTid);
        return true;
    }

    private void addIndexEntries(Object[] row, Tid tid) {
        Transaction txn = ctx.transaction();
        for (int i = 0; i < indexes.size(); i++) {
            IndexKeys keys = indexes.get(i);
            byte[] key = keys.key(row);
            if (keys.index().unique() && !keys.hasNull(row)) {
                Tid conflict = txn.indexInsertUnique(trees.get(i), heap.relfilenode(), key, tid,
                        t -> heap.get(t) != null);
                if (conflict != null) {
                    throw new DbException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                            + keys.index().name() + "\"")
                            .withDetail("Key " + keys.describe(row, ctx.textFormat()) + " already exists.");
                }
            } else {
                txn.indexInsert(trees.get(i), heap.relfilenode(), key, tid);
            }
        }
    }
}
