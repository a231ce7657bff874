package org.larchdb.engine.storage;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One buffer pool slot holding one page (PostgreSQL's BufferDesc plus its block). The header
 * fields {@code tag}, {@code pinCount}, {@code usageCount}, {@code valid} and {@code ioInProgress}
 * are guarded by the pool's mapping lock; the page bytes by {@link #latch}; writes to disk by
 * {@link #ioLock}.
 */
final class BufferFrame {
    final int index;
    final byte[] data = new byte[Page.SIZE];
    /** Content latch: shared to read the page, exclusive to change it. Held only while pinned. */
    final ReentrantReadWriteLock latch = new ReentrantReadWriteLock();
    /** Serialises writes of this frame so a flusher never reports done while another write runs. */
    final ReentrantLock ioLock = new ReentrantLock();

    PageTag tag;
    int pinCount;
    int usageCount;
    /** The bytes hold the tag's page (false while it is being read in, or after a failed read). */
    boolean valid;
    boolean ioInProgress;
    /** Changed since last written; set under the exclusive latch, cleared under a shared one. */
    volatile boolean dirty;
    /**
     * Dirty page table entry (ARIES recLsn): the WAL insert position when the frame last went from
     * clean to dirty, so no change on it is older; 0 while clean. Set under the exclusive latch.
     */
    volatile long recLsn;

    BufferFrame(int index) {
        this.index = index;
    }
}
