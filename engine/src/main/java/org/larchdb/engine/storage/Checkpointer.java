package org.larchdb.engine.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.larchdb.engine.storage.wal.ControlFile;
import org.larchdb.engine.storage.wal.WalPosition;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalWriter;

/**
 * Fuzzy checkpoints (docs/storage.md §8): begin record and new redo point, every dirty page
 * written (WAL first) while sessions go on, end record with the transaction and dirty page tables,
 * control file, old segments removed. One checkpoint at a time; a background thread triggers one
 * every {@code checkpoint_timeout} or when more than half of {@code max_wal_size} was written since
 * the last redo point (PostgreSQL's trigger is similar: max_wal_size spread over ~2 cycles).
 */
public final class Checkpointer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.larchdb.engine");

    private final Path dataDir;
    private final PageStorage storage;
    private final WalWriter wal;
    private final Supplier<List<WalRecord.ActiveTransaction>> activeTransactions;
    private final LongSupplier nextXid;
    private final LongSupplier oldestFirstLsn;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long lastCheckpointNanos = System.nanoTime();
    private ScheduledExecutorService thread;

    /**
     * @param activeTransactions the running transactions (xid, lastLsn, undoNextLsn)
     * @param oldestFirstLsn     first LSN of the oldest running transaction (0: none) — its records
     *                           must survive segment removal for undo
     */
    public Checkpointer(Path dataDir, Storage storage, Supplier<List<WalRecord.ActiveTransaction>> activeTransactions,
                        LongSupplier nextXid, LongSupplier oldestFirstLsn) {
        this.dataDir = dataDir;
        this.storage = (PageStorage) storage;
        this.wal = storage.wal();
        this.activeTransactions = activeTransactions;
        this.nextXid = nextXid;
        this.oldestFirstLsn = oldestFirstLsn;
    }

    /** Runs one checkpoint now; {@code state} goes into the control file. Returns the redo point. */
    public long checkpoint(ControlFile.State state) {
        lock.lock();
        try {
            long t0 = System.nanoTime();
            BufferPool pool = storage.bufferPool();
            WalPosition begin = pool.beginCheckpoint();
            pool.flushAll();
            List<WalRecord.DirtyPage> dirty = pool.dirtyPages();
            long xid = nextXid.getAsLong();
            // Pending deletes whose mark records may fall before the redo point: recovery checks
            // them (still marked after undo = committed, purge lost) as well as marks it reads.
            List<WalRecord.PendingTuple> pending = storage.pendingDeletes().stream()
                    .map(p -> new WalRecord.PendingTuple(p.relfilenode(), p.tid().block(), p.tid().slot()))
                    .toList();
            WalPosition end = wal.insert(0, 0, new WalRecord.CheckpointEnd(begin.start(), xid,
                    activeTransactions.get(), dirty, pending));
            wal.flush(end.end());
            new ControlFile(state, end.start(), begin.start(), xid, System.currentTimeMillis()).write(dataDir);
            long keep = begin.start();
            for (WalRecord.DirtyPage d : dirty) {
                keep = Math.min(keep, d.recLsn());
            }
            long oldest = oldestFirstLsn.getAsLong();
            if (oldest != 0) {
                keep = Math.min(keep, oldest);
            }
            int removed = wal.removeBefore(keep);
            lastCheckpointNanos = System.nanoTime();
            LOG.log(System.Logger.Level.DEBUG, "checkpoint complete: redo point %s, %d WAL segment(s) removed, %d ms"
                    .formatted(org.larchdb.engine.storage.wal.WalSegments.format(begin.start()), removed,
                            (System.nanoTime() - t0) / 1_000_000));
            return begin.start();
        } finally {
            lock.unlock();
        }
    }

    /** Starts the background thread: checks once a second whether a checkpoint is due. */
    public void start(Duration timeout, long maxWalBytes) {
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("larch-checkpointer").factory());
        thread.scheduleWithFixedDelay(() -> {
            try {
                boolean timeUp = System.nanoTime() - lastCheckpointNanos >= timeout.toNanos();
                boolean walFull = wal.insertLsn() - storage.bufferPool().redoLsn() > maxWalBytes / 2;
                if (timeUp || walFull) {
                    checkpoint(ControlFile.State.IN_PRODUCTION);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "checkpoint failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops the background thread (waiting for a running checkpoint). */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
