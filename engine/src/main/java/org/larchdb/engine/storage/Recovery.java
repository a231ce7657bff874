package org.larchdb.engine.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.wal.ControlFile;
import org.larchdb.engine.storage.wal.WalEntry;
import org.larchdb.engine.storage.wal.WalPosition;
import org.larchdb.engine.storage.wal.WalReader;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalSegments;
import org.larchdb.engine.storage.wal.WalWriter;

/**
 * ARIES crash recovery (docs/storage.md §9): {@link #analyze} reads the log from the last
 * checkpoint's redo point (before the WAL writer opens and truncates a torn tail), {@link #redo}
 * repeats history page by page, {@link #undo} rolls back the transactions that neither committed
 * nor aborted, with compensation records, so a crash during recovery just repeats it.
 */
public final class Recovery {
    private static final System.Logger LOG = System.getLogger("org.larchdb.engine");

    /** A transaction found running at the end of the log (a loser, unless its end is found). */
    static final class Loser {
        final long xid;
        long lastLsn;
        long undoNextLsn;

        Loser(long xid, long lastLsn, long undoNextLsn) {
            this.xid = xid;
            this.lastLsn = lastLsn;
            this.undoNextLsn = undoNextLsn;
        }
    }

    /** What analysis found. */
    public static final class Analysis {
        final Map<Long, Loser> transactions = new HashMap<>();
        final Map<PageTag, Long> dirtyPages = new HashMap<>();
        /**
         * Tuples that may be delete-pending at the end of recovery: the checkpoint's list plus every
         * mark read from the log. The page decides after undo (a loser's mark is cleared by then,
         * a purge has removed the tuple), so no per-transaction bookkeeping is needed.
         */
        final LinkedHashSet<PendingDelete> pendingCandidates = new LinkedHashSet<>();
        List<PendingDelete> pendingDeletes = List.of();
        long nextXid;
        long redoLsn;
        long endLsn;
        long records;
        boolean crashed;
        boolean tornTail;
        String stopReason;

        public long nextXid() {
            return nextXid;
        }

        public long endLsn() {
            return endLsn;
        }

        public boolean tornTail() {
            return tornTail;
        }

        public String stopReason() {
            return stopReason;
        }

        /** Whether the last shutdown was not clean (the control file's state was not SHUT_DOWN). */
        public boolean crashed() {
            return crashed;
        }

        public long redoLsn() {
            return redoLsn;
        }

        public long records() {
            return records;
        }

        public int losers() {
            return transactions.size();
        }

        /**
         * Set by {@link #undo}: tuples still marked delete-pending once the losers are rolled back,
         * i.e. deleted by transactions that committed before the crash and whose purge did not reach
         * the disk. Recovery does not purge them (index entries must go first): the caller removes
         * their index entries and calls {@link HeapFile#purge} for each, once the catalog is loaded.
         */
        public List<PendingDelete> pendingDeletes() {
            return pendingDeletes;
        }
    }

    /** Test hook: undo throws after this many steps (a crash during recovery); -1 = off. */
    public static volatile long undoStepLimitForTesting = -1;

    private Recovery() {
    }

    /** Pass 1: the transaction table and dirty page table at the end of the valid log. */
    public static Analysis analyze(Path walDir, WalSegments segments, ControlFile control) {
        Analysis a = new Analysis();
        a.redoLsn = control.redoLsn();
        a.crashed = control.state() != ControlFile.State.SHUT_DOWN;
        a.nextXid = control.nextXid();
        WalReader reader = WalReader.open(walDir, segments, control.redoLsn());
        WalEntry cp = WalReader.open(walDir, segments, control.checkpointLsn()).next();
        if (cp == null || !(cp.record() instanceof WalRecord.CheckpointEnd end)) {
            throw new DbException(SqlState.DATA_CORRUPTED, "could not locate a valid checkpoint record at "
                    + WalSegments.format(control.checkpointLsn())).withSeverity(DbException.Severity.PANIC);
        }
        a.nextXid = Math.max(a.nextXid, end.nextXid());
        for (WalRecord.ActiveTransaction t : end.transactions()) {
            a.transactions.put(t.xid(), new Loser(t.xid(), t.lastLsn(), t.undoNextLsn()));
        }
        for (WalRecord.DirtyPage d : end.dirtyPages()) {
            a.dirtyPages.putIfAbsent(new PageTag(d.relfilenode(), d.block()), d.recLsn());
        }
        for (WalRecord.PendingTuple p : end.pendingDeletes()) {
            a.pendingCandidates.add(new PendingDelete(p.relfilenode(), new Tid(p.block(), p.slot())));
        }
        for (WalEntry e; (e = reader.next()) != null; ) {
            a.records++;
            WalRecord r = e.record();
            if (e.xid() != 0) {
                a.nextXid = Math.max(a.nextXid, e.xid() + 1);
                if (r instanceof WalRecord.Commit || r instanceof WalRecord.Abort) {
                    a.transactions.remove(e.xid());
                } else {
                    Loser t = a.transactions.computeIfAbsent(e.xid(), x -> new Loser(x, 0, 0));
                    t.lastLsn = e.lsn();
                    t.undoNextLsn = r instanceof WalRecord.Compensation c ? c.undoNextLsn() : e.lsn();
                }
            }
            WalRecord page = r instanceof WalRecord.Compensation c ? c.redo() : r;
            if (page instanceof WalRecord.HeapMarkDeleted m) {
                a.pendingCandidates.add(new PendingDelete(m.relfilenode(), new Tid(m.block(), m.slot())));
            }
            for (PageTag tag : pagesOf(page)) {
                a.dirtyPages.putIfAbsent(tag, e.lsn());
            }
        }
        a.endLsn = reader.endLsn();
        a.tornTail = reader.tornTail();
        a.stopReason = reader.stopReason();
        return a;
    }

    private static List<PageTag> pagesOf(WalRecord r) {
        if (r instanceof WalRecord.IndexPageChange ipc) {
            List<PageTag> out = new ArrayList<>();
            for (int block : ipc.blocks()) {
                out.add(new PageTag(ipc.relfilenode(), block));
            }
            return out;
        }
        if (r instanceof WalRecord.PageRecord p) {
            return List.of(new PageTag(p.relfilenode(), p.block()));
        }
        return List.of();
    }

    /** Pass 2: repeats history from the oldest change not known to be on disk. Returns records redone. */
    public static long redo(Path walDir, PageStorage storage, Analysis a) {
        long start = a.redoLsn;
        for (long rec : a.dirtyPages.values()) {
            start = Math.min(start, rec);
        }
        WalReader reader = WalReader.open(walDir, storage.wal().segments(), start);
        long applied = 0;
        for (WalEntry e; (e = reader.next()) != null && e.lsn() < a.endLsn; ) {
            WalRecord r = e.record() instanceof WalRecord.Compensation c ? c.redo() : e.record();
            switch (r) {
                case WalRecord.RelationCreate c -> {
                    if (!storage.relationExists(c.relfilenode())) {
                        storage.createRelation(c.relfilenode());
                    }
                }
                case WalRecord.RelationDrop d -> dropIfPresent(storage, d.relfilenode());
                case WalRecord.Commit c -> {
                    for (int rel : c.droppedRelfilenodes()) {
                        dropIfPresent(storage, rel);
                    }
                }
                case WalRecord.Abort ab -> {
                    for (int rel : ab.createdRelfilenodes()) {
                        dropIfPresent(storage, rel);
                    }
                }
                case WalRecord.PageRecord p -> {
                    if (redoPage(storage, a, e, p)) {
                        applied++;
                    }
                }
                default -> {
                    // checkpoints, logical index records (their pages are logged as images)
                }
            }
        }
        return applied;
    }

    private static void dropIfPresent(PageStorage storage, int rel) {
        if (storage.relationExists(rel)) {
            storage.dropRelation(rel);
        }
    }

    private static boolean needsRedo(Analysis a, PageTag tag, WalEntry e) {
        Long rec = a.dirtyPages.get(tag);
        return rec != null && e.lsn() >= rec;
    }

    private static boolean redoPage(PageStorage storage, Analysis a, WalEntry e, WalRecord.PageRecord r) {
        if (!storage.relationExists(r.relfilenode())) {
            return false; // dropped later in history
        }
        BufferPool pool = storage.bufferPool();
        long end = e.endLsn();
        switch (r) {
            case WalRecord.IndexPageChange ipc when !ipc.isImage() -> {
                if (!needsRedo(a, new PageTag(ipc.relfilenode(), ipc.block()), e)) {
                    return false;
                }
                try (PageGuard g = pinForRedo(pool, ipc.relfilenode(), ipc.block())) {
                    if (Page.lsn(g.bytes()) >= end) {
                        return false;
                    }
                    org.larchdb.engine.storage.btree.BTree.redoLeafChange(g.bytes(), ipc.kind(), ipc.data());
                    g.markDirty();
                    g.setLsn(end);
                    return true;
                }
            }
            case WalRecord.IndexPageChange ipc -> {
                boolean any = false;
                for (Map.Entry<Integer, byte[]> page : ipc.pages().entrySet()) {
                    if (!needsRedo(a, new PageTag(ipc.relfilenode(), page.getKey()), e)) {
                        continue;
                    }
                    try (PageGuard g = pool.pinForOverwrite(ipc.relfilenode(), page.getKey())) {
                        if (Page.lsn(g.bytes()) < end) {
                            System.arraycopy(page.getValue(), 0, g.bytes(), 0, Page.SIZE);
                            g.markDirty();
                            g.setLsn(end);
                            any = true;
                        }
                    }
                }
                return any;
            }
            case WalRecord.FullPageImage f -> {
                if (!needsRedo(a, new PageTag(f.relfilenode(), f.block()), e)) {
                    return false;
                }
                try (PageGuard g = pool.pinForOverwrite(f.relfilenode(), f.block())) {
                    if (Page.lsn(g.bytes()) >= end) {
                        return false;
                    }
                    System.arraycopy(f.page(), 0, g.bytes(), 0, Page.SIZE);
                    g.markDirty();
                    g.setLsn(end);
                    return true;
                }
            }
            case WalRecord.PageInit init -> {
                if (!needsRedo(a, new PageTag(init.relfilenode(), init.block()), e)) {
                    return false;
                }
                try (PageGuard g = pool.pinForOverwrite(init.relfilenode(), init.block())) {
                    if (Page.lsn(g.bytes()) >= end) {
                        return false;
                    }
                    java.util.Arrays.fill(g.bytes(), (byte) 0);
                    Page.initHeader(g.bytes(), init.specialSize());
                    g.markDirty();
                    g.setLsn(end);
                    return true;
                }
            }
            default -> {
                if (!needsRedo(a, new PageTag(r.relfilenode(), r.block()), e)) {
                    return false;
                }
                try (PageGuard g = pinForRedo(pool, r.relfilenode(), r.block())) {
                    if (Page.lsn(g.bytes()) >= end) {
                        return false;
                    }
                    applyHeap(g.heapPage(), r, e);
                    g.markDirty();
                    g.setLsn(end);
                    return true;
                }
            }
        }
    }

    private static PageGuard pinForRedo(BufferPool pool, int rel, int block) {
        if (block >= pool.blockCount(rel)) {
            return pool.pinForOverwrite(rel, block); // never written: a zero (new) page
        }
        return pool.pinExclusive(rel, block);
    }

    private static void applyHeap(HeapPage page, WalRecord.PageRecord r, WalEntry e) {
        boolean ok = switch (r) {
            case WalRecord.HeapInsert i -> page.insertAt(i.slot(), i.tuple(), i.overflow());
            case WalRecord.HeapDelete d -> page.kill(d.slot());
            case WalRecord.HeapUpdate u -> page.isLive(u.slot()) && page.update(u.slot(), u.newTuple());
            case WalRecord.HeapMarkDeleted m -> page.markDeletePending(m.slot());
            case WalRecord.HeapUnmarkDeleted m -> page.clearDeletePending(m.slot());
            case WalRecord.HeapPurge p -> page.kill(p.slot());
            default -> true;
        };
        if (!ok) {
            throw new DbException(SqlState.DATA_CORRUPTED, "WAL redo at %s failed for %s"
                    .formatted(WalSegments.format(e.lsn()), r.getClass().getSimpleName()))
                    .withSeverity(DbException.Severity.PANIC);
        }
    }

    /**
     * Pass 3: undoes the losers newest record first across all of them, logging a CLR per step and
     * an Abort when a loser's chain is done. Returns the number of records undone.
     */
    public static long undo(Path walDir, PageStorage storage, Analysis a) {
        WalWriter wal = storage.wal();
        record Work(long lsn, Loser loser) {
        }
        PriorityQueue<Work> queue = new PriorityQueue<>((x, y) -> Long.compare(y.lsn(), x.lsn()));
        Map<Long, LoserLog> logs = new HashMap<>();
        for (Loser t : a.transactions.values()) {
            logs.put(t.xid, new LoserLog(t.xid, t.lastLsn));
            if (t.undoNextLsn != 0) {
                queue.add(new Work(t.undoNextLsn, t));
            } else {
                logs.get(t.xid).finish(storage, wal);
            }
        }
        WalReader reader = queue.isEmpty() ? null : WalReader.open(walDir, wal.segments(), queue.peek().lsn());
        long undone = 0;
        while (!queue.isEmpty()) {
            if (undoStepLimitForTesting >= 0 && undone >= undoStepLimitForTesting) {
                throw new IllegalStateException("simulated crash during recovery after " + undone + " undo steps");
            }
            Work w = queue.poll();
            WalEntry e = reader.readAt(w.lsn());
            if (e == null || e.xid() != w.loser().xid) {
                throw new DbException(SqlState.DATA_CORRUPTED, "undo of transaction %d: no record of it at %s"
                        .formatted(w.loser().xid, WalSegments.format(w.lsn()))).withSeverity(DbException.Severity.PANIC);
            }
            LoserLog log = logs.get(w.loser().xid);
            long next;
            if (e.record() instanceof WalRecord.Compensation c) {
                next = c.undoNextLsn();
            } else {
                if (e.record() instanceof WalRecord.RelationCreate rc) {
                    log.created.add(rc.relfilenode());
                }
                storage.undo(e, log, log.moves);
                undone++;
                next = e.prevLsn();
            }
            if (next != 0) {
                queue.add(new Work(next, w.loser()));
            } else {
                log.finish(storage, wal);
            }
        }
        a.pendingDeletes = stillPending(storage, a.pendingCandidates);
        return undone;
    }

    /**
     * The candidates whose page still has the delete-pending bit after redo and undo; each is
     * remembered by its heap so later checkpoints keep listing it until it is purged.
     */
    private static List<PendingDelete> stillPending(PageStorage storage, Iterable<PendingDelete> candidates) {
        List<PendingDelete> out = new ArrayList<>();
        BufferPool pool = storage.bufferPool();
        for (PendingDelete p : candidates) {
            Tid tid = p.tid();
            if (!storage.relationExists(p.relfilenode()) || tid.block() >= pool.blockCount(p.relfilenode())) {
                continue;
            }
            boolean marked;
            try (PageGuard g = pool.pinShared(p.relfilenode(), tid.block())) {
                marked = g.heapPage().isDeletePending(tid.slot());
            }
            if (marked) {
                storage.heapFile(p.relfilenode()).notePending(tid);
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** The log context of a loser during undo: its CLRs continue its chain. */
    private static final class LoserLog implements TxLog {
        final long xid;
        long lastLsn;
        final TupleMoves moves = new TupleMoves();
        final List<Integer> created = new ArrayList<>();

        LoserLog(long xid, long lastLsn) {
            this.xid = xid;
            this.lastLsn = lastLsn;
        }

        @Override
        public WalPosition log(WalWriter wal, WalRecord record) {
            WalPosition p = wal.insert(xid, lastLsn, record);
            lastLsn = p.start();
            return p;
        }

        void finish(PageStorage storage, WalWriter wal) {
            log(wal, new WalRecord.Abort(System.currentTimeMillis(),
                    created.stream().mapToInt(Integer::intValue).toArray()));
            for (int rel : created) {
                dropIfPresent(storage, rel);
            }
        }
    }

    /** Logs at INFO level in PostgreSQL's words. */
    static void info(String message) {
        LOG.log(System.Logger.Level.INFO, message);
    }
}
