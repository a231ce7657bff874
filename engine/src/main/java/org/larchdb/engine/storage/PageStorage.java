package org.larchdb.engine.storage;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.storage.wal.WalEntry;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalWriter;

/**
 * {@link Storage} over relation files in {@code <dataDir>/base/} and one shared {@link BufferPool}.
 * Heaps are cached per relation so their free-space maps live as long as the storage.
 */
public final class PageStorage implements Storage {
    private final RelationFiles files;
    private final BufferPool pool;
    private final ConcurrentHashMap<Integer, SlottedHeapFile> heaps = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, BTree> btrees = new ConcurrentHashMap<>();

    private final WalWriter wal;

    PageStorage(Path dataDir, int sharedBuffers, MeterRegistry registry, WalWriter wal) {
        this.files = new RelationFiles(dataDir.resolve(DataDirectory.BASE_DIR));
        this.pool = new BufferPool(files, sharedBuffers, registry, wal);
        this.wal = wal;
    }

    @Override
    public WalWriter wal() {
        return wal;
    }

    SlottedHeapFile heapFile(int relfilenode) {
        return (SlottedHeapFile) heap(relfilenode);
    }

    /**
     * The undo of one logged change (docs/storage.md §9), shared by runtime rollback and recovery:
     * applies the inverse and logs it as a compensation record through {@code log} (whose
     * undoNextLsn is the record's prevLsn). Records without undo are ignored.
     */
    @Override
    public void undo(WalEntry entry, TxLog log, TupleMoves moves) {
        long undoNext = entry.prevLsn();
        switch (entry.record()) {
            case WalRecord.HeapInsert r -> {
                if (files.exists(r.relfilenode())) {
                    Tid at = moves.current(r.relfilenode(), new Tid(r.block(), r.slot()));
                    heapFile(r.relfilenode()).undoInsert(log, undoNext, at, r.overflow());
                }
            }
            case WalRecord.HeapDelete r -> {
                if (files.exists(r.relfilenode())) {
                    Tid was = new Tid(r.block(), r.slot());
                    byte[] old = r.overflow() ? OverflowTuple.relink(r.oldTuple(), r.relfilenode(), moves) : r.oldTuple();
                    Tid now = heapFile(r.relfilenode()).undoDelete(log, undoNext, was, r.overflow(), old);
                    if (!now.equals(was)) {
                        moves.moved(r.relfilenode(), was, now);
                    }
                }
            }
            case WalRecord.HeapUpdate r -> {
                if (files.exists(r.relfilenode())) {
                    Tid was = new Tid(r.block(), r.slot());
                    Tid at = moves.current(r.relfilenode(), was);
                    Tid now = heapFile(r.relfilenode()).undoUpdate(log, undoNext, at, r.oldTuple());
                    if (!now.equals(at)) {
                        moves.moved(r.relfilenode(), was, now);
                    }
                }
            }
            case WalRecord.HeapMarkDeleted r -> {
                // The marked tuple never moves; moves only matter if an undo step of this
                // transaction re-inserted it elsewhere (then it is no longer marked anyway).
                if (files.exists(r.relfilenode())) {
                    Tid at = moves.current(r.relfilenode(), new Tid(r.block(), r.slot()));
                    heapFile(r.relfilenode()).undoMarkDeleted(log, undoNext, at);
                }
            }
            case WalRecord.IndexInsert r -> {
                if (files.exists(r.relfilenode())) {
                    Tid t = moves.current(r.heapRelfilenode(), new Tid(r.block(), r.slot()));
                    btree(r.relfilenode()).delete(r.key(), t);
                    log.log(wal, new WalRecord.Compensation(undoNext, new WalRecord.IndexDelete(r.relfilenode(),
                            r.heapRelfilenode(), r.key(), t.block(), t.slot())));
                }
            }
            case WalRecord.IndexDelete r -> {
                if (files.exists(r.relfilenode())) {
                    Tid t = moves.current(r.heapRelfilenode(), new Tid(r.block(), r.slot()));
                    BTree tree = btree(r.relfilenode());
                    if (!tree.contains(r.key(), t)) {
                        tree.insert(r.key(), t);
                    }
                    log.log(wal, new WalRecord.Compensation(undoNext, new WalRecord.IndexInsert(r.relfilenode(),
                            r.heapRelfilenode(), r.key(), t.block(), t.slot())));
                }
            }
            case WalRecord.RelationCreate r -> {
                // WAL first: the CLR says the file goes, then it goes (redo of the CLR repeats it).
                log.log(wal, new WalRecord.Compensation(undoNext, new WalRecord.RelationDrop(r.relfilenode())));
                if (files.exists(r.relfilenode())) {
                    dropRelation(r.relfilenode());
                }
            }
            default -> {
                // redo-only records (page init, images, CLRs, transaction ends) have no undo
            }
        }
    }

    /**
     * Every tuple currently marked delete-pending and not yet purged or unmarked, over the heaps
     * opened since start (a mark is always made through its heap). Listed by checkpoints.
     */
    public java.util.List<PendingDelete> pendingDeletes() {
        java.util.List<PendingDelete> out = new java.util.ArrayList<>();
        for (SlottedHeapFile heap : heaps.values()) {
            for (Tid tid : heap.pendingTids()) {
                out.add(new PendingDelete(heap.relfilenode(), tid));
            }
        }
        return out;
    }

    /** The buffer pool, for access methods beyond the heap (B+trees) and recovery. */
    @Override
    public BufferPool bufferPool() {
        return pool;
    }

    @Override
    public void createRelation(int relfilenode) {
        files.create(relfilenode);
    }

    @Override
    public void dropRelation(int relfilenode) {
        heaps.remove(relfilenode);
        btrees.remove(relfilenode);
        pool.dropRelation(relfilenode);
        files.drop(relfilenode);
    }

    @Override
    public boolean relationExists(int relfilenode) {
        return files.exists(relfilenode);
    }

    @Override
    public HeapFile heap(int relfilenode) {
        SlottedHeapFile heap = heaps.get(relfilenode);
        if (heap != null) {
            return heap;
        }
        files.get(relfilenode); // fails with "could not open file" for a missing relation
        SlottedHeapFile fresh = new SlottedHeapFile(pool, relfilenode);
        SlottedHeapFile raced = heaps.putIfAbsent(relfilenode, fresh);
        return raced != null ? raced : fresh;
    }

    @Override
    public BTree btree(int relfilenode) {
        BTree tree = btrees.get(relfilenode);
        if (tree != null) {
            return tree;
        }
        files.get(relfilenode); // fails with "could not open file" for a missing relation
        BTree fresh = new BTree(pool, relfilenode); // no I/O until first use, so a lost race costs nothing
        BTree raced = btrees.putIfAbsent(relfilenode, fresh);
        return raced != null ? raced : fresh;
    }

    @Override
    public void flushAll() {
        pool.flushAll();
    }

    @Override
    public void close() {
        try {
            pool.flushAll();
        } finally {
            pool.close();
            files.closeAll();
        }
    }

    /**
     * Test hook for crash simulation: drops every buffered page unwritten and closes the files,
     * leaving the data directory as a kill -9 would (the WAL is the caller's to abandon).
     */
    public void crashForTesting() {
        pool.discardAllForTesting();
        pool.close();
        files.closeAll();
    }

    RelationFiles files() {
        return files;
    }
}
