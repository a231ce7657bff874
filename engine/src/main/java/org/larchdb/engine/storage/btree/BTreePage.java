package org.larchdb.engine.storage.btree;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.larchdb.engine.storage.Page;
import org.larchdb.engine.storage.Tid;

/**
 * Byte layout of B+tree pages (static helpers over a page's {@code byte[]}, little-endian like
 * every page). A node page keeps the common 24-byte header so the buffer pool's sanity check and
 * checksum apply:
 *
 * <pre>
 *  0..23   page header; pd_lower = 24 + 2 * item count, pd_upper = start of item data
 * 24..     item offsets, u16 each, in key order
 *          ... free space ... item data (growing down) ...
 * 8176     special space (16 bytes): left sibling i32, right sibling i32, level u16 (0 = leaf),
 *          flags u16, high key offset u16 (0 = none: the rightmost page of its level), 2 spare
 * </pre>
 *
 * An item is {@code keyLen u16 | key | tid block i32 | tid slot i32}, followed on internal pages by
 * {@code child block i32}. Item 0 of an internal page is the "minus infinity" downlink: its key is
 * ignored (stored empty). A leaf's high key (its exclusive upper bound, equal to the separator
 * that bounds it in its parent) is stored as a leaf-format item outside the offset array.
 * Sibling block 0 means "none" (block 0 is the metapage). Entries compare as (key unsigned
 * bytewise, then tid block, then tid slot).
 *
 * <p>The metapage (block 0): header, then at 24 magic i32, version i32, root block i32, height i32
 * (number of levels: 1 when the root is a leaf).
 */
final class BTreePage {
    static final int SPECIAL_SIZE = 16;
    static final int SPECIAL = Page.SIZE - SPECIAL_SIZE;
    /** Largest node budget: everything between the header and the special space. */
    static final int MAX_CAPACITY = SPECIAL - Page.HEADER_SIZE;
    static final int NONE = 0;

    static final int META_MAGIC = 0x053162; // PostgreSQL's BTREE_MAGIC
    static final int META_VERSION = 1;
    private static final int META_OFF_MAGIC = 24;
    private static final int META_OFF_VERSION = 28;
    private static final int META_OFF_ROOT = 32;
    private static final int META_OFF_HEIGHT = 36;

    private static final int OFF_LOWER = 12;
    private static final int OFF_UPPER = 14;
    private static final int SP_LEFT = SPECIAL;
    private static final int SP_RIGHT = SPECIAL + 4;
    private static final int SP_LEVEL = SPECIAL + 8;
    private static final int SP_HIGH = SPECIAL + 12;

    /** Bytes of an item besides its key: key length, tid; internal items add a child block. */
    static final int LEAF_ITEM_OVERHEAD = 2 + 8;
    static final int INTERNAL_ITEM_OVERHEAD = LEAF_ITEM_OVERHEAD + 4;
    static final int OFFSET_SIZE = 2;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private BTreePage() {
    }

    static int u16(byte[] p, int off) {
        return (short) SHORT.get(p, off) & 0xffff;
    }

    static void putU16(byte[] p, int off, int v) {
        SHORT.set(p, off, (short) v);
    }

    static int i32(byte[] p, int off) {
        return (int) INT.get(p, off);
    }

    static void putI32(byte[] p, int off, int v) {
        INT.set(p, off, v);
    }

    // ---- metapage ----

    static void initMeta(byte[] p, int root, int height) {
        Page.initHeader(p, SPECIAL_SIZE);
        putU16(p, OFF_LOWER, META_OFF_HEIGHT + 4);
        putI32(p, META_OFF_MAGIC, META_MAGIC);
        putI32(p, META_OFF_VERSION, META_VERSION);
        setMetaRoot(p, root, height);
    }

    static boolean isMeta(byte[] p) {
        return i32(p, META_OFF_MAGIC) == META_MAGIC && i32(p, META_OFF_VERSION) == META_VERSION;
    }

    static int metaRoot(byte[] p) {
        return i32(p, META_OFF_ROOT);
    }

    static int metaHeight(byte[] p) {
        return i32(p, META_OFF_HEIGHT);
    }

    static void setMetaRoot(byte[] p, int root, int height) {
        putI32(p, META_OFF_ROOT, root);
        putI32(p, META_OFF_HEIGHT, height);
    }

    // ---- node pages ----

    static void initNode(byte[] p, int level, int left, int right) {
        Page.initHeader(p, SPECIAL_SIZE);
        putI32(p, SP_LEFT, left);
        putI32(p, SP_RIGHT, right);
        putU16(p, SP_LEVEL, level);
        putU16(p, SP_HIGH, 0);
    }

    static int count(byte[] p) {
        return (u16(p, OFF_LOWER) - Page.HEADER_SIZE) / OFFSET_SIZE;
    }

    static int level(byte[] p) {
        return u16(p, SP_LEVEL);
    }

    static int left(byte[] p) {
        return i32(p, SP_LEFT);
    }

    static int right(byte[] p) {
        return i32(p, SP_RIGHT);
    }

    static void setLeft(byte[] p, int block) {
        putI32(p, SP_LEFT, block);
    }

    static void setRight(byte[] p, int block) {
        putI32(p, SP_RIGHT, block);
    }

    static int itemOffset(byte[] p, int i) {
        return u16(p, Page.HEADER_SIZE + OFFSET_SIZE * i);
    }

    static int keyLength(byte[] p, int i) {
        return u16(p, itemOffset(p, i));
    }

    static byte[] key(byte[] p, int i) {
        int off = itemOffset(p, i);
        return Arrays.copyOfRange(p, off + 2, off + 2 + u16(p, off));
    }

    static Tid tid(byte[] p, int i) {
        int off = itemOffset(p, i);
        int k = off + 2 + u16(p, off);
        return new Tid(i32(p, k), i32(p, k + 4));
    }

    static int child(byte[] p, int i) {
        int off = itemOffset(p, i);
        return i32(p, off + 2 + u16(p, off) + 8);
    }

    /** Compares item i with (key, tid): key bytes unsigned, then tid. */
    static int compare(byte[] p, int i, byte[] key, Tid tid) {
        return compareAt(p, itemOffset(p, i), key, tid);
    }

    private static int compareAt(byte[] p, int off, byte[] key, Tid tid) {
        int len = u16(p, off);
        int c = Arrays.compareUnsigned(p, off + 2, off + 2 + len, key, 0, key.length);
        if (c != 0) {
            return c;
        }
        int k = off + 2 + len;
        c = Integer.compare(i32(p, k), tid.block());
        return c != 0 ? c : Integer.compare(i32(p, k + 4), tid.slot());
    }

    /** Compares only the key bytes of item i with {@code key}. */
    static int compareKey(byte[] p, int i, byte[] key) {
        int off = itemOffset(p, i);
        return Arrays.compareUnsigned(p, off + 2, off + 2 + u16(p, off), key, 0, key.length);
    }

    static boolean hasHighKey(byte[] p) {
        return u16(p, SP_HIGH) != 0;
    }

    static byte[] highKey(byte[] p) {
        int off = u16(p, SP_HIGH);
        return Arrays.copyOfRange(p, off + 2, off + 2 + u16(p, off));
    }

    static Tid highTid(byte[] p) {
        int off = u16(p, SP_HIGH);
        int k = off + 2 + u16(p, off);
        return new Tid(i32(p, k), i32(p, k + 4));
    }

    /** Compares the high key with (key, tid); the page must have one. */
    static int compareHigh(byte[] p, byte[] key, Tid tid) {
        return compareAt(p, u16(p, SP_HIGH), key, tid);
    }

    static int compareHighKey(byte[] p, byte[] key) {
        int off = u16(p, SP_HIGH);
        return Arrays.compareUnsigned(p, off + 2, off + 2 + u16(p, off), key, 0, key.length);
    }

    // ---- item bytes ----

    static byte[] leafItem(byte[] key, Tid tid) {
        byte[] b = new byte[LEAF_ITEM_OVERHEAD + key.length];
        putU16(b, 0, key.length);
        System.arraycopy(key, 0, b, 2, key.length);
        putI32(b, 2 + key.length, tid.block());
        putI32(b, 6 + key.length, tid.slot());
        return b;
    }

    static byte[] internalItem(byte[] key, Tid tid, int child) {
        byte[] b = Arrays.copyOf(leafItem(key, tid), INTERNAL_ITEM_OVERHEAD + key.length);
        putI32(b, LEAF_ITEM_OVERHEAD + key.length, child);
        return b;
    }

    static int itemKeyLength(byte[] item) {
        return u16(item, 0);
    }

    static byte[] itemKey(byte[] item) {
        return Arrays.copyOfRange(item, 2, 2 + u16(item, 0));
    }

    static Tid itemTid(byte[] item) {
        int k = 2 + u16(item, 0);
        return new Tid(i32(item, k), i32(item, k + 4));
    }

    static int itemChild(byte[] item) {
        return i32(item, LEAF_ITEM_OVERHEAD + u16(item, 0));
    }

    private static int itemSize(byte[] p, int off, boolean internal) {
        return (internal ? INTERNAL_ITEM_OVERHEAD : LEAF_ITEM_OVERHEAD) + u16(p, off);
    }

    /** Copies of all items, in order (for splits and compaction). */
    static List<byte[]> items(byte[] p) {
        boolean internal = level(p) > 0;
        int n = count(p);
        List<byte[]> out = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            int off = itemOffset(p, i);
            out.add(Arrays.copyOfRange(p, off, off + itemSize(p, off, internal)));
        }
        return out;
    }

    static byte[] highItem(byte[] p) {
        if (!hasHighKey(p)) {
            return null;
        }
        int off = u16(p, SP_HIGH);
        return Arrays.copyOfRange(p, off, off + itemSize(p, off, false));
    }

    /** Bytes the node's live content takes against its budget: items, their offsets, high key. */
    static int usedBytes(byte[] p) {
        boolean internal = level(p) > 0;
        int n = count(p);
        int used = n * OFFSET_SIZE;
        for (int i = 0; i < n; i++) {
            used += itemSize(p, itemOffset(p, i), internal);
        }
        if (hasHighKey(p)) {
            used += itemSize(p, u16(p, SP_HIGH), false);
        }
        return used;
    }

    /**
     * Inserts an item at position i, compacting first if only holes left by deletions make room.
     * The caller has checked the node budget, which is never above the physical space.
     */
    static void insertItem(byte[] p, int i, byte[] item) {
        int n = count(p);
        int lower = u16(p, OFF_LOWER);
        int upper = u16(p, OFF_UPPER);
        if (upper - lower < item.length + OFFSET_SIZE) {
            rewrite(p, items(p), highItem(p));
            lower = u16(p, OFF_LOWER);
            upper = u16(p, OFF_UPPER);
            if (upper - lower < item.length + OFFSET_SIZE) {
                throw new IllegalStateException("btree page overfull");
            }
        }
        int at = Page.HEADER_SIZE + OFFSET_SIZE * i;
        System.arraycopy(p, at, p, at + OFFSET_SIZE, Page.HEADER_SIZE + OFFSET_SIZE * n - at);
        upper -= item.length;
        System.arraycopy(item, 0, p, upper, item.length);
        putU16(p, at, upper);
        putU16(p, OFF_LOWER, lower + OFFSET_SIZE);
        putU16(p, OFF_UPPER, upper);
    }

    /** Removes item i; its bytes become a hole reclaimed by the next compaction. */
    static void removeItem(byte[] p, int i) {
        int n = count(p);
        int at = Page.HEADER_SIZE + OFFSET_SIZE * i;
        System.arraycopy(p, at + OFFSET_SIZE, p, at, Page.HEADER_SIZE + OFFSET_SIZE * (n - 1) - at);
        putU16(p, OFF_LOWER, u16(p, OFF_LOWER) - OFFSET_SIZE);
    }

    /** Rewrites a node's items and high key (null = none), keeping level and sibling links. */
    static void rewrite(byte[] p, List<byte[]> items, byte[] highItem) {
        int level = level(p);
        int left = left(p);
        int right = right(p);
        initNode(p, level, left, right);
        int upper = SPECIAL;
        if (highItem != null) {
            upper -= highItem.length;
            System.arraycopy(highItem, 0, p, upper, highItem.length);
            putU16(p, SP_HIGH, upper);
        }
        int lower = Page.HEADER_SIZE;
        for (byte[] item : items) {
            upper -= item.length;
            if (upper < lower + OFFSET_SIZE) {
                throw new IllegalStateException("btree page overfull");
            }
            System.arraycopy(item, 0, p, upper, item.length);
            putU16(p, lower, upper);
            lower += OFFSET_SIZE;
        }
        putU16(p, OFF_LOWER, lower);
        putU16(p, OFF_UPPER, upper);
    }
}
