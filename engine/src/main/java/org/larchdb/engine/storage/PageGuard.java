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
        frame.dirty = true;
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
        if (exclusive) {
            frame.latch.writeLock().unlock();
        } else {
            frame.latch.readLock().unlock();
        }
        pool.unpin(frame);
    }
}
