package org.larchdb.engine.storage;

/**
 * A pinned and latched page, released by {@link #close()}: always use it in try-with-resources
 * ({@code try (PageGuard g = pool.pinShared(rel, blk)) {...}}) so neither the pin nor the latch can
 * leak. A shared guard may only read {@link #bytes()}; an exclusive guard may change them and then
 * must call {@link #markDirty()} before closing. Not thread-safe: one guard belongs to one thread.
 */
public final class PageGuard implements AutoCloseable {
    private final BufferPool pool;
    private final BufferFrame frame;
    private final PageTag tag;
    private final boolean exclusive;
    private boolean released;
    /** Inside beginChange … close: holds the pool's checkpoint-start lock shared. */
    private boolean changing;
    /** The page before the change when a full-page image is due, logged ahead of the change's record. */
    private byte[] imageBefore;

    PageGuard(BufferPool pool, BufferFrame frame, PageTag tag, boolean exclusive) {
        this.pool = pool;
        this.frame = frame;
        this.tag = tag;
        this.exclusive = exclusive;
    }

    public PageTag tag() {
        return tag;
    }

    public int block() {
        return tag.block();
    }

    public boolean exclusive() {
        return exclusive;
    }

    /** The page bytes, valid until {@link #close()}. */
    public byte[] bytes() {
        checkHeld();
        return frame.data;
    }

    /** A heap-page view of the bytes. */
    public HeapPage heapPage() {
        return new HeapPage(bytes());
    }

    /**
     * Records that the page was changed so it is written back before its frame is reused. This is
     * where a page change becomes durable-to-be: the future WAL appends its record and stamps the
     * page LSN ({@link Page#setLsn}) right after this call, still under the exclusive latch.
     */
    public void markDirty() {
        checkHeld();
        if (!exclusive) {
            throw new IllegalStateException("page " + tag + " changed under a shared latch");
        }
        pool.noteDirty(frame);
    }

    /** Stamps the page LSN with a record's end LSN (after appending it, before releasing the latch). */
    public void setLsn(long endLsn) {
        checkHeld();
        if (endLsn != 0) {
            Page.setLsn(frame.data, endLsn);
        }
    }

    /**
     * Call before changing the page (exclusive latch held): decides, atomically with respect to a
     * checkpoint starting, whether the change needs a full-page image and keeps the page as it is
     * now if so. The decision holds until {@link #close()}, so a checkpoint cannot begin between
     * it and the append of the change's record (a record appended after a checkpoint's begin always
     * has its image).
     */
    public void beginChange() {
        checkHeld();
        if (changing || pool.wal() == null) {
            return;
        }
        pool.checkpointStart.readLock().lock();
        changing = true;
        if (needsFullPageImage()) {
            imageBefore = frame.data.clone();
        }
    }

    /**
     * Appends a change's record through {@code log} (after the full-page image, if one is due) and
     * stamps the page LSN. The page was changed and marked dirty under the exclusive latch.
     */
    public org.larchdb.engine.storage.wal.WalPosition logChange(TxLog log,
                                                                 org.larchdb.engine.storage.wal.WalRecord record) {
        checkHeld();
        var wal = pool.wal();
        if (imageBefore != null && wal != null) {
            setLsn(wal.append(new org.larchdb.engine.storage.wal.WalRecord.FullPageImage(tag.relfilenode(),
                    tag.block(), imageBefore)));
        }
        imageBefore = null;
        var p = log.log(wal, record);
        setLsn(p.end());
        return p;
    }

    /**
     * Whether the next change of this page must first log a full-page image (torn-page protection):
     * the page was not changed since the latest checkpoint began and is not a never-written zero page.
     */
    public boolean needsFullPageImage() {
        checkHeld();
        return pool.wal() != null && Page.lsn(frame.data) <= pool.redoLsn() && !Page.isAllZero(frame.data);
    }

    private void checkHeld() {
        if (released) {
            throw new IllegalStateException("page " + tag + " used after its guard was closed");
        }
    }

    /** Releases the latch, then the pin (in that order: a latch is only ever held while pinned). */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        if (changing) {
            changing = false;
            imageBefore = null;
            pool.checkpointStart.readLock().unlock();
        }
        if (exclusive) {
            frame.latch.writeLock().unlock();
        } else {
            frame.latch.readLock().unlock();
        }
        pool.unpin(frame);
    }
}
