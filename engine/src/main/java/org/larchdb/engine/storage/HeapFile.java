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
 *
 * <p><b>Pending deletes</b> (strict two-phase locking, no MVCC): a transaction deleting a row calls
 * {@link #markDeleted}; the tuple stays in place, readable and flagged ({@link #fetch},
 * {@link HeapScan#deletePending()}), until the transaction ends: rollback clears the flag (undo),
 * commit is followed by {@link #purge}, which removes it physically. No tid ever moves for this.
 */
public interface HeapFile {

    /** A tuple as stored, with its delete-pending flag. */
    record Fetched(byte[] tuple, boolean deletePending) {
    }

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

    /**
     * Removes the tuple at once (a large one's head first, then its chunks); false if it was not
     * there or is delete-pending (only {@link #purge} removes those). Used by catalogs; user-table
     * deletes use {@link #markDeleted} and {@link #purge}.
     */
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

    /**
     * As {@link #update(Tid, byte[])}, logged in {@code log}'s transaction, except that when the
     * tuple moves the old version is only marked deleted ({@link #markDeleted}): the caller purges
     * the old tid after commit. Fails with XX000 as above when the old tuple is delete-pending.
     */
    Tid update(TxLog log, Tid tid, byte[] newTuple);

    /**
     * As {@link #update(TxLog, Tid, byte[])}; when the tuple moves, the new version's tid is
     * claimed through {@code claim} ({@link #insert(TxLog, byte[], TidClaim)}).
     */
    Tid update(TxLog log, Tid tid, byte[] newTuple, TidClaim claim);

    /**
     * As {@link #insert(TxLog, byte[])}, but the tid is offered to {@code claim} before the tuple
     * is written (page latched); a refused tid is never used (another slot or page is taken). For
     * a large tuple only the head's tid is offered.
     */
    Tid insert(TxLog log, byte[] tuple, TidClaim claim);

    /**
     * Marks the live tuple at {@code tid} delete-pending (a large one: its head), logged as
     * {@code HeapMarkDeleted} in {@code log}'s transaction; its undo clears the mark. The tuple stays
     * where it is and {@link #get} still returns it. False when there is no live tuple at
     * {@code tid} or it is already pending.
     */
    boolean markDeleted(TxLog log, Tid tid);

    /**
     * The tuple at {@code tid} (a large one reassembled) with its delete-pending flag, or null as
     * for {@link #get}.
     */
    Fetched fetch(Tid tid);

    /**
     * Physically removes the tuple at {@code tid} (a large one with its chunks) if and only if it is
     * delete-pending; false otherwise (a live, unmarked tuple is never removed). Redo-only (no
     * undo): call it after the deleting transaction's Commit record, once its index entries are gone.
     */
    boolean purge(Tid tid);

    /** A cursor over all live tuples, each large tuple once and whole; chunks are never returned. */
    HeapScan scan();

    /** Number of blocks in the file. */
    int blockCount();
}
