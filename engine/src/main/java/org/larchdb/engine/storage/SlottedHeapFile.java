package org.larchdb.engine.storage;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.wal.WalRecord;

/**
 * A heap over {@link HeapPage}s in one relation file, reached through the buffer pool. Each call
 * pins and latches one page at a time (never two), so heap operations cannot deadlock on latches.
 * Free space is tracked by a {@link FreeSpaceMap} built lazily from the page headers on the first
 * insert after open and updated after every change.
 *
 * <p>A tuple larger than a page is stored as an {@link OverflowTuple}: chunks written first (last
 * chunk first, each pointing to the next), head last, so until the head is in place no row is
 * visible; delete removes the head first (the row disappears at once), then walks the chain.
 */
final class SlottedHeapFile implements HeapFile {
    /** Stale free-space hints tolerated per insert before giving up on the map and extending. */
    private static final int MAX_FSM_RETRIES = 32;

    private final BufferPool pool;
    private final int relfilenode;
    private final FreeSpaceMap fsm = new FreeSpaceMap();
    private final ReentrantLock fsmBuildLock = new ReentrantLock();
    private volatile boolean fsmBuilt;

    SlottedHeapFile(BufferPool pool, int relfilenode) {
        this.pool = pool;
        this.relfilenode = relfilenode;
    }

    @Override
    public int relfilenode() {
        return relfilenode;
    }

    @Override
    public int blockCount() {
        return pool.blockCount(relfilenode);
    }

    @Override
    public Tid insert(byte[] tuple) {
        return insert(TxLog.NONE, tuple);
    }

    @Override
    public Tid insert(TxLog log, byte[] tuple) {
        checkSize(tuple.length);
        ensureFreeSpaceMap();
        return OverflowTuple.isLarge(tuple.length) ? insertLarge(log, tuple) : place(log, tuple, false, null);
    }

    /**
     * Chunks in reverse order (so each can point to the one after it), then the head; each part is
     * its own logged HeapInsert, so a failure midway is undone part by part (no orphan chunks).
     */
    private Tid insertLarge(TxLog log, byte[] tuple) {
        long valueId = ThreadLocalRandom.current().nextLong();
        int chunks = OverflowTuple.chunkCount(tuple.length);
        Tid next = null;
        for (int seq = chunks - 1; seq >= 0; seq--) {
            next = place(log, OverflowTuple.chunk(valueId, seq, next, tuple), true, null);
        }
        return place(log, new OverflowTuple.Head(valueId, tuple.length, chunks, next).encode(), true, null);
    }

    /** Builds the record logged for a placement at (block, slot); null = an ordinary HeapInsert. */
    interface PlacementRecord {
        WalRecord at(int block, int slot);
    }

    /** Stores a tuple (or an overflow part) on a page with room, found through the map, or a new page. */
    Tid place(TxLog log, byte[] tuple, boolean overflow, PlacementRecord record) {
        PlacementRecord rec = record != null ? record
                : (b, s) -> new WalRecord.HeapInsert(relfilenode, b, s, overflow, tuple);
        // A zero-length tuple still needs a line pointer: ask for at least one byte of room.
        int needed = Math.max(tuple.length, 1);
        for (int attempt = 0; attempt < MAX_FSM_RETRIES; attempt++) {
            int block = fsm.find(needed);
            if (block < 0) {
                break;
            }
            try (PageGuard guard = pool.pinExclusive(relfilenode, block)) {
                HeapPage page = guard.heapPage();
                int slot = -1;
                if (page.freeSpace() >= needed) {
                    guard.beginChange();
                    slot = insert(page, tuple, overflow);
                    if (slot >= 0) {
                        guard.markDirty();
                        guard.logChange(log, rec.at(block, slot));
                    }
                }
                fsm.record(block, page.freeSpace());
                if (slot >= 0) {
                    return new Tid(block, slot);
                }
            }
        }
        try (PageGuard guard = pool.pinNew(relfilenode)) {
            HeapPage page = guard.heapPage();
            page.init();
            guard.markDirty();
            guard.logChange(TxLog.NONE, new WalRecord.PageInit(relfilenode, guard.block(), 0));
            int slot = insert(page, tuple, overflow);
            guard.logChange(log, rec.at(guard.block(), slot));
            fsm.record(guard.block(), page.freeSpace());
            return new Tid(guard.block(), slot);
        }
    }

    private static int insert(HeapPage page, byte[] tuple, boolean overflow) {
        return overflow ? page.insertOverflow(tuple) : page.insert(tuple);
    }

    @Override
    public byte[] get(Tid tid) {
        if (!exists(tid)) {
            return null;
        }
        OverflowTuple.Head head;
        try (PageGuard guard = pool.pinShared(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            byte[] tuple = page.get(tid.slot());
            if (tuple != null) {
                return tuple;
            }
            head = OverflowTuple.Head.decode(page.getOverflow(tid.slot()));
        }
        // The head page's latch is released: chunks are read one page at a time.
        return head == null ? null : OverflowTuple.read(pool, relfilenode, tid, head);
    }

    @Override
    public boolean delete(Tid tid) {
        return delete(TxLog.NONE, tid);
    }

    @Override
    public boolean delete(TxLog log, Tid tid) {
        if (!exists(tid)) {
            return false;
        }
        OverflowTuple.Head head;
        try (PageGuard guard = pool.pinExclusive(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            byte[] old = page.get(tid.slot());
            boolean overflow = old == null;
            if (overflow) {
                old = page.getOverflow(tid.slot());
                head = OverflowTuple.Head.decode(old);
                if (head == null) {
                    return false;
                }
            } else {
                head = null;
            }
            guard.beginChange();
            page.kill(tid.slot());
            guard.markDirty();
            guard.logChange(log, new WalRecord.HeapDelete(relfilenode, tid.block(), tid.slot(), overflow, old));
            fsm.record(tid.block(), page.freeSpace());
        }
        if (head != null) {
            deleteChunks(log, head);
        }
        return true;
    }

    /**
     * Frees the chunks of a tuple whose head is already gone, one page at a time. Stops at the first
     * part that is not the expected chunk (cannot happen unless the heap is damaged).
     */
    private void deleteChunks(TxLog log, OverflowTuple.Head head) {
        Tid at = head.firstChunk();
        for (int seq = 0; seq < head.chunkCount() && at != null && at.block() < blockCount(); seq++) {
            try (PageGuard guard = pool.pinExclusive(relfilenode, at.block())) {
                HeapPage page = guard.heapPage();
                byte[] part = page.getOverflow(at.slot());
                if (!OverflowTuple.isChunkOf(part, head.valueId(), seq)) {
                    return;
                }
                guard.beginChange();
                page.kill(at.slot());
                guard.markDirty();
                guard.logChange(log, new WalRecord.HeapDelete(relfilenode, at.block(), at.slot(), true, part));
                fsm.record(at.block(), page.freeSpace());
                at = OverflowTuple.nextChunk(part);
            }
        }
    }

    @Override
    public Tid update(Tid tid, byte[] newTuple) {
        return update(TxLog.NONE, tid, newTuple);
    }

    @Override
    public Tid update(TxLog log, Tid tid, byte[] newTuple) {
        checkSize(newTuple.length);
        if (!exists(tid)) {
            throw DbException.internal("attempted to update invisible tuple", null);
        }
        try (PageGuard guard = pool.pinExclusive(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            if (!page.isLive(tid.slot())) {
                if (OverflowTuple.Head.decode(page.getOverflow(tid.slot())) == null) {
                    throw DbException.internal("attempted to update invisible tuple", null);
                }
                // The old version is large: replaced by insert-new-then-delete-old below.
            } else if (!OverflowTuple.isLarge(newTuple.length)) {
                byte[] old = page.get(tid.slot());
                guard.beginChange();
                if (page.update(tid.slot(), newTuple)) {
                    guard.markDirty();
                    guard.logChange(log,
                            new WalRecord.HeapUpdate(relfilenode, tid.block(), tid.slot(), old, newTuple));
                    fsm.record(tid.block(), page.freeSpace());
                    return tid;
                }
            }
        }
        // Does not fit on its page, or the old or new version is large: insert the new version
        // elsewhere first, then delete the old one, so a failure (no buffer, I/O) leaves the old
        // version rather than neither. Only one page is latched at a time, as everywhere in the heap.
        Tid moved = insert(log, newTuple);
        delete(log, tid);
        return moved;
    }

    // ---- undo (the same function for runtime rollback and recovery; docs/storage.md §9)

    /** Undo of HeapInsert: marks the part dead again, logging a CLR. */
    void undoInsert(TxLog log, long undoNext, Tid at, boolean overflow) {
        if (!exists(at)) {
            return;
        }
        try (PageGuard guard = pool.pinExclusive(relfilenode, at.block())) {
            HeapPage page = guard.heapPage();
            if (!page.isOccupied(at.slot())) {
                return;
            }
            guard.beginChange();
            page.kill(at.slot());
            guard.markDirty();
            guard.logChange(log, new WalRecord.Compensation(undoNext,
                    new WalRecord.HeapDelete(relfilenode, at.block(), at.slot(), overflow, EMPTY)));
            fsm.record(at.block(), page.freeSpace());
        }
    }

    /** Undo of HeapDelete: the old bytes back at their slot if it is free, else anywhere (returned). */
    Tid undoDelete(TxLog log, long undoNext, Tid at, boolean overflow, byte[] old) {
        ensureFreeSpaceMap();
        while (at.block() >= blockCount()) {
            try (PageGuard g = pool.pinNew(relfilenode)) {
                // cannot happen after a faithful redo; keeps undo total
            }
        }
        try (PageGuard guard = pool.pinExclusive(relfilenode, at.block())) {
            HeapPage page = guard.heapPage();
            if (!page.isOccupied(at.slot())) {
                guard.beginChange();
                if (page.insertAt(at.slot(), old, overflow)) {
                    guard.markDirty();
                    guard.logChange(log, new WalRecord.Compensation(undoNext,
                            new WalRecord.HeapInsert(relfilenode, at.block(), at.slot(), overflow, old)));
                    fsm.record(at.block(), page.freeSpace());
                    return at;
                }
            }
        }
        return place(log, old, overflow, (b, s) -> new WalRecord.Compensation(undoNext,
                new WalRecord.HeapInsert(relfilenode, b, s, overflow, old)));
    }

    /**
     * Undo of HeapUpdate: the old bytes back in the same slot; if they no longer fit, inserted
     * elsewhere as an ordinary (undoable) record and the slot killed under the CLR. Returns where
     * the old version now is.
     */
    Tid undoUpdate(TxLog log, long undoNext, Tid at, byte[] old) {
        if (!exists(at)) {
            return at;
        }
        byte[] current;
        try (PageGuard guard = pool.pinExclusive(relfilenode, at.block())) {
            HeapPage page = guard.heapPage();
            current = page.get(at.slot());
            if (current == null) {
                return at;
            }
            guard.beginChange();
            if (page.update(at.slot(), old)) {
                guard.markDirty();
                guard.logChange(log, new WalRecord.Compensation(undoNext,
                        new WalRecord.HeapUpdate(relfilenode, at.block(), at.slot(), EMPTY, old)));
                fsm.record(at.block(), page.freeSpace());
                return at;
            }
        }
        ensureFreeSpaceMap();
        Tid moved = place(log, old, false, null);
        undoInsert(log, undoNext, at, false);
        return moved;
    }

    private static final byte[] EMPTY = new byte[0];

    @Override
    public HeapScan scan() {
        return new SeqHeapScan(pool, relfilenode);
    }

    private boolean exists(Tid tid) {
        return tid.block() >= 0 && tid.slot() >= 0 && tid.block() < blockCount();
    }

    /** Refuses tuples over {@link OverflowTuple#MAX_TUPLE_SIZE} (PostgreSQL's 1 GB value limit). */
    static void checkSize(long length) {
        if (length > OverflowTuple.MAX_TUPLE_SIZE) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "row is too big: size %d, maximum size %d",
                    length, OverflowTuple.MAX_TUPLE_SIZE);
        }
    }

    /**
     * Reads every page header once, the first time space is needed after open. Concurrent changes
     * during the build also record into the map; whichever value lands last is only a hint.
     */
    private void ensureFreeSpaceMap() {
        if (fsmBuilt) {
            return;
        }
        fsmBuildLock.lock();
        try {
            if (fsmBuilt) {
                return;
            }
            int blocks = blockCount();
            for (int block = 0; block < blocks; block++) {
                try (PageGuard guard = pool.pinShared(relfilenode, block)) {
                    fsm.record(block, guard.heapPage().freeSpace());
                }
            }
            fsmBuilt = true;
        } finally {
            fsmBuildLock.unlock();
        }
    }

    /** Free bytes the map holds for a block (rounded down to its category); for tests. */
    int recordedFreeSpace(int block) {
        return fsm.recorded(block);
    }
}
