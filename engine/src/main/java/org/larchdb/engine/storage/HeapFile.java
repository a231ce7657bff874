package org.larchdb.engine.storage;

/**
 * A relation's heap: a file of 8 KiB slotted pages holding tuples addressed by {@link Tid}.
 * Thread-safe: each call pins and latches the pages it touches through the buffer pool.
 */
public interface HeapFile {

    /** The relation file number this heap lives in. */
    int relfilenode();

    /**
     * Stores a tuple on a page with enough free space (found through the free-space map, so
     * space freed by deletes is reused) or on a new page. Tuples larger than what fits on one
     * page fail with 54000 {@code row is too big: size N, maximum size M}.
     */
    Tid insert(byte[] tuple);

    /** The tuple at {@code tid}, or null when that slot is empty or deleted. */
    byte[] get(Tid tid);

    /** Removes the tuple; false if it was not there. */
    boolean delete(Tid tid);

    /**
     * Replaces the tuple: in place when it fits on its page, else moved (the returned Tid; the
     * old one is then empty). Fails with XX000 {@code attempted to update invisible tuple} when
     * there is no live tuple at {@code tid}, and with 54000 when the new tuple is too big.
     */
    Tid update(Tid tid, byte[] newTuple);

    /** A cursor over all live tuples. */
    HeapScan scan();

    /** Number of blocks in the file. */
    int blockCount();
}
