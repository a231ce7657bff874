package org.larchdb.engine.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Pending deletes: {@link #markDeleted} sets the line pointer's delete-pending bit; the heap
 * remembers the marked tids in memory ({@link #pendingTids()}) until they are purged or unmarked,
 * so that a checkpoint can list them (their mark records may end up before its redo point).
 */
final class SlottedHeapFile implements HeapFile {
    /** Stale free-space hints tolerated per insert before giving up on the map and extending. */
    private static final int MAX_FSM_RETRIES = 32;

    private final BufferPool pool;
    private final int relfilenode;
    private final FreeSpaceMap fsm = new FreeSpaceMap();
    private final ReentrantLock fsmBuildLock = new ReentrantLock();
    private volatile boolean fsmBuilt;
    /**
     * Tids whose delete-pending bit is set. Added between beginChange and logChange of the mark
     * (so a mark logged before a checkpoint's begin is in the checkpoint's list), removed only after
     * the purge or unmark is logged.
     */
    private final Set<Tid> pending = ConcurrentHashMap.newKeySet();
    /** Fresh pages a claimed insert may extend the heap by when its claim keeps refusing. */
    private static final int MAX_REFUSED_PAGES = 16;

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
        return insert(log, tuple, TidClaim.ANY);
    }

    @Override
    public Tid insert(TxLog log, byte[] tuple, TidClaim claim) {
        checkSize(tuple.length);
        ensureFreeSpaceMap();
        return OverflowTuple.isLarge(tuple.length) ? insertLarge(log, tuple, claim)
                : place(log, tuple, false, null, claim);
    }

    /**
     * Chunks in reverse order (so each can point to the one after it), then the head; each part is
     * its own logged HeapInsert, so a failure midway is undone part by part (no orphan chunks).
     */
    private Tid insertLarge(TxLog log, byte[] tuple, TidClaim claim) {
        long valueId = ThreadLocalRandom.current().nextLong();
        int chunks = OverflowTuple.chunkCount(tuple.length);
        Tid next = null;
        for (int seq = chunks - 1; seq >= 0; seq--) {
            next = place(log, OverflowTuple.chunk(valueId, seq, next, tuple), true, null, TidClaim.ANY);
        }
        return place(log, new OverflowTuple.Head(valueId, tuple.length, chunks, next).encode(), true, null, claim);
    }

    /** Builds the record logged for a placement at (block, slot); null = an ordinary HeapInsert. */
    interface PlacementRecord {
        WalRecord at(int block, int slot);
    }

    /**
     * Stores a tuple (or an overflow part) on a page with room, found through the map, or a new page,
     * in a slot {@code claim} accepts. When the claim refuses every candidate of a page with room the
     * heap is extended (the map would only offer the same page again).
     */
    Tid place(TxLog log, byte[] tuple, boolean overflow, PlacementRecord record, TidClaim claim) {
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
                boolean roomy = page.freeSpace() >= needed;
                if (roomy) {
                    guard.beginChange();
                    slot = insert(page, block, tuple, overflow, claim);
                    if (slot >= 0) {
                        guard.markDirty();
                        guard.logChange(log, rec.at(block, slot));
                    }
                }
                fsm.record(block, page.freeSpace());
                if (slot >= 0) {
                    return new Tid(block, slot);
                }
                if (roomy && claim != TidClaim.ANY) {
                    break; // refused by the claim, not stale: go to a new page
                }
            }
        }
        for (int fresh = 0; fresh < MAX_REFUSED_PAGES; fresh++) {
            try (PageGuard guard = pool.pinNew(relfilenode)) {
                HeapPage page = guard.heapPage();
                page.init();
                guard.markDirty();
                guard.logChange(TxLog.NONE, new WalRecord.PageInit(relfilenode, guard.block(), 0));
                int slot = insert(page, guard.block(), tuple, overflow, claim);
                if (slot >= 0) {
                    guard.logChange(log, rec.at(guard.block(), slot));
                }
                fsm.record(guard.block(), page.freeSpace());
                if (slot >= 0) {
                    return new Tid(guard.block(), slot);
                }
            }
        }
        throw DbException.internal("could not find a tuple id the inserter could claim in relation base/"
                + relfilenode, null);
    }

    private static int insert(HeapPage page, int block, byte[] tuple, boolean overflow, TidClaim claim) {
        if (claim == TidClaim.ANY) {
            return overflow ? page.insertOverflow(tuple) : page.insert(tuple);
        }
        return page.insert(tuple, overflow, slot -> claim.tryClaim(new Tid(block, slot)));
    }

    @Override
    public byte[] get(Tid tid) {
        Fetched f = fetch(tid);
        return f == null ? null : f.tuple();
    }

    @Override
    public Fetched fetch(Tid tid) {
        if (!exists(tid)) {
            return null;
        }
        OverflowTuple.Head head;
        boolean deletePending;
        try (PageGuard guard = pool.pinShared(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            deletePending = page.isDeletePending(tid.slot());
            byte[] tuple = page.get(tid.slot());
            if (tuple != null) {
                return new Fetched(tuple, deletePending);
            }
            head = OverflowTuple.Head.decode(page.getOverflow(tid.slot()));
        }
        // The head page's latch is released: chunks are read one page at a time.
        byte[] tuple = head == null ? null : OverflowTuple.read(pool, relfilenode, tid, head);
        return tuple == null ? null : new Fetched(tuple, deletePending);
    }

    @Override
    public boolean markDeleted(TxLog log, Tid tid) {
        if (!exists(tid)) {
            return false;
        }
        try (PageGuard guard = pool.pinExclusive(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            int slot = tid.slot();
            boolean row = page.isLive(slot) || OverflowTuple.Head.decode(page.getOverflow(slot)) != null;
            if (!row || page.isDeletePending(slot)) {
                return false;
            }
            guard.beginChange();
            page.markDeletePending(slot);
            guard.markDirty();
            pending.add(tid);
            guard.logChange(log, new WalRecord.HeapMarkDeleted(relfilenode, tid.block(), slot));
            return true;
        }
    }

    @Override
    public boolean purge(Tid tid) {
        if (!exists(tid)) {
            return false;
        }
        OverflowTuple.Head head;
        try (PageGuard guard = pool.pinExclusive(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            if (!page.isDeletePending(tid.slot())) {
                return false;
            }
            head = OverflowTuple.Head.decode(page.getOverflow(tid.slot()));
            if (head == null) {
                killForPurge(guard, tid);
                return true;
            }
        }
        // A large tuple: chunks last-first, head last, each under its own latch. A crash midway
        // leaves the head pending with a shorter intact chain, which a repeated purge finishes;
        // readers meeting a missing chunk under a pending head take the tuple as gone.
        List<Tid> chain = chunkChain(head);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Tid at = chain.get(i);
            try (PageGuard guard = pool.pinExclusive(relfilenode, at.block())) {
                if (OverflowTuple.isChunkOf(guard.heapPage().getOverflow(at.slot()), head.valueId(), i)) {
                    killForPurge(guard, at);
                }
            }
        }
        try (PageGuard guard = pool.pinExclusive(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            OverflowTuple.Head now = OverflowTuple.Head.decode(page.getOverflow(tid.slot()));
            if (!page.isDeletePending(tid.slot()) || now == null || now.valueId() != head.valueId()) {
                return false; // purged by someone else meanwhile
            }
            killForPurge(guard, tid);
            return true;
        }
    }

    /** Kills one slot, logged redo-only (a purge is never undone), then forgets its mark. */
    private void killForPurge(PageGuard guard, Tid at) {
        HeapPage page = guard.heapPage();
        guard.beginChange();
        page.kill(at.slot());
        guard.markDirty();
        guard.logChange(TxLog.NONE, new WalRecord.HeapPurge(relfilenode, at.block(), at.slot()));
        fsm.record(at.block(), page.freeSpace());
        pending.remove(at);
    }

    /** The tids of a large tuple's chunks in chain order, up to the first one missing. */
    private List<Tid> chunkChain(OverflowTuple.Head head) {
        List<Tid> chain = new ArrayList<>();
        Tid at = head.firstChunk();
        for (int seq = 0; seq < head.chunkCount() && at != null; seq++) {
            byte[] part = OverflowTuple.readPart(pool, relfilenode, at);
            if (!OverflowTuple.isChunkOf(part, head.valueId(), seq)) {
                break;
            }
            chain.add(at);
            at = OverflowTuple.nextChunk(part);
        }
        return chain;
    }

    /** The tids marked delete-pending and not yet purged or unmarked (a checkpoint lists them). */
    List<Tid> pendingTids() {
        return List.copyOf(pending);
    }

    /** Remembers a pending tid found by recovery, so later checkpoints list it until it is purged. */
    void notePending(Tid tid) {
        pending.add(tid);
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
            if (page.isDeletePending(tid.slot())) {
                return false; // only purge removes a pending tuple (its deleter may still roll back)
            }
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
        return update(log, tid, newTuple, TidClaim.ANY);
    }

    @Override
    public Tid update(TxLog log, Tid tid, byte[] newTuple, TidClaim claim) {
        checkSize(newTuple.length);
        if (!exists(tid)) {
            throw DbException.internal("attempted to update invisible tuple", null);
        }
        try (PageGuard guard = pool.pinExclusive(relfilenode, tid.block())) {
            HeapPage page = guard.heapPage();
            if (page.isDeletePending(tid.slot())) {
                throw DbException.internal("attempted to update invisible tuple", null);
            }
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
        // elsewhere first, then mark the old one deleted (purged by the caller after commit), so a
        // failure (no buffer, I/O) leaves the old version rather than neither, and the old tid stays
        // the old row's until the transaction ends. Only one page is latched at a time, as everywhere
        // in the heap. Without a transaction (TxLog.NONE) nobody would purge: delete at once.
        Tid moved = insert(log, newTuple, claim);
        if (log == TxLog.NONE) {
            delete(log, tid);
        } else {
            markDeleted(log, tid);
        }
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
                new WalRecord.HeapInsert(relfilenode, b, s, overflow, old)), TidClaim.ANY);
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
        Tid moved = place(log, old, false, null, TidClaim.ANY);
        undoInsert(log, undoNext, at, false);
        return moved;
    }

    /** Undo of HeapMarkDeleted: clears the mark in place (the tuple never moved), logging a CLR. */
    void undoMarkDeleted(TxLog log, long undoNext, Tid at) {
        if (!exists(at)) {
            return;
        }
        try (PageGuard guard = pool.pinExclusive(relfilenode, at.block())) {
            HeapPage page = guard.heapPage();
            if (!page.isDeletePending(at.slot())) {
                return;
            }
            guard.beginChange();
            page.clearDeletePending(at.slot());
            guard.markDirty();
            guard.logChange(log, new WalRecord.Compensation(undoNext,
                    new WalRecord.HeapUnmarkDeleted(relfilenode, at.block(), at.slot())));
        }
        pending.remove(at);
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
