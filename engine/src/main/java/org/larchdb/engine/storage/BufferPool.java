package org.larchdb.engine.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalWriter;

/**
 * The shared buffer pool: {@code shared_buffers} frames of 8 KiB caching relation pages, with
 * pin counts, content latches and PostgreSQL's clock-sweep replacement (see README.md).
 *
 * <p>One {@link ReentrantLock} (the mapping lock) guards the page table and every frame's header;
 * it is held for a few field updates only, never across I/O or while waiting for a latch. Reading a
 * page in happens after the frame is claimed, with {@code ioInProgress} set so that other pinners of
 * the same page wait on a condition instead of reading it twice.
 */
public final class BufferPool {
    /** PostgreSQL's BM_MAX_USAGE_COUNT: how many sweeps a popular page survives unpinned. */
    static final int MAX_USAGE_COUNT = 5;

    private final RelationFiles files;
    private final BufferFrame[] frames;
    private final ReentrantLock mapLock = new ReentrantLock();
    private final Condition ioDone = mapLock.newCondition();
    private final Map<PageTag, BufferFrame> pageTable;
    private int clockHand;
    /** The log every page change goes to; null for a pool without WAL (unit tests of pages only). */
    private final WalWriter wal;
    /** The latest checkpoint's redo point: a page whose LSN is not above it needs a full-page image. */
    private volatile long redoLsn;
    /**
     * Page changes hold it shared from deciding on a full-page image to appending their record; a
     * checkpoint takes it exclusively to append its begin record and move the redo point, so no
     * change can straddle the redo point without its image.
     */
    final java.util.concurrent.locks.ReentrantReadWriteLock checkpointStart =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    private final MeterRegistry registry;
    private final Counter hits;
    private final Counter misses;
    private final Counter evictions;
    private final Gauge framesGauge;
    private final Gauge dirtyGauge;

    BufferPool(RelationFiles files, int sharedBuffers, MeterRegistry registry) {
        this(files, sharedBuffers, registry, null);
    }

    BufferPool(RelationFiles files, int sharedBuffers, MeterRegistry registry, WalWriter wal) {
        if (sharedBuffers < 1) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "%d is outside the valid range for parameter \"shared_buffers\" (1 .. 1073741823)",
                    sharedBuffers);
        }
        this.files = files;
        this.wal = wal;
        this.frames = new BufferFrame[sharedBuffers];
        for (int i = 0; i < sharedBuffers; i++) {
            frames[i] = new BufferFrame(i);
        }
        this.pageTable = new HashMap<>(sharedBuffers * 2);
        this.registry = registry;
        this.hits = Counter.builder("larch.buffer.pool.hits")
                .description("Page requests served from the buffer pool").register(registry);
        this.misses = Counter.builder("larch.buffer.pool.misses")
                .description("Page requests that read the page from disk").register(registry);
        this.evictions = Counter.builder("larch.buffer.pool.evictions")
                .description("Pages dropped from the buffer pool to make room").register(registry);
        this.framesGauge = Gauge.builder("larch.buffer.pool.frames", this, p -> p.frames.length)
                .description("Frames in the buffer pool (shared_buffers)").register(registry);
        this.dirtyGauge = Gauge.builder("larch.buffer.pool.dirty", this, BufferPool::dirtyCount)
                .description("Frames changed since last written to disk").register(registry);
    }

    /** Pins a page and takes its content latch in shared mode (to read it). */
    public PageGuard pinShared(int relfilenode, int block) {
        PageTag tag = new PageTag(relfilenode, block);
        return latch(pin(tag), tag, false);
    }

    /** Pins a page and takes its content latch in exclusive mode (to change it). */
    public PageGuard pinExclusive(int relfilenode, int block) {
        PageTag tag = new PageTag(relfilenode, block);
        return latch(pin(tag), tag, true);
    }

    /**
     * Extends the relation by one zero-filled page and returns it latched exclusively. Concurrent
     * extenders of the same relation always get distinct blocks (the relation's extension lock).
     */
    public PageGuard pinNew(int relfilenode) {
        RelationFile file = files.get(relfilenode);
        BufferFrame[] installed = new BufferFrame[1];
        // The new frame is latched before the block count is published: nobody can look at the
        // page before the extender has formatted it (PostgreSQL's RBM_ZERO_AND_LOCK).
        int block = file.extend(b -> {
            BufferFrame frame = installZeroed(new PageTag(relfilenode, b));
            try {
                frame.latch.writeLock().lock();
            } catch (RuntimeException | Error e) {
                unpin(frame);
                throw e;
            }
            installed[0] = frame;
        });
        return new PageGuard(this, installed[0], new PageTag(relfilenode, block), true);
    }

    /** The write-ahead log, or null when this pool runs without one. */
    public WalWriter wal() {
        return wal;
    }

    /** The redo point of the latest checkpoint (set when a checkpoint begins). */
    public long redoLsn() {
        return redoLsn;
    }

    public void setRedoLsn(long lsn) {
        this.redoLsn = lsn;
    }

    /**
     * Starts a checkpoint: appends {@code CheckpointBegin} and makes its LSN the redo point, with no
     * page change in flight (see {@link #checkpointStart}). Returns the begin record's position.
     */
    public org.larchdb.engine.storage.wal.WalPosition beginCheckpoint() {
        checkpointStart.writeLock().lock();
        try {
            var p = wal.insert(0, 0, new WalRecord.CheckpointBegin(System.currentTimeMillis()));
            redoLsn = p.start();
            return p;
        } finally {
            checkpointStart.writeLock().unlock();
        }
    }

    /**
     * Pins and latches exclusively a page that is about to be overwritten whole (redo of a full-page
     * image or page init, PostgreSQL's RBM_ZERO_AND_LOCK): the old contents are never read, so a torn
     * page on disk cannot fail its checksum. Blocks past the relation's end are added (as zero pages).
     */
    public PageGuard pinForOverwrite(int relfilenode, int block) {
        RelationFile file = files.get(relfilenode);
        while (file.nblocks() <= block) {
            try (PageGuard g = pinNew(relfilenode)) {
                // a zero page: a valid new page, written when it is changed
            }
        }
        PageTag tag = new PageTag(relfilenode, block);
        BufferFrame frame;
        mapLock.lock();
        try {
            while (true) {
                BufferFrame hit = pageTable.get(tag);
                if (hit != null) {
                    hit.pinCount++;
                    while (hit.ioInProgress) {
                        ioDone.awaitUninterruptibly();
                    }
                    if (hit.valid && tag.equals(hit.tag)) {
                        frame = hit;
                        break;
                    }
                    hit.pinCount--;
                    continue;
                }
                frame = claimVictim(tag);
                if (frame == null) {
                    continue;
                }
                java.util.Arrays.fill(frame.data, (byte) 0);
                frame.valid = true;
                break;
            }
        } finally {
            mapLock.unlock();
        }
        return latch(frame, tag, true);
    }

    /** The dirty page table: (relfilenode, block, recLsn) of every dirty frame (for a checkpoint). */
    public java.util.List<WalRecord.DirtyPage> dirtyPages() {
        java.util.List<WalRecord.DirtyPage> out = new java.util.ArrayList<>();
        mapLock.lock();
        try {
            for (BufferFrame f : frames) {
                long rec = f.recLsn;
                if (f.valid && f.dirty && f.tag != null && rec != 0) {
                    out.add(new WalRecord.DirtyPage(f.tag.relfilenode(), f.tag.block(), rec));
                }
            }
        } finally {
            mapLock.unlock();
        }
        return out;
    }

    /**
     * Test hook simulating a crash: forgets every page without writing it, as if the process died.
     * Only for tests with no page pinned.
     */
    public void discardAllForTesting() {
        mapLock.lock();
        try {
            for (BufferFrame frame : frames) {
                if (frame.tag != null) {
                    pageTable.remove(frame.tag);
                }
                frame.tag = null;
                frame.valid = false;
                frame.dirty = false;
                frame.recLsn = 0;
                frame.usageCount = 0;
            }
        } finally {
            mapLock.unlock();
        }
    }

    /** Called by a guard marking its frame dirty: a clean frame enters the dirty page table. */
    void noteDirty(BufferFrame frame) {
        if (!frame.dirty) {
            frame.recLsn = wal != null ? wal.insertLsn() : 0;
            frame.dirty = true;
        }
    }

    /** Number of blocks of a relation, including extended blocks not yet written. */
    public int blockCount(int relfilenode) {
        return files.get(relfilenode).nblocks();
    }

    public int frameCount() {
        return frames.length;
    }

    /** Frames changed since they were last written (a gauge; racy by nature). */
    public int dirtyCount() {
        int n = 0;
        for (BufferFrame f : frames) {
            if (f.dirty) {
                n++;
            }
        }
        return n;
    }

    int pinnedCount() {
        mapLock.lock();
        try {
            int n = 0;
            for (BufferFrame f : frames) {
                if (f.pinCount > 0) {
                    n++;
                }
            }
            return n;
        } finally {
            mapLock.unlock();
        }
    }

    private PageGuard latch(BufferFrame frame, PageTag tag, boolean exclusive) {
        try {
            if (exclusive) {
                frame.latch.writeLock().lock();
            } else {
                frame.latch.readLock().lock();
            }
        } catch (RuntimeException | Error e) {
            unpin(frame);
            throw e;
        }
        return new PageGuard(this, frame, tag, exclusive);
    }

    /** Finds or reads in the page and pins its frame (PostgreSQL's ReadBuffer/BufferAlloc). */
    private BufferFrame pin(PageTag tag) {
        mapLock.lock();
        try {
            while (true) {
                BufferFrame hit = pageTable.get(tag);
                if (hit != null) {
                    hit.pinCount++;
                    hit.usageCount = Math.min(hit.usageCount + 1, MAX_USAGE_COUNT);
                    while (hit.ioInProgress) {
                        ioDone.awaitUninterruptibly();
                    }
                    if (hit.valid && tag.equals(hit.tag)) {
                        hits.increment();
                        return hit;
                    }
                    hit.pinCount--; // the reader failed; try (and most likely fail) ourselves
                    continue;
                }
                RelationFile file = files.get(tag.relfilenode());
                if (tag.block() < 0 || tag.block() >= file.nblocks()) {
                    throw RelationFile.ioError("could not read block %d in file \"%s\": read only 0 of %d bytes"
                            .formatted(tag.block(), file.name, Page.SIZE), null);
                }
                BufferFrame frame = claimVictim(tag);
                if (frame == null) {
                    continue; // someone read the page in while we were writing a victim
                }
                frame.ioInProgress = true;
                mapLock.unlock();
                boolean ok = false;
                try {
                    file.read(tag.block(), frame.data);
                    Page.verify(frame.data, tag.block(), tag.relfilenode());
                    ok = true;
                } finally {
                    mapLock.lock();
                    frame.ioInProgress = false;
                    if (ok) {
                        frame.valid = true;
                    } else {
                        pageTable.remove(tag);
                        frame.tag = null;
                        frame.pinCount--;
                    }
                    ioDone.signalAll();
                }
                misses.increment();
                return frame;
            }
        } finally {
            mapLock.unlock();
        }
    }

    /** Gives a new, zero-filled block of a relation a frame (under the relation's extension lock). */
    private BufferFrame installZeroed(PageTag tag) {
        mapLock.lock();
        try {
            while (true) {
                BufferFrame frame = pageTable.get(tag);
                if (frame == null) {
                    frame = claimVictim(tag);
                    if (frame == null) {
                        continue;
                    }
                } else {
                    // Only possible if a stale frame of a dropped relation survived; reuse it.
                    frame.pinCount++;
                }
                java.util.Arrays.fill(frame.data, (byte) 0);
                frame.valid = true;
                return frame;
            }
        } finally {
            mapLock.unlock();
        }
    }

    /**
     * Under the mapping lock: picks a victim by clock sweep, writes it back if dirty (dropping the
     * lock meanwhile), and re-maps it to {@code tag}, invalid and pinned once. Returns null when the
     * page table gained {@code tag} while the lock was dropped: the caller must look again.
     */
    private BufferFrame claimVictim(PageTag tag) {
        while (true) {
            BufferFrame victim = clockSweep();
            if (victim.dirty) {
                mapLock.unlock();
                RuntimeException failure = null;
                try {
                    writeBack(victim);
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    mapLock.lock();
                }
                if (failure != null) {
                    victim.pinCount--;
                    throw failure;
                }
                if (pageTable.containsKey(tag)) {
                    victim.pinCount--;
                    return null;
                }
                if (victim.pinCount != 1 || victim.dirty) {
                    victim.pinCount--; // re-used or re-dirtied meanwhile: sweep on
                    continue;
                }
            }
            if (victim.tag != null) {
                pageTable.remove(victim.tag);
                if (victim.valid) {
                    evictions.increment();
                }
            }
            victim.tag = tag;
            victim.valid = false;
            victim.usageCount = 1;
            pageTable.put(tag, victim);
            return victim;
        }
    }

    /**
     * Clock sweep (PostgreSQL's StrategyGetBuffer): advance the hand, decrementing usage counts of
     * unpinned frames, until an unpinned frame with usage 0 turns up. Pinned frames only count down
     * the tries; a full circle of pinned frames without any decrement means all are pinned.
     */
    private BufferFrame clockSweep() {
        int tries = frames.length;
        while (true) {
            BufferFrame frame = frames[clockHand];
            clockHand = clockHand + 1 == frames.length ? 0 : clockHand + 1;
            if (frame.pinCount == 0) {
                if (frame.usageCount == 0) {
                    frame.pinCount = 1;
                    return frame;
                }
                frame.usageCount--;
                tries = frames.length;
            } else if (--tries == 0) {
                throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "no unpinned buffers available");
            }
        }
    }

    void unpin(BufferFrame frame) {
        mapLock.lock();
        try {
            if (frame.pinCount <= 0) {
                throw new IllegalStateException("buffer " + frame.index + " unpinned more than pinned");
            }
            frame.pinCount--;
        } finally {
            mapLock.unlock();
        }
    }

    /**
     * The one place a page goes to disk (the caller holds a pin; the mapping lock is not held).
     * The page is copied under a shared latch, so writers are held off only for the copy; the
     * dirty flag is cleared before the copy, so a change made after it marks the frame dirty again.
     */
    private void writeBack(BufferFrame frame) {
        frame.ioLock.lock();
        try {
            byte[] image;
            PageTag tag;
            frame.latch.readLock().lock();
            try {
                if (!frame.dirty || !frame.valid) {
                    return;
                }
                frame.dirty = false;
                frame.recLsn = 0;
                image = frame.data.clone();
                tag = frame.tag; // stable: a pinned frame keeps its tag
            } finally {
                frame.latch.readLock().unlock();
            }
            // The WAL rule: the log up to the page's LSN is durable before the page can reach disk,
            // so no page on disk is ahead of the log that recovery replays.
            long lsn = Page.lsn(image);
            if (wal != null && lsn != 0) {
                try {
                    wal.flush(lsn);
                } catch (RuntimeException e) {
                    frame.dirty = true;
                    throw e;
                }
            }
            if (!Page.isAllZero(image)) {
                Page.setChecksum(image, tag.block());
            }
            try {
                files.get(tag.relfilenode()).write(tag.block(), image);
            } catch (RuntimeException e) {
                frame.dirty = true;
                throw e;
            }
        } finally {
            frame.ioLock.unlock();
        }
    }

    /** Writes every dirty page and forces the relation files to disk (a checkpoint's data part). */
    public void flushAll() {
        for (BufferFrame frame : frames) {
            mapLock.lock();
            try {
                if (!frame.valid || !frame.dirty) {
                    continue;
                }
                frame.pinCount++;
            } finally {
                mapLock.unlock();
            }
            try {
                writeBack(frame);
            } finally {
                unpin(frame);
            }
        }
        files.forceAll();
    }

    /**
     * Forgets every page of a relation without writing it (its file is about to be deleted).
     * The caller holds the relation exclusively, so none of its pages may be pinned.
     */
    void dropRelation(int relfilenode) {
        mapLock.lock();
        try {
            for (BufferFrame frame : frames) {
                if (frame.tag != null && frame.tag.relfilenode() == relfilenode) {
                    if (frame.pinCount > 0) {
                        throw DbException.internal("buffer of relation base/" + relfilenode + " block "
                                + frame.tag.block() + " is still pinned", null);
                    }
                    pageTable.remove(frame.tag);
                    frame.tag = null;
                    frame.valid = false;
                    frame.dirty = false;
                    frame.usageCount = 0;
                }
            }
        } finally {
            mapLock.unlock();
        }
    }

    /** Unregisters the gauges (they point at this pool); counters stay, as totals of the process. */
    void close() {
        registry.remove(framesGauge);
        registry.remove(dirtyGauge);
    }
}
