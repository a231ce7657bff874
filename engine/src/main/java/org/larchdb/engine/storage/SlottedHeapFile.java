package org.larchdb.engine.storage;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

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
        checkSize(tuple.length);
        ensureFreeSpaceMap();
        return OverflowTuple.isLarge(tuple.length) ? insertLarge(tuple) : place(tuple, false);
    }

    /**
     * Chunks in reverse order (so each can point to the one after it), then the head. Full chunks
     * fill empty pages; the shorter last one goes wherever the map finds room. A failure midway
     * leaves orphan chunks: invisible (overflow pointers, unreachable from any head) but occupying
     * space until WAL recovery/vacuum learns to remove them.
     */
    private Tid insertLarge(byte[] tuple) {
        long valueId = ThreadLocalRandom.current().nextLong();
        int chunks = OverflowTuple.chunkCount(tuple.length);
        Tid next = null;
        for (int seq = chunks - 1; seq >= 0; seq--) {
            next = place(OverflowTuple.chunk(valueId, seq, next, tuple), true);
        }
        return place(new OverflowTuple.Head(valueId, tuple.length, chunks, next).encode(), true);
    }

    /** Stores a tuple (or an overflow part) on a page with room, found through the map, or a new page. */
    private Tid place(byte[] tuple, boolean overflow) {
        // A zero-length tuple still needs a line pointer: ask for at least one byte of room.
        int needed = Math.max(tuple.length, 1);
        for (int attempt = 0; attempt < MAX_FSM_RETRIES; attempt++) {
            int block = fsm.find(needed);
            if (block < 0) {
                break;
            }
            try (PageGuard guard = pool.pinExclusive(relfilenode, block)) {
                HeapPage page = guard.heapPage();
                int slot = page.freeSpace() >= needed ? insert(page, tuple, overflow) : -1;
                if (slot >= 0) {
                    guard.markDirty();
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
            int slot = insert(page, tuple, overflow);
            guard.markDirty();
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
        if (!exists(tid)) {
            return false;
        }
        OverflowTuple.Head head;
        try (PageGuard guard = pool.pinExclusive(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            if (!page.delete(tid.slot())) {
                head = OverflowTuple.Head.decode(page.getOverflow(tid.slot()));
                if (head == null || !page.deleteOverflow(tid.slot())) {
                    return false;
                }
            } else {
                head = null;
            }
            guard.markDirty();
            fsm.record(tid.block(), page.freeSpace());
        }
        if (head != null) {
            deleteChunks(head);
        }
        return true;
    }

    /**
     * Frees the chunks of a tuple whose head is already gone, one page at a time. Stops at the first
     * part that is not the expected chunk (cannot happen unless the heap is damaged; what remains is
     * orphaned, as after a failed insert).
     */
    private void deleteChunks(OverflowTuple.Head head) {
        Tid at = head.firstChunk();
        for (int seq = 0; seq < head.chunkCount() && at != null && at.block() < blockCount(); seq++) {
            try (PageGuard guard = pool.pinExclusive(relfilenode, at.block())) {
                HeapPage page = guard.heapPage();
                byte[] part = page.getOverflow(at.slot());
                if (!OverflowTuple.isChunkOf(part, head.valueId(), seq)) {
                    return;
                }
                page.deleteOverflow(at.slot());
                guard.markDirty();
                fsm.record(at.block(), page.freeSpace());
                at = OverflowTuple.nextChunk(part);
            }
        }
    }

    @Override
    public Tid update(Tid tid, byte[] newTuple) {
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
            } else if (!OverflowTuple.isLarge(newTuple.length) && page.update(tid.slot(), newTuple)) {
                guard.markDirty();
                fsm.record(tid.block(), page.freeSpace());
                return tid;
            }
        }
        // Does not fit on its page, or the old or new version is large: insert the new version
        // elsewhere first, then delete the old one, so a failure (no buffer, I/O) leaves the old
        // version rather than neither. Only one page is latched at a time, as everywhere in the heap.
        Tid moved = insert(newTuple);
        delete(tid);
        return moved;
    }

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
