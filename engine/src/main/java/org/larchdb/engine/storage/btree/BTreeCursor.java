package org.larchdb.engine.storage.btree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.larchdb.engine.storage.PageGuard;
import org.larchdb.engine.storage.Tid;

/**
 * A range scan over a {@link BTree}. It copies the qualifying entries of one leaf under a shared
 * latch, releases it and hands them out; to go on it descends again from the root to the
 * position it remembers by key: forward, the leaf's high key (the first position of the next
 * leaf); backward, the leaf's lower bound, searched strictly below. Holding no latch between
 * calls means a scan never blocks writers for long and cannot deadlock with them, and it stays
 * correct when the leaf it came from splits meanwhile (the position is a key, not a page).
 */
public final class BTreeCursor implements AutoCloseable {
    private final BTree tree;
    private final byte[] lowKey;
    private final boolean lowInclusive;
    private final byte[] highKey;
    private final boolean highInclusive;
    private final boolean backward;

    private final List<IndexEntry> batch = new ArrayList<>();
    private int next;
    /** Where the next leaf visit starts; null when the range is exhausted. */
    private BTree.Target resume;
    /** Whether entries equal to {@code resume} qualify (forward only; backward is always strict). */
    private boolean resumeInclusive;

    BTreeCursor(BTree tree, byte[] lowKey, boolean lowInclusive, byte[] highKey, boolean highInclusive,
                boolean backward) {
        this.tree = tree;
        this.lowKey = lowKey;
        this.lowInclusive = lowInclusive;
        this.highKey = highKey;
        this.highInclusive = highInclusive;
        this.backward = backward;
        if (!backward) {
            resume = lowKey == null ? BTree.Target.MINUS_INFINITY
                    : BTree.Target.of(lowKey, lowInclusive ? BTree.MIN_TID : BTree.MAX_TID);
            resumeInclusive = true;
        } else {
            resume = highKey == null ? BTree.Target.PLUS_INFINITY
                    : BTree.Target.of(highKey, highInclusive ? BTree.MAX_TID : BTree.MIN_TID);
        }
    }

    /** The next entry in scan order, or null at the end of the range. */
    public IndexEntry next() {
        while (next >= batch.size()) {
            if (resume == null) {
                return null;
            }
            batch.clear();
            next = 0;
            if (backward) {
                fillBackward();
            } else {
                fillForward();
            }
        }
        return batch.get(next++);
    }

    private boolean belowHigh(byte[] key) {
        if (highKey == null) {
            return true;
        }
        int c = Arrays.compareUnsigned(key, highKey);
        return c < 0 || (c == 0 && highInclusive);
    }

    private boolean aboveLow(byte[] key) {
        if (lowKey == null) {
            return true;
        }
        int c = Arrays.compareUnsigned(key, lowKey);
        return c > 0 || (c == 0 && lowInclusive);
    }

    private void fillForward() {
        BTree.Target t = resume;
        try (PageGuard leaf = tree.descend(t, false, false, null)) {
            byte[] p = leaf.bytes();
            int n = BTreePage.count(p);
            int i = t.inf() != 0 ? 0 : BTree.lowerBound(p, t.key(), t.tid());
            if (t.inf() == 0 && !resumeInclusive && i < n && BTreePage.compare(p, i, t.key(), t.tid()) == 0) {
                i++;
            }
            for (; i < n; i++) {
                byte[] key = BTreePage.key(p, i);
                if (!belowHigh(key)) {
                    resume = null;
                    return;
                }
                batch.add(new IndexEntry(key, BTreePage.tid(p, i)));
            }
            if (!BTreePage.hasHighKey(p)) {
                resume = null;
                return;
            }
            byte[] high = BTreePage.highKey(p);
            // The next leaf starts at this leaf's high key; stop early if that is past the range.
            resume = belowHigh(high) ? BTree.Target.of(high, BTreePage.highTid(p)) : null;
            resumeInclusive = true;
        }
    }

    private void fillBackward() {
        BTree.Target t = resume;
        IndexEntry[] lowBound = new IndexEntry[1];
        try (PageGuard leaf = tree.descend(t, true, false, lowBound)) {
            byte[] p = leaf.bytes();
            int i = t.inf() != 0 ? BTreePage.count(p) : BTree.lowerBound(p, t.key(), t.tid());
            // Items before i are strictly below the target.
            for (i = i - 1; i >= 0; i--) {
                byte[] key = BTreePage.key(p, i);
                if (!aboveLow(key)) {
                    resume = null;
                    return;
                }
                batch.add(new IndexEntry(key, BTreePage.tid(p, i)));
            }
            IndexEntry low = lowBound[0];
            resume = low != null && aboveLow(low.key()) ? BTree.Target.of(low.key(), low.tid()) : null;
        }
    }

    /** Nothing to release (no pin or latch is held between calls); for try-with-resources. */
    @Override
    public void close() {
        resume = null;
        batch.clear();
    }
}
