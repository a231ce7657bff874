package org.larchdb.engine.storage;

/**
 * A relation's heap: a file of 8 KiB slotted pages holding tuples addressed by {@link Tid}.
 * Thread-safe: each call pins and latches the pages it touches through the buffer pool, one page
 * at a time.
 *
 * <p>Tuples of any size up to 1 GiB - 1 ({@code 1073741823} bytes, PostgreSQL's 1 GB value limit)
 * are accepted. One larger than a page (8164 bytes) is stored transparently as a small head tuple
 * plus chunks on other pages (see storage/README.md); its Tid is the head's, and every method below
 * reads, returns, moves and removes it whole. Chunk Tids are not tuples: {@code get} returns null,
 * {@code delete} false and {@code update} fails for them.
 */
public interface HeapFile {

    /** The relation file number this heap lives in. */
    int relfilenode();

    /**
     * Stores a tuple on a page with enough free space (found through the free-space map, so
     * space freed by deletes is reused) or on a new page; a large one as chunks first, head last, so
     * a failure midway leaves no visible tuple. Tuples over 1073741823 bytes fail with 54000
     * {@code row is too big: size N, maximum size 1073741823}.
     */
    Tid insert(byte[] tuple);

    /**
     * The tuple at {@code tid} (a large one reassembled), or null when that slot is empty, deleted
     * or a chunk. XX001 when a large tuple's chunk is missing while its head is still there.
     */
    byte[] get(Tid tid);

    /** Removes the tuple (a large one's head first, then its chunks); false if it was not there. */
    boolean delete(Tid tid);

    /**
     * Replaces the tuple: in place when both versions are small and the new one fits on its page,
     * else moved by inserting the new version and then deleting the old one (the returned Tid; the
     * old one is then empty), so a failure leaves the old version. Fails with XX000
     * {@code attempted to update invisible tuple} when there is no live tuple at {@code tid}, and
     * with 54000 when the new tuple is too big.
     */
    Tid update(Tid tid, byte[] newTuple);

    /** As {@link #insert(byte[])}, logging every page change in {@code log}'s transaction. */
    Tid insert(TxLog log, byte[] tuple);

    /** As {@link #delete(Tid)}, logged in {@code log}'s transaction. */
    boolean delete(TxLog log, Tid tid);

    /** As {@link #update(Tid, byte[])}, logged in {@code log}'s transaction. */
    Tid update(TxLog log, Tid tid, byte[] newTuple);

    /** A cursor over all live tuples, each large tuple once and whole; chunks are never returned. */
    HeapScan scan();

    /** Number of blocks in the file. */
    int blockCount();

    /** A live tuple and whether its deletion is pending (TEMPORARY until the heap branch lands). */
    record Fetched(byte[] tuple, boolean deletePending) {
    }

    /** The tuple at {@code tid} with its pending-delete flag, or null (TEMPORARY default). */
    default Fetched fetch(Tid tid) {
        byte[] t = get(tid);
        return t == null ? null : new Fetched(t, false);
    }

    /** TEMPORARY default until the heap branch lands: deletes at once. */
    default boolean markDeleted(TxLog log, Tid tid) {
        return delete(log, tid);
    }

    /** TEMPORARY default until the heap branch lands. */
    default boolean purge(Tid tid) {
        return false;
    }

    /** TEMPORARY default until the heap branch lands: claims after the insert. */
    default Tid insert(TxLog log, byte[] tuple, TidClaim claim) {
        Tid tid = insert(log, tuple);
        claim.tryClaim(tid);
        return tid;
    }

    /** TEMPORARY default until the heap branch lands. */
    default Tid update(TxLog log, Tid tid, byte[] newTuple, TidClaim claim) {
        Tid t = update(log, tid, newTuple);
        if (!t.equals(tid)) {
            claim.tryClaim(t);
        }
        return t;
    }
}
