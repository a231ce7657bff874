package org.larchdb.engine.storage.btree;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.storage.PageGuard;
import org.larchdb.engine.storage.Tid;

/**
 * Structural checker (in the spirit of PostgreSQL's amcheck): walks the tree from the root and
 * reports every violated invariant — items strictly ordered within a page, every item of a child
 * within the bounds its parent's separators give it, a leaf's high key equal to its upper bound,
 * levels decreasing by one to leaves all at level 0 (uniform depth), internal pages non-empty,
 * and the leaf chain's right and left links matching the key order both ways. Latches one page
 * at a time, so it is meant for a quiescent tree (concurrent splits would look like damage).
 */
public final class BTreeCheck {
    private final BTree tree;
    private final List<String> problems = new ArrayList<>();
    private final List<Integer> leaves = new ArrayList<>();

    private BTreeCheck(BTree tree) {
        this.tree = tree;
    }

    /** The problems found; empty when the tree is sound. */
    public static List<String> check(BTree tree) {
        BTreeCheck c = new BTreeCheck(tree);
        c.run();
        return c.problems;
    }

    private void run() {
        int[] rh = tree.rootAndHeight();
        if (rh[1] < 1) {
            problems.add("metapage height " + rh[1]);
            return;
        }
        walk(rh[0], rh[1] - 1, null, null, 0);
        for (int i = 0; i < leaves.size(); i++) {
            int block = leaves.get(i);
            int expectLeft = i == 0 ? BTreePage.NONE : leaves.get(i - 1);
            int expectRight = i == leaves.size() - 1 ? BTreePage.NONE : leaves.get(i + 1);
            try (PageGuard g = tree.pool().pinShared(tree.relfilenode(), block)) {
                if (BTreePage.left(g.bytes()) != expectLeft) {
                    problems.add("leaf " + block + ": left link " + BTreePage.left(g.bytes()) + ", expected " + expectLeft);
                }
                if (BTreePage.right(g.bytes()) != expectRight) {
                    problems.add("leaf " + block + ": right link " + BTreePage.right(g.bytes()) + ", expected " + expectRight);
                }
            }
        }
    }

    /** Checks a subtree whose entries must lie in [low, high) (null = unbounded). */
    private void walk(int block, int expectedLevel, IndexEntry low, IndexEntry high, int depth) {
        if (depth > 64) {
            problems.add("page " + block + ": tree deeper than 64 levels (cycle?)");
            return;
        }
        List<int[]> children = new ArrayList<>();
        List<IndexEntry> bounds = new ArrayList<>();
        try (PageGuard g = tree.pool().pinShared(tree.relfilenode(), block)) {
            byte[] p = g.bytes();
            int level = BTreePage.level(p);
            if (level != expectedLevel) {
                problems.add("page " + block + ": level " + level + ", expected " + expectedLevel);
                return;
            }
            if (BTreePage.usedBytes(p) > tree.capacity()) {
                problems.add("page " + block + ": " + BTreePage.usedBytes(p) + " bytes used, capacity " + tree.capacity());
            }
            int n = BTreePage.count(p);
            int first = level > 0 ? 1 : 0; // an internal page's item 0 is minus infinity
            if (level > 0 && n == 0) {
                problems.add("internal page " + block + " has no downlinks");
                return;
            }
            IndexEntry prev = null;
            for (int i = first; i < n; i++) {
                IndexEntry e = new IndexEntry(BTreePage.key(p, i), BTreePage.tid(p, i));
                if (prev != null && compare(prev, e) >= 0) {
                    problems.add("page " + block + ": item " + i + " not above item " + (i - 1));
                }
                if (low != null && compare(e, low) < 0) {
                    problems.add("page " + block + ": item " + i + " below the parent's lower bound");
                }
                if (high != null && compare(e, high) >= 0) {
                    problems.add("page " + block + ": item " + i + " not below the parent's upper bound");
                }
                prev = e;
            }
            if (level == 0) {
                leaves.add(block);
                IndexEntry own = BTreePage.hasHighKey(p)
                        ? new IndexEntry(BTreePage.highKey(p), BTreePage.highTid(p)) : null;
                if ((own == null) != (high == null) || (own != null && compare(own, high) != 0)) {
                    problems.add("leaf " + block + ": high key does not match the parent's upper bound");
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                children.add(new int[] {BTreePage.child(p, i)});
                bounds.add(i == 0 ? low : new IndexEntry(BTreePage.key(p, i), BTreePage.tid(p, i)));
            }
        }
        for (int i = 0; i < children.size(); i++) {
            IndexEntry childHigh = i + 1 < bounds.size() ? bounds.get(i + 1) : high;
            walk(children.get(i)[0], expectedLevel - 1, bounds.get(i), childHigh, depth + 1);
        }
    }

    private static int compare(IndexEntry a, IndexEntry b) {
        int c = java.util.Arrays.compareUnsigned(a.key(), b.key());
        if (c != 0) {
            return c;
        }
        Tid x = a.tid();
        Tid y = b.tid();
        c = Integer.compare(x.block(), y.block());
        return c != 0 ? c : Integer.compare(x.slot(), y.slot());
    }
}
