package org.larchdb.engine.storage;

import java.util.concurrent.locks.ReentrantLock;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * A heap over {@link HeapPage}s in one relation file, reached through the buffer pool. Each call
 * pins and latches one page at a time (never two), so heap operations cannot deadlock on latches.
 * Free space is tracked by a {@link FreeSpaceMap} built lazily from the page headers on the first
 * insert after open and updated after every change.
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
        checkSize(tuple);
        ensureFreeSpaceMap();
        // A zero-length tuple still needs a line pointer: ask for at least one byte of room.
        int needed = Math.max(tuple.length, 1);
        for (int attempt = 0; attempt < MAX_FSM_RETRIES; attempt++) {
            int block = fsm.find(needed);
            if (block < 0) {
                break;
            }
            try (PageGuard guard = pool.pinExclusive(relfilenode, block)) {
                HeapPage page = guard.heapPage();
                int slot = page.freeSpace() >= needed ? page.insert(tuple) : -1;
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
            int slot = page.insert(tuple);
            guard.markDirty();
            fsm.record(guard.block(), page.freeSpace());
            return new Tid(guard.block(), slot);
        }
    }

    @Override
    public byte[] get(Tid tid) {
        if (!exists(tid)) {
            return null;
        }
        try (PageGuard guard = pool.pinShared(relfilenode, tid.block())) {
            return guard.heapPage().get(tid.slot());
        }
    }

    @Override
    public boolean delete(Tid tid) {
        if (!exists(tid)) {
            return false;
        }
        try (PageGuard guard = pool.pinExclusive(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            if (!page.delete(tid.slot())) {
                return false;
            }
            guard.markDirty();
            fsm.record(tid.block(), page.freeSpace());
            return true;
        }
    }

    @Override
    public Tid update(Tid tid, byte[] newTuple) {
        checkSize(newTuple);
        if (!exists(tid)) {
            throw DbException.internal("attempted to update invisible tuple", null);
        }
        try (PageGuard guard = pool.pinExclusive(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            if (!page.isLive(tid.slot())) {
                throw DbException.internal("attempted to update invisible tuple", null);
            }
            if (page.update(tid.slot(), newTuple)) {
                guard.markDirty();
                fsm.record(tid.block(), page.freeSpace());
                return tid;
            }
        }
        // Does not fit on its page: insert the new version elsewhere first, then delete the old
        // one, so a failure (no buffer, I/O) leaves the old version rather than neither. Only one
        // page is latched at a time, as everywhere in the heap.
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

    private static void checkSize(byte[] tuple) {
        if (tuple.length > HeapPage.MAX_TUPLE_SIZE) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "row is too big: size %d, maximum size %d",
                    tuple.length, HeapPage.MAX_TUPLE_SIZE);
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
