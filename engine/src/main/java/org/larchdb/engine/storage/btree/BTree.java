package org.larchdb.engine.storage.btree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.BufferPool;
import org.larchdb.engine.storage.PageGuard;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.storage.TxLog;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalWriter;

/**
 * A B+tree index in its own relation file: keys are byte strings compared unsigned (from
 * {@code types.KeyEncoder}), values are heap {@link Tid}s, and (key, tid) is unique, so duplicates
 * of a key are ordered by tid. Page layout in {@link BTreePage}; design, latching order and
 * space policy in this package's README.md.
 *
 * <p>Concurrency is latch coupling ("crabbing") over the buffer pool's page latches: a child is
 * latched before its parent is released, always top-down and, at one level, left to right. Inserts
 * first try optimistically (shared latches down, exclusive on the leaf); a leaf without room sends
 * them down again holding exclusive latches on every ancestor that might split. Instances are
 * shared per relation ({@code PageStorage.btree}); every method is thread-safe.
 */
public final class BTree {
    static final Tid MIN_TID = new Tid(Integer.MIN_VALUE, Integer.MIN_VALUE);
    static final Tid MAX_TID = new Tid(Integer.MAX_VALUE, Integer.MAX_VALUE);
    static final int META_BLOCK = 0;

    private final BufferPool pool;
    private final int rel;
    private final int capacity;
    private final int maxKeySize;
    /** Serialises the rare uniqueness checks that cannot be done under one leaf latch. */
    private final ReentrantReadWriteLock uniqueLock = new ReentrantReadWriteLock();
    private final ReentrantLock initLock = new ReentrantLock();
    private volatile boolean initialized;

    /** A tree with full 8 KiB nodes. */
    public BTree(BufferPool pool, int relfilenode) {
        this(pool, relfilenode, BTreePage.MAX_CAPACITY);
    }

    /**
     * @param nodeCapacity bytes of items per node before it splits (at most about 8 KiB); tests use
     *                     small values to grow deep trees. Keys may take up to a fifth of it.
     */
    public BTree(BufferPool pool, int relfilenode, int nodeCapacity) {
        if (nodeCapacity < 100 || nodeCapacity > BTreePage.MAX_CAPACITY) {
            throw new IllegalArgumentException("node capacity " + nodeCapacity);
        }
        this.pool = pool;
        this.rel = relfilenode;
        this.capacity = nodeCapacity;
        // A fifth keeps both halves of a split, each with a high key, within the budget.
        this.maxKeySize = nodeCapacity / 5 - BTreePage.INTERNAL_ITEM_OVERHEAD - BTreePage.OFFSET_SIZE;
    }

    public int relfilenode() {
        return rel;
    }

    BufferPool pool() {
        return pool;
    }

    int capacity() {
        return capacity;
    }

    /** The largest key in bytes this tree accepts. */
    public int maxKeySize() {
        return maxKeySize;
    }

    /** Formats an empty file: metapage and an empty root leaf. Idempotent, once per instance. */
    private void ensureInitialized() {
        if (initialized) {
            return;
        }
        initLock.lock();
        try {
            if (initialized) {
                return;
            }
            if (pool.blockCount(rel) == 0) {
                try (PageGuard meta = pool.pinNew(rel); PageGuard root = pool.pinNew(rel)) {
                    BTreePage.initNode(root.bytes(), 0, BTreePage.NONE, BTreePage.NONE);
                    root.markDirty();
                    BTreePage.initMeta(meta.bytes(), root.block(), 1);
                    meta.markDirty();
                    logImages(List.of(meta, root));
                }
            } else {
                try (PageGuard meta = pool.pinShared(rel, META_BLOCK)) {
                    if (!BTreePage.isMeta(meta.bytes())) {
                        throw DbException.of(SqlState.DATA_CORRUPTED,
                                "index file base/%d is not a btree", rel);
                    }
                }
            }
            initialized = true;
        } finally {
            initLock.unlock();
        }
    }

    private void checkKeySize(byte[] key) {
        if (key.length > maxKeySize) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "index row size %d exceeds btree maximum, %d", key.length, maxKeySize);
        }
    }

    /** (root block, height) read under the metapage's shared latch. */
    int[] rootAndHeight() {
        ensureInitialized();
        try (PageGuard meta = pool.pinShared(rel, META_BLOCK)) {
            return new int[] {BTreePage.metaRoot(meta.bytes()), BTreePage.metaHeight(meta.bytes())};
        }
    }

    // ---- search ----

    /** A search position: (key, tid), or minus/plus infinity when inf is -1/+1. */
    record Target(byte[] key, Tid tid, int inf) {
        static final Target MINUS_INFINITY = new Target(null, null, -1);
        static final Target PLUS_INFINITY = new Target(null, null, 1);

        static Target of(byte[] key, Tid tid) {
            return new Target(key, tid, 0);
        }

        /** Compares item i of a page with this target. */
        int compareItem(byte[] page, int i) {
            return inf != 0 ? -inf : BTreePage.compare(page, i, key, tid);
        }
    }

    /**
     * The downlink to follow in an internal page: the last item whose separator is at most the
     * target ({@code strict}: below it), item 0 standing for minus infinity.
     */
    static int childIndex(byte[] page, Target t, boolean strict) {
        int lo = 1;
        int hi = BTreePage.count(page) - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = t.compareItem(page, mid);
            if (c < 0 || (c == 0 && !strict)) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The first position in a leaf whose item is at least (key, tid). */
    static int lowerBound(byte[] page, byte[] key, Tid tid) {
        int lo = 0;
        int hi = BTreePage.count(page);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (BTreePage.compare(page, mid, key, tid) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Descends to the leaf whose range holds the target with shared latch coupling, latching the
     * leaf exclusively if asked. {@code lowBound}, if given, receives the leaf's lower bound (the
     * separator of the last non-leftmost downlink taken; null for the leftmost leaf).
     */
    PageGuard descend(Target t, boolean strict, boolean exclusiveLeaf, IndexEntry[] lowBound) {
        ensureInitialized();
        PageGuard g;
        try (PageGuard meta = pool.pinShared(rel, META_BLOCK)) {
            int root = BTreePage.metaRoot(meta.bytes());
            boolean rootIsLeaf = BTreePage.metaHeight(meta.bytes()) == 1;
            g = exclusiveLeaf && rootIsLeaf ? pool.pinExclusive(rel, root) : pool.pinShared(rel, root);
        }
        try {
            while (true) {
                byte[] p = g.bytes();
                int level = BTreePage.level(p);
                if (level == 0) {
                    return g;
                }
                int i = childIndex(p, t, strict);
                if (i > 0 && lowBound != null) {
                    lowBound[0] = new IndexEntry(BTreePage.key(p, i), BTreePage.tid(p, i));
                }
                int child = BTreePage.child(p, i);
                PageGuard next = exclusiveLeaf && level == 1 ? pool.pinExclusive(rel, child) : pool.pinShared(rel, child);
                g.close();
                g = next;
            }
        } catch (RuntimeException | Error e) {
            g.close();
            throw e;
        }
    }

    // ---- insert ----

    /** Adds an entry; (key, tid) must not be present yet. */
    public void insert(byte[] key, Tid tid) {
        checkKeySize(key);
        byte[] item = BTreePage.leafItem(key, tid);
        try (PageGuard leaf = descend(Target.of(key, tid), false, true, null)) {
            if (tryInsertInLeaf(leaf, key, tid, item)) {
                return;
            }
        }
        insertPessimistic(key, tid, item);
    }

    /**
     * Adds an entry unless a live entry with an equal key exists; returns the conflicting tid, or
     * null when the entry was added. The check and the insert are atomic with respect to other
     * {@code insertUnique} calls: normally both happen under the exclusive latch of the first
     * leaf that can hold the key; when equal keys may continue on the next leaf, or the leaf must
     * split, the caller takes this tree's unique lock exclusively instead (rare).
     *
     * @param isLive whether the heap tuple an existing entry points at still counts (entries of
     *               dead tuples do not conflict)
     */
    public Tid insertUnique(byte[] key, Tid tid, Predicate<Tid> isLive) {
        checkKeySize(key);
        byte[] item = BTreePage.leafItem(key, tid);
        uniqueLock.readLock().lock();
        try (PageGuard leaf = descend(Target.of(key, MIN_TID), false, true, null)) {
            byte[] p = leaf.bytes();
            boolean keyEndsHere = !BTreePage.hasHighKey(p) || BTreePage.compareHighKey(p, key) > 0;
            if (keyEndsHere && BTreePage.usedBytes(p) + item.length + BTreePage.OFFSET_SIZE <= capacity) {
                for (int i = lowerBound(p, key, MIN_TID); i < BTreePage.count(p) && BTreePage.compareKey(p, i, key) == 0; i++) {
                    Tid other = BTreePage.tid(p, i);
                    if (isLive.test(other)) {
                        return other;
                    }
                }
                if (!tryInsertInLeaf(leaf, key, tid, item)) {
                    throw new IllegalStateException("btree leaf lost its room under its latch");
                }
                return null;
            }
        } finally {
            uniqueLock.readLock().unlock();
        }
        uniqueLock.writeLock().lock();
        try {
            try (BTreeCursor c = scan(key, true, key, true, false)) {
                for (IndexEntry e = c.next(); e != null; e = c.next()) {
                    if (isLive.test(e.tid())) {
                        return e.tid();
                    }
                }
            }
            insert(key, tid);
            return null;
        } finally {
            uniqueLock.writeLock().unlock();
        }
    }

    /** Inserts into an exclusively latched leaf if the entry belongs there and fits. */
    private boolean tryInsertInLeaf(PageGuard leaf, byte[] key, Tid tid, byte[] item) {
        byte[] p = leaf.bytes();
        if (BTreePage.usedBytes(p) + item.length + BTreePage.OFFSET_SIZE > capacity) {
            return false;
        }
        int pos = lowerBound(p, key, tid);
        if (pos < BTreePage.count(p) && BTreePage.compare(p, pos, key, tid) == 0) {
            throw DbException.internal("duplicate btree entry " + tid + " in index base/" + rel, null);
        }
        leaf.beginChange(); // a full-page image first if this is the page's first change since the checkpoint
        BTreePage.insertItem(p, pos, item);
        leaf.markDirty();
        byte[] data = new byte[2 + item.length];
        data[0] = (byte) pos;
        data[1] = (byte) (pos >>> 8);
        System.arraycopy(item, 0, data, 2, item.length);
        leaf.logChange(TxLog.NONE, new WalRecord.IndexPageChange(rel, leaf.block(),
                WalRecord.IndexPageChange.KIND_LEAF_INSERT, data));
        return true;
    }

    /**
     * The slow path: descends with exclusive latches, keeping every ancestor that could split
     * (not "safe": without room for one more largest item) and the metapage while the root may
     * split; then splits bottom-up under those latches.
     */
    private void insertPessimistic(byte[] key, Tid tid, byte[] item) {
        Target t = Target.of(key, tid);
        Deque<PageGuard> held = new ArrayDeque<>();
        try {
            PageGuard meta = pool.pinExclusive(rel, META_BLOCK);
            held.push(meta);
            PageGuard g = pool.pinExclusive(rel, BTreePage.metaRoot(meta.bytes()));
            held.push(g);
            if (safe(g.bytes(), item.length)) {
                releaseAncestors(held);
            }
            while (BTreePage.level(g.bytes()) > 0) {
                int child = BTreePage.child(g.bytes(), childIndex(g.bytes(), t, false));
                g = pool.pinExclusive(rel, child);
                held.push(g);
                if (safe(g.bytes(), item.length)) {
                    releaseAncestors(held);
                }
            }
            PageGuard leaf = held.pop();
            // Every page the split changes stays latched until one record logs them all, so the
            // split is atomic in the log and no later change of those pages can precede it.
            List<PageGuard> changed = new ArrayList<>();
            List<PageGuard> deferred = new ArrayList<>();
            try {
                if (tryInsertInLeaf(leaf, key, tid, item)) {
                    return;
                }
                changed.add(leaf);
                byte[] up = splitLeaf(leaf, key, tid, item, changed, deferred);
                propagate(held, up, leaf.block(), changed, deferred);
                logImages(changed);
            } finally {
                for (int i = deferred.size() - 1; i >= 0; i--) {
                    deferred.get(i).close();
                }
                leaf.close();
            }
        } finally {
            while (!held.isEmpty()) {
                held.pop().close();
            }
        }
    }

    /** Whether a node can take one more item without splitting (so its ancestors may be released). */
    private boolean safe(byte[] p, int leafItemLength) {
        int worst = BTreePage.level(p) == 0 ? leafItemLength
                : maxKeySize + BTreePage.INTERNAL_ITEM_OVERHEAD;
        return BTreePage.usedBytes(p) + worst + BTreePage.OFFSET_SIZE <= capacity;
    }

    /** Releases every held guard except the newest (top of the deque). */
    private static void releaseAncestors(Deque<PageGuard> held) {
        PageGuard newest = held.pop();
        while (!held.isEmpty()) {
            held.pollLast().close(); // oldest first: top-down
        }
        held.push(newest);
    }

    /**
     * Splits a full leaf with the new item: the upper part moves to a new right sibling. Returns
     * the separator to insert into the parent (an internal item pointing at the new page).
     */
    private byte[] splitLeaf(PageGuard leaf, byte[] key, Tid tid, byte[] item, List<PageGuard> changed,
                             List<PageGuard> deferred) {
        byte[] p = leaf.bytes();
        List<byte[]> items = BTreePage.items(p);
        items.add(lowerBound(p, key, tid), item);
        byte[] oldHigh = BTreePage.highItem(p);
        int m = splitPoint(items, true, oldHigh == null ? 0 : oldHigh.length);
        List<byte[]> leftItems = new ArrayList<>(items.subList(0, m));
        List<byte[]> rightItems = new ArrayList<>(items.subList(m, items.size()));
        byte[] sepItem = rightItems.get(0); // leaf format: the separator and the left page's new high key
        int oldRight = BTreePage.right(p);
        PageGuard right = pool.pinNew(rel);
        deferred.add(right);
        changed.add(right);
        {
            byte[] r = right.bytes();
            BTreePage.initNode(r, 0, leaf.block(), oldRight);
            BTreePage.rewrite(r, rightItems, oldHigh);
            right.markDirty();
            BTreePage.setRight(p, right.block());
            BTreePage.rewrite(p, leftItems, sepItem);
            leaf.markDirty();
            if (oldRight != BTreePage.NONE) {
                // Left to right at one level: the latching order every writer follows.
                PageGuard next = pool.pinExclusive(rel, oldRight);
                deferred.add(next);
                changed.add(next);
                BTreePage.setLeft(next.bytes(), right.block());
                next.markDirty();
            }
            checkFits(p);
            checkFits(r);
            return BTreePage.internalItem(BTreePage.itemKey(sepItem), BTreePage.itemTid(sepItem), right.block());
        }
    }

    /** Inserts separators into the held ancestors, splitting them (and growing a new root) as needed. */
    private void propagate(Deque<PageGuard> held, byte[] sep, int leftChild, List<PageGuard> changed,
                           List<PageGuard> deferred) {
        while (true) {
            PageGuard parent = held.peek();
            if (parent == null || parent.block() == META_BLOCK) {
                newRoot(parent, leftChild, sep, changed, deferred);
                return;
            }
            changed.add(parent);
            byte[] p = parent.bytes();
            Target t = Target.of(BTreePage.itemKey(sep), BTreePage.itemTid(sep));
            int pos = childIndex(p, t, false) + 1;
            if (BTreePage.usedBytes(p) + sep.length + BTreePage.OFFSET_SIZE <= capacity) {
                BTreePage.insertItem(p, pos, sep);
                parent.markDirty();
                return;
            }
            List<byte[]> items = BTreePage.items(p);
            items.add(pos, sep);
            int m = splitPoint(items, false, 0);
            byte[] pushed = items.get(m);
            PageGuard right = pool.pinNew(rel);
            deferred.add(right);
            changed.add(right);
            {
                byte[] r = right.bytes();
                BTreePage.initNode(r, BTreePage.level(p), BTreePage.NONE, BTreePage.NONE);
                List<byte[]> rightItems = new ArrayList<>();
                rightItems.add(BTreePage.internalItem(new byte[0], MIN_TID, BTreePage.itemChild(pushed)));
                rightItems.addAll(items.subList(m + 1, items.size()));
                BTreePage.rewrite(r, rightItems, null);
                right.markDirty();
                BTreePage.rewrite(p, new ArrayList<>(items.subList(0, m)), null);
                parent.markDirty();
                checkFits(p);
                checkFits(r);
                sep = BTreePage.internalItem(BTreePage.itemKey(pushed), BTreePage.itemTid(pushed), right.block());
            }
            leftChild = parent.block();
            deferred.add(held.pop()); // stays latched until the split is logged
        }
    }

    /** The root split: a new root above the old one; the metapage is still latched exclusively. */
    private void newRoot(PageGuard meta, int leftChild, byte[] sep, List<PageGuard> changed,
                         List<PageGuard> deferred) {
        if (meta == null || meta.block() != META_BLOCK) {
            throw new IllegalStateException("root split without the metapage latched");
        }
        byte[] m = meta.bytes();
        int height = BTreePage.metaHeight(m);
        PageGuard root = pool.pinNew(rel);
        deferred.add(root);
        changed.add(root);
        changed.add(meta);
        {
            byte[] r = root.bytes();
            BTreePage.initNode(r, height, BTreePage.NONE, BTreePage.NONE);
            BTreePage.rewrite(r, List.of(BTreePage.internalItem(new byte[0], MIN_TID, leftChild), sep), null);
            root.markDirty();
            BTreePage.setMetaRoot(m, root.block(), height + 1);
            meta.markDirty();
        }
    }

    /**
     * Where to split: the index m (1..n-1) of the first item of the right half that best balances
     * the halves' bytes; a leaf's left half also gets a high key as large as item m.
     */
    private static int splitPoint(List<byte[]> items, boolean leaf, int rightExtra) {
        int total = rightExtra;
        for (byte[] it : items) {
            total += it.length + BTreePage.OFFSET_SIZE;
        }
        int best = 1;
        int bestCost = Integer.MAX_VALUE;
        int left = 0;
        for (int m = 1; m < items.size(); m++) {
            left += items.get(m - 1).length + BTreePage.OFFSET_SIZE;
            int right = total - left;
            int leftTotal = left + (leaf ? items.get(m).length : 0);
            // Internal splits push item m up: it leaves the right half's count but stays as its downlink.
            int cost = Math.max(leftTotal, right);
            if (cost < bestCost) {
                bestCost = cost;
                best = m;
            }
        }
        return best;
    }

    private void checkFits(byte[] p) {
        if (BTreePage.usedBytes(p) > capacity) {
            throw new IllegalStateException("btree split produced an overfull page in base/" + rel);
        }
    }

    // ---- delete ----

    /**
     * Removes the entry (key, tid); returns whether it was there. Pages are never merged or freed:
     * a leaf emptied by deletions stays linked and takes later inserts of its key range.
     */
    public boolean delete(byte[] key, Tid tid) {
        try (PageGuard leaf = descend(Target.of(key, tid), false, true, null)) {
            byte[] p = leaf.bytes();
            int pos = lowerBound(p, key, tid);
            if (pos >= BTreePage.count(p) || BTreePage.compare(p, pos, key, tid) != 0) {
                return false;
            }
            leaf.beginChange();
            BTreePage.removeItem(p, pos);
            leaf.markDirty();
            leaf.logChange(TxLog.NONE, new WalRecord.IndexPageChange(rel, leaf.block(),
                    WalRecord.IndexPageChange.KIND_LEAF_DELETE, new byte[] {(byte) pos, (byte) (pos >>> 8)}));
            return true;
        }
    }

    /**
     * Redo of a logical leaf change (kinds {@code KIND_LEAF_INSERT}/{@code KIND_LEAF_DELETE}): the
     * same page operation at the same position as when it was logged.
     */
    public static void redoLeafChange(byte[] page, int kind, byte[] data) {
        int pos = (data[0] & 0xff) | (data[1] & 0xff) << 8;
        if (kind == WalRecord.IndexPageChange.KIND_LEAF_INSERT) {
            BTreePage.insertItem(page, pos, java.util.Arrays.copyOfRange(data, 2, data.length));
        } else if (kind == WalRecord.IndexPageChange.KIND_LEAF_DELETE) {
            BTreePage.removeItem(page, pos);
        } else {
            throw new IllegalArgumentException("not a logical leaf change: kind " + kind);
        }
    }

    /** Whether the entry (key, tid) is in the tree. */
    public boolean contains(byte[] key, Tid tid) {
        try (PageGuard leaf = descend(Target.of(key, tid), false, false, null)) {
            byte[] p = leaf.bytes();
            int pos = lowerBound(p, key, tid);
            return pos < BTreePage.count(p) && BTreePage.compare(p, pos, key, tid) == 0;
        }
    }

    /**
     * Logs the pages one operation changed as one record of whole page images (physical redo,
     * xid 0; undo is logical, in the transaction's chain) and stamps their LSNs. The caller still
     * holds every page's exclusive latch. One page: kind 0; several: kind 1 (atomic in the log).
     */
    private void logImages(List<PageGuard> pages) {
        WalWriter wal = pool.wal();
        if (wal == null) {
            return;
        }
        java.util.LinkedHashMap<Integer, PageGuard> byBlock = new java.util.LinkedHashMap<>();
        for (PageGuard g : pages) {
            byBlock.putIfAbsent(g.block(), g);
        }
        WalRecord.IndexPageChange record;
        if (byBlock.size() == 1) {
            PageGuard g = byBlock.values().iterator().next();
            record = new WalRecord.IndexPageChange(rel, g.block(), WalRecord.IndexPageChange.KIND_PAGE_IMAGE,
                    g.bytes().clone());
        } else {
            List<Integer> blocks = new ArrayList<>(byBlock.keySet());
            List<byte[]> images = new ArrayList<>();
            for (PageGuard g : byBlock.values()) {
                images.add(g.bytes());
            }
            record = WalRecord.IndexPageChange.multi(rel, blocks, images);
        }
        long end = wal.append(record);
        for (PageGuard g : byBlock.values()) {
            g.setLsn(end);
        }
    }

    // ---- scans ----

    /**
     * A range scan: entries with lowKey ≤/&lt; key ≤/&lt; highKey (null bound = unbounded), in
     * (key, tid) order, or reversed when {@code backward}. No latch or pin is held between calls
     * to {@link BTreeCursor#next()}; entries inserted or deleted during the scan may or may not
     * be seen (the heap's visibility rules decide what a query sees), but none is seen twice.
     */
    public BTreeCursor scan(byte[] lowKey, boolean lowInclusive, byte[] highKey, boolean highInclusive,
                            boolean backward) {
        return new BTreeCursor(this, lowKey, lowInclusive, highKey, highInclusive, backward);
    }
}
