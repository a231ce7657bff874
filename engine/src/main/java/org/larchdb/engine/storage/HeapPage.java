package org.larchdb.engine.storage;

import java.util.Arrays;
import org.larchdb.engine.error.DbException;

/**
 * A slotted heap page: a view over one 8 KiB page buffer (a buffer pool frame's bytes). After the
 * {@link Page} header comes an array of 4-byte line pointers growing up (pd_lower) and tuple data
 * growing down from the end (pd_upper). A tuple's {@code slot} is its line pointer index, stable for
 * the tuple's lifetime: compaction moves tuple bytes, never line pointers.
 *
 * <p>A line pointer packs, like PostgreSQL's ItemIdData: {@code lp_off} (15 bits), {@code lp_flags}
 * (2 bits: unused, normal, overflow, dead) and {@code lp_len} (15 bits). A deleted tuple's pointer becomes dead
 * and its bytes become a hole; holes are reclaimed by {@link #compact()}, which inserts and updates run by
 * themselves when the contiguous gap is too small but the total free space is enough.
 *
 * <p>Bit 14 of {@code lp_off} ({@link #LP_DELETE_PENDING}) marks a tuple whose deletion awaits
 * its transaction's end: the tuple keeps its bytes and slot, is still returned by {@link #get},
 * and is removed (marked dead) only by a later purge, or the bit is cleared by rollback.
 *
 * <p>An <em>overflow</em> pointer (flag 2, PostgreSQL's LP_REDIRECT value, unused by this heap otherwise)
 * marks a part of a tuple too large for a page: the head or a chunk (see {@link OverflowTuple}). It
 * occupies space like a normal tuple but is invisible to {@link #get}/{@link #isLive}/{@link #delete},
 * so scans and callers of the page never mistake a part for a row; the heap reaches it through the
 * {@code ...Overflow} methods.
 *
 * <p>Callers hold the frame's content latch: shared for reads, exclusive for changes (and then
 * mark the frame dirty). The view itself keeps no state besides the array, so it is cheap to create.
 * A never-initialised (all-zero) page reads as empty and is initialised by the first insert.
 */
public final class HeapPage {

    static final int LINE_POINTER_SIZE = 4;
    static final int LP_UNUSED = 0;
    static final int LP_NORMAL = 1;
    /** Head or chunk of a tuple stored across pages; see {@link OverflowTuple}. */
    static final int LP_OVERFLOW = 2;
    static final int LP_DEAD = 3;
    /**
     * Line-pointer bit: the tuple's deletion is pending (its transaction has not committed, or has
     * and the purge has not run yet). Bit 14 of {@code lp_off}: offsets never exceed 8192 (bit 13),
     * so pages written before this bit existed read as "not pending".
     */
    static final int LP_DELETE_PENDING = 1 << 14;
    /** pd_flags bit: some line pointer is unused or dead, so an insert may reuse it. */
    static final int PD_HAS_FREE_LINES = 0x0001;

    /** The largest tuple that fits: an empty page with one line pointer. */
    public static final int MAX_TUPLE_SIZE = Page.SIZE - Page.HEADER_SIZE - LINE_POINTER_SIZE;

    private final byte[] page;

    public HeapPage(byte[] page) {
        if (page.length != Page.SIZE) {
            throw new IllegalArgumentException("page must be " + Page.SIZE + " bytes");
        }
        this.page = page;
    }

    /** Formats the buffer as an empty heap page (no special space). */
    public void init() {
        Page.initHeader(page, 0);
    }

    public boolean isNew() {
        return Page.isNew(page);
    }

    /** Number of line pointers (live or not); slots are {@code 0 .. slotCount()-1}. */
    public int slotCount() {
        return isNew() ? 0 : (lower() - Page.HEADER_SIZE) / LINE_POINTER_SIZE;
    }

    /** Whether {@code slot} holds a live tuple. */
    public boolean isLive(int slot) {
        return slot >= 0 && slot < slotCount() && lpFlags(linePointer(slot)) == LP_NORMAL;
    }

    /** Whether {@code slot} holds an overflow part (head or chunk of a large tuple). */
    public boolean isOverflow(int slot) {
        return slot >= 0 && slot < slotCount() && lpFlags(linePointer(slot)) == LP_OVERFLOW;
    }

    /** A copy of the tuple in {@code slot}, or null when the slot is empty, dead, an overflow part or out of range. */
    public byte[] get(int slot) {
        return isLive(slot) ? copyOut(slot) : null;
    }

    /** A copy of the overflow part in {@code slot}, or null when the slot holds none. */
    public byte[] getOverflow(int slot) {
        return isOverflow(slot) ? copyOut(slot) : null;
    }

    private byte[] copyOut(int slot) {
        int lp = linePointer(slot);
        int off = lpOff(lp);
        return Arrays.copyOfRange(page, off, off + lpLen(lp));
    }

    /**
     * Bytes available to one new tuple: the contiguous gap plus the holes left by deleted or shrunk
     * tuples, less a line pointer when no slot can be reused. {@code insert(t)} succeeds exactly
     * when {@code t.length <= freeSpace()}.
     */
    public int freeSpace() {
        return isNew() ? MAX_TUPLE_SIZE : Math.max(unclampedFreeSpace(), 0);
    }

    /** As {@link #freeSpace()}, but negative when not even a line pointer fits. */
    private int unclampedFreeSpace() {
        int n = slotCount();
        int live = 0;
        boolean reusable = false;
        for (int i = 0; i < n; i++) {
            int lp = linePointer(i);
            if (occupied(lp)) {
                live += lpLen(lp);
            } else {
                reusable = true;
            }
        }
        int free = special() - lower() - live;
        if (!reusable) {
            free -= LINE_POINTER_SIZE;
        }
        return free;
    }

    /**
     * Stores a tuple, reusing a dead or unused slot when there is one and compacting when only the
     * holes make room. Returns the slot, or -1 when the tuple does not fit (the page is unchanged).
     */
    public int insert(byte[] tuple) {
        return insert(tuple, LP_NORMAL);
    }

    /** As {@link #insert(byte[])}, for an overflow part (head or chunk) of a large tuple. */
    public int insertOverflow(byte[] part) {
        return insert(part, LP_OVERFLOW);
    }

    /**
     * As {@link #insert(byte[])} / {@link #insertOverflow(byte[])}, but only into a slot that
     * {@code claim} accepts. Candidates, in order: each unused or dead slot, then new line pointers
     * at the end of the array (a few, for a claim that refuses the first one). {@code claim} is asked
     * before anything is written; a refused slot is never used. Returns the slot, or -1 when the
     * tuple does not fit or every candidate was refused (the page is then unchanged).
     */
    public int insert(byte[] tuple, boolean overflow, java.util.function.IntPredicate claim) {
        int len = tuple.length;
        if (len > MAX_TUPLE_SIZE) {
            return -1;
        }
        int n = slotCount();
        int free = isNew() ? Page.SIZE - Page.HEADER_SIZE : special() - lower() - occupiedBytes();
        if (len <= free && (isNew() || (flags() & PD_HAS_FREE_LINES) != 0)) {
            for (int i = 0; i < n; i++) {
                if (!occupied(linePointer(i)) && claim.test(i)) {
                    insertAt(i, tuple, overflow);
                    return i;
                }
            }
        }
        for (int s = n; s < n + MAX_NEW_SLOT_TRIES && len + (s + 1 - n) * LINE_POINTER_SIZE <= free; s++) {
            if (claim.test(s)) {
                insertAt(s, tuple, overflow);
                return s;
            }
        }
        return -1;
    }

    /** New line pointers tried by a claimed insert before giving up on the page. */
    private static final int MAX_NEW_SLOT_TRIES = 4;

    private int occupiedBytes() {
        int n = slotCount();
        int live = 0;
        for (int i = 0; i < n; i++) {
            int lp = linePointer(i);
            if (occupied(lp)) {
                live += lpLen(lp);
            }
        }
        return live;
    }

    private int insert(byte[] tuple, int flags) {
        int len = tuple.length;
        if (len > MAX_TUPLE_SIZE) {
            return -1;
        }
        if (isNew()) {
            init();
        }
        int slot = findFreeSlot();
        int lpCost = slot < 0 ? LINE_POINTER_SIZE : 0;
        if (upper() - lower() < len + lpCost) {
            if (unclampedFreeSpace() < len) {
                return -1;
            }
            compact();
            slot = findFreeSlot();
            lpCost = slot < 0 ? LINE_POINTER_SIZE : 0;
        }
        if (slot < 0) {
            slot = slotCount();
            setLower(lower() + LINE_POINTER_SIZE);
        }
        int off = upper() - len;
        System.arraycopy(tuple, 0, page, off, len);
        setUpper(off);
        setLinePointer(slot, lp(off, flags, len));
        return slot;
    }

    /** Marks the tuple dead; its bytes become reclaimable. False if the slot held no live tuple. */
    public boolean delete(int slot) {
        return isLive(slot) && markDead(slot);
    }

    /** Marks an overflow part dead. False if the slot held none. */
    public boolean deleteOverflow(int slot) {
        return isOverflow(slot) && markDead(slot);
    }

    /**
     * Redo/undo entry point: stores {@code tuple} exactly at {@code slot}, which must be unused or
     * dead (or past the end of the line-pointer array, which grows). Compacts if only the holes make
     * room. Returns false (page unchanged) if it does not fit; XX001 if the slot holds a tuple.
     */
    public boolean insertAt(int slot, byte[] tuple, boolean overflow) {
        if (isNew()) {
            init();
        }
        if (slot < slotCount() && occupied(linePointer(slot))) {
            throw DbException.of(org.larchdb.engine.error.SqlState.DATA_CORRUPTED,
                    "WAL redo/undo: slot %d is in use", slot);
        }
        int len = tuple.length;
        if (upper() - lower() < len + growth(slot)) {
            compact();
            if (upper() - lower() < len + growth(slot)) {
                return false;
            }
        }
        int n = slotCount();
        if (slot >= n) {
            for (int i = n; i < slot; i++) {
                setLinePointer(i, lp(0, LP_UNUSED, 0));
            }
            setLower(Page.HEADER_SIZE + (slot + 1) * LINE_POINTER_SIZE);
            if (slot > n) {
                setFlags(flags() | PD_HAS_FREE_LINES);
            }
        }
        int off = upper() - len;
        System.arraycopy(tuple, 0, page, off, len);
        setUpper(off);
        setLinePointer(slot, lp(off, overflow ? LP_OVERFLOW : LP_NORMAL, len));
        return true;
    }

    private int growth(int slot) {
        return Math.max(0, slot + 1 - slotCount()) * LINE_POINTER_SIZE;
    }

    /** Redo/undo entry point: marks whatever tuple or part is in {@code slot} dead; false if none. */
    public boolean kill(int slot) {
        return slot >= 0 && slot < slotCount() && occupied(linePointer(slot)) && markDead(slot);
    }

    /** Whether {@code slot} holds a tuple or an overflow part (is not unused or dead). */
    public boolean isOccupied(int slot) {
        return slot >= 0 && slot < slotCount() && occupied(linePointer(slot));
    }

    /** Whether the tuple or overflow part in {@code slot} is marked delete-pending. */
    public boolean isDeletePending(int slot) {
        return isOccupied(slot) && (linePointer(slot) & LP_DELETE_PENDING) != 0;
    }

    /**
     * Sets the delete-pending bit of the tuple or overflow part in {@code slot} (its bytes stay).
     * False, page unchanged, if the slot holds nothing or is already pending.
     */
    public boolean markDeletePending(int slot) {
        if (!isOccupied(slot) || isDeletePending(slot)) {
            return false;
        }
        setLinePointer(slot, linePointer(slot) | LP_DELETE_PENDING);
        return true;
    }

    /** Clears the delete-pending bit of {@code slot}; false, page unchanged, if it was not set. */
    public boolean clearDeletePending(int slot) {
        if (!isDeletePending(slot)) {
            return false;
        }
        setLinePointer(slot, linePointer(slot) & ~LP_DELETE_PENDING);
        return true;
    }

    private boolean markDead(int slot) {
        int lp = linePointer(slot);
        setLinePointer(slot, lp(lpOff(lp), LP_DEAD, lpLen(lp))); // the pending bit goes with the tuple
        setFlags(flags() | PD_HAS_FREE_LINES);
        return true;
    }

    /**
     * Replaces the live tuple in {@code slot} keeping the slot: in place when it is not larger,
     * else in fresh space (compacting if needed). Returns false, page unchanged, if it does not fit.
     */
    public boolean update(int slot, byte[] tuple) {
        if (!isLive(slot)) {
            throw DbException.internal("attempted to update invisible tuple", null);
        }
        int lp = linePointer(slot);
        int oldLen = lpLen(lp);
        int len = tuple.length;
        int pending = lp & LP_DELETE_PENDING;
        if (len <= oldLen) {
            System.arraycopy(tuple, 0, page, lpOff(lp), len);
            setLinePointer(slot, lp(lpOff(lp), LP_NORMAL, len) | pending);
            return true;
        }
        // Grows: the old bytes are given up, so they count as free space for the new version.
        if (upper() - lower() < len) {
            int freeWithOld = unclampedFreeSpace() + oldLen + (hasReusableSlotBesides() ? 0 : LINE_POINTER_SIZE);
            if (freeWithOld < len) {
                return false;
            }
            setLinePointer(slot, lp(0, LP_NORMAL, 0)); // drop the old bytes so compaction frees them
            compact();
        }
        int off = upper() - len;
        System.arraycopy(tuple, 0, page, off, len);
        setUpper(off);
        setLinePointer(slot, lp(off, LP_NORMAL, len) | pending);
        return true;
    }

    /**
     * Defragments: moves live tuples to the end of the page so all free space is one gap, turns
     * dead pointers into unused ones and trims unused pointers at the end of the array.
     */
    public void compact() {
        if (isNew()) {
            return;
        }
        int n = slotCount();
        byte[] copy = page.clone();
        int upper = special();
        boolean freeLines = false;
        for (int i = 0; i < n; i++) {
            int lp = Page.i32(copy, Page.HEADER_SIZE + i * LINE_POINTER_SIZE);
            if (occupied(lp)) {
                int len = lpLen(lp);
                upper -= len;
                System.arraycopy(copy, lpOff(lp), page, upper, len);
                setLinePointer(i, lp(upper, lpFlags(lp), len) | (lp & LP_DELETE_PENDING));
            } else {
                setLinePointer(i, lp(0, LP_UNUSED, 0));
                freeLines = true;
            }
        }
        int last = n;
        while (last > 0 && !occupied(linePointer(last - 1))) {
            last--;
        }
        setLower(Page.HEADER_SIZE + last * LINE_POINTER_SIZE);
        setUpper(upper);
        Arrays.fill(page, lower(), upper, (byte) 0);
        boolean stillFree = freeLines && last < n ? hasFreeLineBelow(last) : freeLines;
        setFlags(stillFree ? flags() | PD_HAS_FREE_LINES : flags() & ~PD_HAS_FREE_LINES);
    }

    private boolean hasFreeLineBelow(int count) {
        for (int i = 0; i < count; i++) {
            if (!occupied(linePointer(i))) {
                return true;
            }
        }
        return false;
    }

    /** First unused or dead slot, or -1; clears the hint flag when there is none. */
    private int findFreeSlot() {
        if ((flags() & PD_HAS_FREE_LINES) == 0) {
            return -1;
        }
        int n = slotCount();
        for (int i = 0; i < n; i++) {
            if (!occupied(linePointer(i))) {
                return i;
            }
        }
        setFlags(flags() & ~PD_HAS_FREE_LINES);
        return -1;
    }

    private boolean hasReusableSlotBesides() {
        int n = slotCount();
        for (int i = 0; i < n; i++) {
            if (!occupied(linePointer(i))) {
                return true;
            }
        }
        return false;
    }

    public long lsn() {
        return Page.lsn(page);
    }

    public void setLsn(long lsn) {
        Page.setLsn(page, lsn);
    }

    int lower() {
        return Page.u16(page, Page.OFF_LOWER);
    }

    int upper() {
        return Page.u16(page, Page.OFF_UPPER);
    }

    private int special() {
        return Page.u16(page, Page.OFF_SPECIAL);
    }

    private int flags() {
        return Page.u16(page, Page.OFF_FLAGS);
    }

    private void setLower(int v) {
        Page.putU16(page, Page.OFF_LOWER, v);
    }

    private void setUpper(int v) {
        Page.putU16(page, Page.OFF_UPPER, v);
    }

    private void setFlags(int v) {
        Page.putU16(page, Page.OFF_FLAGS, v);
    }

    private int linePointer(int slot) {
        return Page.i32(page, Page.HEADER_SIZE + slot * LINE_POINTER_SIZE);
    }

    private void setLinePointer(int slot, int lp) {
        Page.putI32(page, Page.HEADER_SIZE + slot * LINE_POINTER_SIZE, lp);
    }

    static int lp(int off, int flags, int len) {
        return off | (flags << 15) | (len << 17);
    }

    /** Whether a pointer's slot holds bytes (a tuple or an overflow part), i.e. cannot be reused. */
    static boolean occupied(int lp) {
        int flags = lpFlags(lp);
        return flags == LP_NORMAL || flags == LP_OVERFLOW;
    }

    static int lpOff(int lp) {
        return lp & 0x3fff;
    }

    static int lpFlags(int lp) {
        return (lp >>> 15) & 0x3;
    }

    static int lpLen(int lp) {
        return lp >>> 17;
    }
}
