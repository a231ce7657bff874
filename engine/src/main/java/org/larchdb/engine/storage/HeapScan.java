package org.larchdb.engine.storage;

/**
 * A forward cursor over the live tuples of a heap, in (block, slot) order. It holds no pin or
 * latch between calls to {@link #next()}: a page's tuples are copied out under a shared latch,
 * so a cursor may stay open across protocol round trips (portals) without blocking writers.
 */
public interface HeapScan extends AutoCloseable {

    /** Advances to the next live tuple; false at the end. */
    boolean next();

    /** The current tuple's id. */
    Tid tid();

    /** The current tuple's bytes (a copy the caller may keep). */
    byte[] tuple();

    /**
     * Whether the current tuple's deletion is pending (as of when its page was read): scans still
     * return such tuples, the caller decides (by row lock) whether it sees them.
     */
    boolean deletePending();

    @Override
    void close();
}
