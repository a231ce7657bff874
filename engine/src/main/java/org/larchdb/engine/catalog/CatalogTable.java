package org.larchdb.engine.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.tx.Transaction;
import org.larchdb.engine.types.TupleCodec;

/**
 * A system catalog table at run time: its heap on disk plus an in-memory mirror of its rows
 * (catalogs are small), kept in step with every change. Changes go through a {@link Transaction}
 * so they roll back with it; after a rollback the mirror is reloaded from the heap.
 * Callers hold the catalog's write lock for changes.
 */
final class CatalogTable {
    private final SystemTable table;
    private final HeapFile heap;
    private final TupleCodec codec;
    private final Map<Tid, Object[]> rows = new LinkedHashMap<>();

    CatalogTable(SystemTable table, HeapFile heap) {
        this.table = table;
        this.heap = heap;
        this.codec = new TupleCodec(table.columnTypes());
    }

    SystemTable table() {
        return table;
    }

    /** Re-reads every row from the heap. */
    void reload() {
        rows.clear();
        try (HeapScan scan = heap.scan()) {
            while (scan.next()) {
                if (scan.deletePending()) {
                    continue; // deleted or moved by this transaction (or a committed one before its purge)
                }
                rows.put(scan.tid(), codec.decode(scan.tuple()));
            }
        }
    }

    Tid insert(Transaction txn, Object[] row) {
        Tid tid = txn.insert(heap, codec.encode(row));
        rows.put(tid, row.clone());
        return tid;
    }

    void delete(Transaction txn, Tid tid) {
        txn.delete(heap, tid);
        rows.remove(tid);
    }

    void update(Transaction txn, Tid tid, Object[] row) {
        Tid newTid = txn.update(heap, tid, codec.encode(row));
        rows.remove(tid);
        rows.put(newTid, row.clone());
    }

    /** A copy of the rows with their tids. */
    List<Map.Entry<Tid, Object[]>> rows() {
        return new ArrayList<>(rows.entrySet());
    }

    /** The first row whose column {@code col} equals {@code value}, or null. */
    Map.Entry<Tid, Object[]> find(int col, Object value) {
        for (Map.Entry<Tid, Object[]> e : rows.entrySet()) {
            if (value.equals(e.getValue()[col])) {
                return e;
            }
        }
        return null;
    }

    /** Every row whose column {@code col} equals {@code value}. */
    List<Map.Entry<Tid, Object[]>> findAll(int col, Object value) {
        List<Map.Entry<Tid, Object[]>> out = new ArrayList<>();
        for (Map.Entry<Tid, Object[]> e : rows.entrySet()) {
            if (value.equals(e.getValue()[col])) {
                out.add(e);
            }
        }
        return out;
    }
}
