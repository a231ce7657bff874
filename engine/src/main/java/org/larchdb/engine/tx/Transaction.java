package org.larchdb.engine.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.PendingDelete;
import org.larchdb.engine.storage.Storage;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.storage.TidClaim;
import org.larchdb.engine.storage.TupleMoves;
import org.larchdb.engine.storage.TxLog;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.storage.wal.WalEntry;
import org.larchdb.engine.storage.wal.WalPosition;
import org.larchdb.engine.storage.wal.WalReader;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalSegments;
import org.larchdb.engine.storage.wal.WalWriter;

/**
 * One transaction's changes. Every heap, index and relation-file change (user tables and system
 * catalogs alike) goes through here and is logged in the transaction's WAL chain (xid, prevLsn);
 * those records are the undo information. ROLLBACK — and the rollback of a failed statement in
 * autocommit — walks them newest-first with the same undo function crash recovery uses
 * ({@link Storage#undo}), logging compensation records, then appends {@code Abort}. COMMIT appends
 * {@code Commit} and, with synchronous commit, waits until it is durable (group commit) before the
 * session reports success (docs/storage.md §6, §10, §11).
 *
 * <p>Atomic and durable, but without isolation (no locks yet: other sessions can see uncommitted
 * rows). Used by one session thread at a time; the checkpointer only reads {@link #lastLsn()} and
 * {@link #firstLsn()}.
 */
public final class Transaction implements TxLog {
    private static final byte[] EMPTY = new byte[0];
    /**
     * Undo records kept in memory at most; a bigger transaction (a bulk load) forgets them and its
     * rollback reads its chain back from the log instead, as recovery does.
     */
    static final int MAX_REMEMBERED = 10_000;

    private final long id;
    private final Storage storage;
    private final Consumer<Transaction> onFinish;
    /** The undoable records, oldest first (tuple bytes only where undo needs them). */
    private final List<WalEntry> logged = new ArrayList<>();
    private final List<Runnable> onCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();
    private final List<Integer> createdFiles = new ArrayList<>();
    private final List<Integer> droppedFiles = new ArrayList<>();
    /** Tuples this transaction marked deleted: purged once it has committed. */
    private final List<PendingDelete> marked = new ArrayList<>();
    /** Orders appends of this transaction against a checkpoint's snapshot of it. */
    private final java.util.concurrent.locks.ReentrantLock stateLock = new java.util.concurrent.locks.ReentrantLock();
    private boolean ended;
    private volatile long firstLsn;
    private volatile long lastLsn;
    private WalWriter wal;
    private boolean rollingBack;
    /** The in-memory undo list was dropped (too long): rollback walks the WAL chain. */
    private boolean spilled;
    private boolean finished;

    public Transaction(long id, Storage storage) {
        this(id, storage, t -> { });
    }

    /** {@code onFinish} runs once the transaction committed or rolled back (the active table). */
    public Transaction(long id, Storage storage, Consumer<Transaction> onFinish) {
        this.id = id;
        this.storage = storage;
        this.onFinish = onFinish;
    }

    public long id() {
        return id;
    }

    /** Start LSN of the transaction's first record (0: nothing logged). */
    public long firstLsn() {
        return firstLsn;
    }

    /** Start LSN of its latest record (0: nothing logged). */
    public long lastLsn() {
        return lastLsn;
    }

    /** Whether the transaction changed anything. */
    public boolean hasChanges() {
        return !logged.isEmpty() || lastLsn != 0 || !onCommit.isEmpty() || !onRollback.isEmpty()
                || !droppedFiles.isEmpty();
    }

    /**
     * The transaction-table entry for a checkpoint (docs/storage.md §8): null once the Commit or
     * Abort record is appended (its end is then in the log before the checkpoint's end record) or
     * if nothing was logged. Consistent with {@link #log}: a record appended before the snapshot is
     * in its lastLsn.
     */
    public WalRecord.ActiveTransaction checkpointEntry() {
        stateLock.lock();
        try {
            return ended || lastLsn == 0 ? null : new WalRecord.ActiveTransaction(id, lastLsn, lastLsn);
        } finally {
            stateLock.unlock();
        }
    }

    @Override
    public WalPosition log(WalWriter log, WalRecord record) {
        WalPosition p;
        long prev;
        stateLock.lock();
        try {
            prev = lastLsn;
            if (log == null) {
                p = new WalPosition(0, 0);
            } else {
                wal = log;
                p = log.insert(id, prev, record);
                if (firstLsn == 0) {
                    firstLsn = p.start();
                }
                lastLsn = p.start();
                if (record instanceof WalRecord.Commit || record instanceof WalRecord.Abort) {
                    ended = true;
                }
            }
        } finally {
            stateLock.unlock();
        }
        if (!rollingBack && record instanceof WalRecord.HeapMarkDeleted m) {
            marked.add(new PendingDelete(m.relfilenode(), new Tid(m.block(), m.slot())));
        }
        if (!rollingBack && !spilled && undoable(record)) {
            if (log != null && logged.size() >= MAX_REMEMBERED) {
                spilled = true;
                logged.clear();
            } else {
                logged.add(new WalEntry(p.start(), p.end(), id, prev, forUndo(record)));
            }
        }
        return p;
    }

    private static boolean undoable(WalRecord r) {
        return r instanceof WalRecord.HeapInsert || r instanceof WalRecord.HeapDelete || r instanceof WalRecord.HeapUpdate
                || r instanceof WalRecord.HeapMarkDeleted
                || r instanceof WalRecord.IndexInsert || r instanceof WalRecord.IndexDelete
                || r instanceof WalRecord.RelationCreate;
    }

    /** Drops bytes undo never reads (an insert's tuple, an update's new version) to save memory. */
    private static WalRecord forUndo(WalRecord r) {
        return switch (r) {
            case WalRecord.HeapInsert i -> new WalRecord.HeapInsert(i.relfilenode(), i.block(), i.slot(), i.overflow(), EMPTY);
            case WalRecord.HeapUpdate u -> new WalRecord.HeapUpdate(u.relfilenode(), u.block(), u.slot(), u.oldTuple(), EMPTY);
            default -> r;
        };
    }

    public Tid insert(HeapFile heap, byte[] tuple) {
        return heap.insert(this, tuple);
    }

    /** Inserts with the tuple id claimed (row-locked) before the tuple becomes visible. */
    public Tid insert(HeapFile heap, byte[] tuple, TidClaim claim) {
        return heap.insert(this, tuple, claim);
    }

    /**
     * Marks the tuple deleted; it stays in place (others wait on its row lock) until the commit
     * purges it. False if it was already gone.
     */
    public boolean markDeleted(HeapFile heap, Tid tid) {
        return heap.markDeleted(this, tid);
    }

    /** As {@link #update(HeapFile, Tid, byte[])}, claiming a new tuple id if the tuple moves. */
    public Tid update(HeapFile heap, Tid tid, byte[] tuple, TidClaim claim) {
        if (heap.get(tid) == null) {
            return null;
        }
        return heap.update(this, tid, tuple, claim);
    }

    /** Deletes the tuple at {@code tid}; false if it was already gone. */
    public boolean delete(HeapFile heap, Tid tid) {
        if (heap.get(tid) == null) {
            return false;
        }
        return heap.delete(this, tid);
    }

    /** Replaces the tuple at {@code tid}; returns its (possibly new) tid, or null if it was gone. */
    public Tid update(HeapFile heap, Tid tid, byte[] tuple) {
        if (heap.get(tid) == null) {
            return null;
        }
        return heap.update(this, tid, tuple);
    }

    /**
     * Adds an index entry for the heap tuple at {@code tid} of the heap {@code heapRelfilenode}. The
     * logical record is logged first, so a crash between it and the page images leaves an undo
     * step that finds nothing to remove rather than an entry nobody removes.
     */
    public void indexInsert(BTree tree, int heapRelfilenode, byte[] key, Tid tid) {
        log(storage.wal(), new WalRecord.IndexInsert(tree.relfilenode(), heapRelfilenode, key, tid.block(), tid.slot()));
        tree.insert(key, tid);
    }

    /**
     * Adds an index entry unless a live entry with an equal key exists; returns that entry's tid
     * (nothing added; the logged record's undo then finds nothing) or null (added).
     */
    public Tid indexInsertUnique(BTree tree, int heapRelfilenode, byte[] key, Tid tid, Predicate<Tid> isLive) {
        log(storage.wal(), new WalRecord.IndexInsert(tree.relfilenode(), heapRelfilenode, key, tid.block(), tid.slot()));
        return tree.insertUnique(key, tid, isLive);
    }

    /**
     * Removes an index entry. Call it BEFORE the heap change that removes or moves the tuple, so that
     * rollback restores the heap tuple first and re-adds the entry with the tuple's restored tid.
     */
    public void indexDelete(BTree tree, int heapRelfilenode, byte[] key, Tid tid) {
        if (!tree.contains(key, tid)) {
            return;
        }
        log(storage.wal(), new WalRecord.IndexDelete(tree.relfilenode(), heapRelfilenode, key, tid.block(), tid.slot()));
        tree.delete(key, tid);
    }

    /**
     * Creates a relation file in this transaction: logged first (a file never exists without a
     * record explaining it), removed again by rollback or by recovery if the transaction does not
     * commit (docs/storage.md §11).
     */
    public void createRelation(int relfilenode) {
        log(storage.wal(), new WalRecord.RelationCreate(relfilenode));
        storage.createRelation(relfilenode);
        createdFiles.add(relfilenode);
    }

    /** Removes a relation file when (and only once) the transaction's commit is durable. */
    public void dropRelationOnCommit(int relfilenode) {
        droppedFiles.add(relfilenode);
    }

    /** Whether this transaction removes that relation file at commit (DROP, TRUNCATE). */
    public boolean dropsRelation(int relfilenode) {
        return droppedFiles.contains(relfilenode);
    }

    /** Runs when the transaction commits (in-memory state only; files go through the records). */
    public void onCommit(Runnable action) {
        onCommit.add(action);
    }

    /** Runs after the heaps were restored on rollback (e.g. reload the catalog mirror). */
    public void onRollback(Runnable action) {
        onRollback.add(action);
    }

    /** Commits, waiting for the commit record to be durable. */
    public void commit() {
        commit(true);
    }

    /**
     * Appends Commit (with the dropped files) and, if {@code synchronous}, flushes the log up to it
     * (group commit) before the dropped files are unlinked and success can be reported. A transaction
     * that logged nothing writes no record.
     */
    public void commit(boolean synchronous) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            WalWriter w = wal != null ? wal : storage.wal();
            if (w != null && (lastLsn != 0 || !droppedFiles.isEmpty())) {
                WalPosition p = log(w, new WalRecord.Commit(System.currentTimeMillis(), ints(droppedFiles)));
                if (synchronous || !droppedFiles.isEmpty()) {
                    w.flush(p.end()); // a file is unlinked only once its drop can no longer be undone
                }
            }
            logged.clear();
            // Purges first: a row deleted earlier in the transaction may sit in a file it drops (DELETE
            // then DROP TABLE, or an ALTER TABLE rewrite); redo skips the records of files dropped since.
            for (Runnable r : onCommit) {
                r.run(); // the executor's purges: index entries first, then the rows
            }
            // Whatever is still marked (catalog rows an update moved): purge is a no-op for the rest.
            for (PendingDelete d : marked) {
                if (storage.relationExists(d.relfilenode())) {
                    storage.heap(d.relfilenode()).purge(d.tid());
                }
            }
            marked.clear();
            for (int rel : droppedFiles) {
                if (storage.relationExists(rel)) {
                    storage.dropRelation(rel);
                }
            }
        } finally {
            onFinish.accept(this);
        }
    }

    /**
     * Undoes every change, newest first, with compensation records; then appends Abort listing the
     * files it created (already removed by the undo of their RelationCreate). No flush needed.
     */
    public void rollback() {
        if (finished) {
            return;
        }
        finished = true;
        rollingBack = true;
        // If undo stops midway (I/O failure) the exception leaves the transaction in the active
        // table: the next checkpoint lists it and recovery finishes its undo from its CLRs.
        TupleMoves moves = new TupleMoves();
        if (spilled) {
            undoFromLog(moves, 0);
        }
        for (int i = logged.size() - 1; i >= 0; i--) {
            storage.undo(logged.get(i), this, moves);
        }
        logged.clear();
        WalWriter w = wal != null ? wal : storage.wal();
        if (w != null && lastLsn != 0) {
            log(w, new WalRecord.Abort(System.currentTimeMillis(), ints(createdFiles)));
        }
        for (int rel : createdFiles) {
            if (storage.relationExists(rel)) {
                storage.dropRelation(rel);
            }
        }
        for (Runnable r : onRollback) {
            r.run();
        }
        onFinish.accept(this);
    }

    /**
     * Walks this transaction's chain back from the log (made durable first so the files hold it)
     * down to {@code stopLsn} (exclusive; 0 = the whole chain). A compensation record left by an
     * earlier ROLLBACK TO SAVEPOINT sends the walk to its undo-next LSN: what it compensated is
     * undone already.
     */
    private void undoFromLog(TupleMoves moves, long stopLsn) {
        long lsn = lastLsn;
        wal.flush(wal.insertLsn());
        WalReader reader = WalReader.open(wal.directory(), wal.segments(), lsn);
        while (lsn != 0 && lsn > stopLsn) {
            WalEntry e = reader.readAt(lsn);
            if (e == null || e.xid() != id) {
                throw DbException.internal("rollback of transaction %d: no record of it at %s"
                        .formatted(id, WalSegments.format(lsn)), null);
            }
            if (e.record() instanceof WalRecord.Compensation c) {
                lsn = c.undoNextLsn();
                continue;
            }
            storage.undo(e, this, moves);
            lsn = e.prevLsn();
        }
    }

    // ---- savepoints

    /** Where ROLLBACK TO SAVEPOINT returns: the sizes of everything the transaction accumulates. */
    public record Savepoint(long lastLsn, int logged, int onCommit, int onRollback, int createdFiles,
                            int droppedFiles) {
    }

    /** SAVEPOINT: remembers the current position. */
    public Savepoint savepoint() {
        return new Savepoint(lastLsn, logged.size(), onCommit.size(), onRollback.size(), createdFiles.size(),
                droppedFiles.size());
    }

    /**
     * ROLLBACK TO SAVEPOINT: undoes every change made since {@code sp}, newest first, with
     * compensation records (as a full rollback does, but the transaction goes on). Files created
     * since are removed, drops since are forgotten, the rollback actions registered since run (the
     * catalog mirror reloads). Locks taken since are kept: strict 2PL never gives a lock back early.
     */
    public void rollbackTo(Savepoint sp) {
        if (finished) {
            throw new IllegalStateException("transaction " + id + " has ended");
        }
        rollingBack = true;
        try {
            TupleMoves moves = new TupleMoves();
            if (spilled) {
                undoFromLog(moves, sp.lastLsn());
            } else {
                for (int i = logged.size() - 1; i >= sp.logged(); i--) {
                    storage.undo(logged.get(i), this, moves);
                }
                logged.subList(sp.logged(), logged.size()).clear();
            }
        } finally {
            rollingBack = false;
        }
        List<Integer> created = createdFiles.subList(sp.createdFiles(), createdFiles.size());
        for (int rel : created) {
            if (storage.relationExists(rel)) {
                storage.dropRelation(rel);
            }
        }
        created.clear();
        droppedFiles.subList(sp.droppedFiles(), droppedFiles.size()).clear();
        onCommit.subList(sp.onCommit(), onCommit.size()).clear();
        List<Runnable> undone = onRollback.subList(sp.onRollback(), onRollback.size());
        List<Runnable> actions = new ArrayList<>(undone);
        undone.clear();
        for (Runnable r : actions) {
            r.run();
        }
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
