package org.larchdb.engine.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.DataDirectory;
import org.larchdb.engine.storage.PageGuard;
import org.larchdb.engine.storage.PageStorage;
import org.larchdb.engine.storage.Storage;
import org.larchdb.engine.storage.Tid;

class BTreeTest {
    static final int REL = 20001;
    static final Comparator<IndexEntry> ORDER = (a, b) -> {
        int c = Arrays.compareUnsigned(a.key(), b.key());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.tid().block(), b.tid().block());
        return c != 0 ? c : Integer.compare(a.tid().slot(), b.tid().slot());
    };

    @TempDir
    Path dir;
    Storage storage;

    @BeforeEach
    void open() {
        DataDirectory.create(dir);
        storage = Storage.open(dir, 64, new SimpleMeterRegistry());
        storage.createRelation(REL);
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
    }

    BTree tree(int capacity) {
        return new BTree(((PageStorage) storage).bufferPool(), REL, capacity);
    }

    static byte[] key(Random rnd) {
        byte[] k = new byte[1 + rnd.nextInt(12)];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) new int[] {0, 1, 'a', 'b', 0xff}[rnd.nextInt(5)];
        }
        return k;
    }

    static byte[] intKey(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static List<IndexEntry> drain(BTreeCursor c) {
        List<IndexEntry> out = new ArrayList<>();
        for (IndexEntry e = c.next(); e != null; e = c.next()) {
            out.add(e);
        }
        return out;
    }

    static void assertSameEntries(List<IndexEntry> expected, List<IndexEntry> actual) {
        assertEquals(expected.size(), actual.size(), "entry count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(0, ORDER.compare(expected.get(i), actual.get(i)), "entry " + i);
        }
    }

    static List<IndexEntry> range(TreeSet<IndexEntry> model, byte[] lo, boolean loInc, byte[] hi,
                                  boolean hiInc, boolean backward) {
        List<IndexEntry> out = new ArrayList<>();
        for (IndexEntry e : backward ? model.descendingSet() : model) {
            int l = lo == null ? 1 : Arrays.compareUnsigned(e.key(), lo);
            int h = hi == null ? -1 : Arrays.compareUnsigned(e.key(), hi);
            if ((l > 0 || (l == 0 && loInc)) && (h < 0 || (h == 0 && hiInc))) {
                out.add(e);
            }
        }
        return out;
    }

    static void assertClean(BTree tree) {
        List<String> problems = BTreeCheck.check(tree);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void randomOperationsMatchSortedSet() {
        for (long seed = 1; seed <= 3; seed++) {
            if (seed > 1) {
                storage.dropRelation(REL);
                storage.createRelation(REL);
            }
            Random rnd = new Random(seed);
            BTree tree = tree(200 + (int) seed * 60);
            TreeSet<IndexEntry> model = new TreeSet<>(ORDER);
            List<IndexEntry> present = new ArrayList<>();
            for (int op = 0; op < 25_000; op++) {
                int r = rnd.nextInt(100);
                if (r < 60 || present.isEmpty()) {
                    IndexEntry e = new IndexEntry(key(rnd), new Tid(rnd.nextInt(50), rnd.nextInt(50)));
                    if (model.add(e)) {
                        tree.insert(e.key(), e.tid());
                        present.add(e);
                    }
                } else if (r < 88) {
                    IndexEntry e = present.remove(rnd.nextInt(present.size()));
                    model.remove(e);
                    assertTrue(tree.delete(e.key(), e.tid()));
                } else if (r < 93) {
                    IndexEntry e = new IndexEntry(key(rnd), new Tid(rnd.nextInt(50), rnd.nextInt(50)));
                    assertEquals(model.contains(e), tree.delete(e.key(), e.tid()));
                    if (model.remove(e)) {
                        present.remove(e);
                        present.removeIf(x -> ORDER.compare(x, e) == 0);
                    }
                } else {
                    byte[] lo = rnd.nextInt(4) == 0 ? null : key(rnd);
                    byte[] hi = rnd.nextInt(4) == 0 ? null : key(rnd);
                    boolean li = rnd.nextBoolean();
                    boolean hiInc = rnd.nextBoolean();
                    boolean back = rnd.nextBoolean();
                    assertSameEntries((range(model, lo, li, hi, hiInc, back)),
                            drain(tree.scan(lo, li, hi, hiInc, back)));
                }
            }
            assertSameEntries(new ArrayList<>(model), drain(tree.scan(null, false, null, false, false)));
            assertSameEntries(new ArrayList<>(model.descendingSet()), drain(tree.scan(null, false, null, false, true)));
            assertTrue(tree.rootAndHeight()[1] >= 3, "tree should be deep");
            assertClean(tree);
        }
    }

    @Test
    void rangeScansWithEveryBoundCombination() {
        BTree tree = tree(220);
        TreeSet<IndexEntry> model = new TreeSet<>(ORDER);
        for (int v = 0; v < 300; v += 2) {
            for (int d = 0; d < 3; d++) {
                IndexEntry e = new IndexEntry(intKey(v), new Tid(d, v));
                model.add(e);
                tree.insert(e.key(), e.tid());
            }
        }
        int[] points = {-1, 0, 1, 2, 99, 100, 101, 298, 299, 300};
        for (int lo : points) {
            for (int hi : points) {
                for (int flags = 0; flags < 16; flags++) {
                    byte[] l = (flags & 8) != 0 ? null : intKey(lo);
                    byte[] h = (flags & 4) != 0 ? null : intKey(hi);
                    boolean li = (flags & 1) != 0;
                    boolean hiInc = (flags & 2) != 0;
                    if (l != null && h != null && Arrays.compareUnsigned(l, h) > 0) {
                        assertTrue(drain(tree.scan(l, li, h, hiInc, false)).isEmpty());
                        continue;
                    }
                    for (boolean back : new boolean[] {false, true}) {
                        assertSameEntries((range(model, l, li, h, hiInc, back)),
                                drain(tree.scan(l, li, h, hiInc, back)));
                    }
                }
            }
        }
        assertClean(tree);
    }

    @Test
    void duplicatesSpanningManyLeavesAreOrderedByTid() {
        BTree tree = tree(150);
        Random rnd = new Random(5);
        List<Tid> tids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Tid t = new Tid(rnd.nextInt(1000), i);
            tids.add(t);
            tree.insert(intKey(7), t);
            tree.insert(intKey(rnd.nextBoolean() ? 6 : 8), new Tid(i, 0));
        }
        tids.sort(Comparator.comparingInt(Tid::block).thenComparingInt(Tid::slot));
        List<IndexEntry> got = drain(tree.scan(intKey(7), true, intKey(7), true, false));
        assertEquals(tids, got.stream().map(IndexEntry::tid).toList());
        List<IndexEntry> back = drain(tree.scan(intKey(7), true, intKey(7), true, true));
        assertEquals(tids.reversed(), back.stream().map(IndexEntry::tid).toList());
        assertThrows(DbException.class, () -> tree.insert(intKey(7), tids.get(3)), "same key and tid twice");
        assertClean(tree);
    }

    @Test
    void insertUniqueReportsLiveConflictsAndIgnoresDeadEntries() {
        BTree tree = tree(160);
        Tid dead = new Tid(1, 1);
        for (int i = 0; i < 40; i++) {
            tree.insert(intKey(5), new Tid(0, i)); // dead versions spanning several leaves
        }
        assertNull(tree.insertUnique(intKey(5), new Tid(9, 9), t -> t.block() != 0));
        assertEquals(new Tid(9, 9), tree.insertUnique(intKey(5), new Tid(9, 10), t -> t.block() != 0));
        assertNull(tree.insertUnique(intKey(6), dead, t -> true));
        assertEquals(dead, tree.insertUnique(intKey(6), new Tid(2, 2), t -> true));
        assertNull(tree.insertUnique(intKey(6), new Tid(2, 2), t -> false));
        assertEquals(43, drain(tree.scan(null, false, null, false, false)).size());
        assertClean(tree);
    }

    @Test
    void oversizedKeyIsRejectedWithPostgresWording() {
        BTree tree = new BTree(((PageStorage) storage).bufferPool(), REL);
        byte[] big = new byte[tree.maxKeySize() + 1];
        DbException e = assertThrows(DbException.class, () -> tree.insert(big, new Tid(0, 1)));
        assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, e.state());
        assertEquals("index row size " + big.length + " exceeds btree maximum, " + tree.maxKeySize(), e.getMessage());
        assertTrue(tree.maxKeySize() > 1500, "about a fifth of a page");
        tree.insert(new byte[tree.maxKeySize()], new Tid(0, 1));
        assertClean(tree);
    }

    @Test
    void fullSizeNodesWithLargeKeys() {
        BTree tree = storage.btree(REL);
        Random rnd = new Random(11);
        TreeSet<IndexEntry> model = new TreeSet<>(ORDER);
        for (int i = 0; i < 3000; i++) {
            byte[] k = new byte[rnd.nextInt(tree.maxKeySize() + 1)];
            rnd.nextBytes(k);
            IndexEntry e = new IndexEntry(k, new Tid(i, 1));
            model.add(e);
            tree.insert(k, e.tid());
        }
        assertSameEntries(new ArrayList<>(model), drain(tree.scan(null, false, null, false, false)));
        assertClean(tree);
    }

    @Test
    void survivesCloseAndReopen() {
        BTree tree = tree(300);
        TreeSet<IndexEntry> model = new TreeSet<>(ORDER);
        Random rnd = new Random(3);
        for (int i = 0; i < 5000; i++) {
            IndexEntry e = new IndexEntry(key(rnd), new Tid(i, 0));
            model.add(e);
            tree.insert(e.key(), e.tid());
        }
        storage.close();
        storage = Storage.open(dir, 16, new SimpleMeterRegistry());
        BTree reopened = tree(300);
        assertSameEntries(new ArrayList<>(model), drain(reopened.scan(null, false, null, false, false)));
        assertClean(reopened);
        IndexEntry first = model.first();
        assertTrue(reopened.delete(first.key(), first.tid()));
        reopened.insert(intKey(1), new Tid(1, 1));
        assertClean(reopened);
    }

    @Test
    void checkerFindsCorruptedPages() {
        BTree tree = tree(200);
        for (int i = 0; i < 400; i++) {
            tree.insert(intKey(i), new Tid(i, 1));
        }
        assertClean(tree);
        int leaf;
        try (PageGuard meta = tree.pool().pinShared(REL, 0)) {
            leaf = BTreePage.metaRoot(meta.bytes());
        }
        while (true) { // leftmost leaf
            try (PageGuard g = tree.pool().pinShared(REL, leaf)) {
                if (BTreePage.level(g.bytes()) == 0) {
                    break;
                }
                leaf = BTreePage.child(g.bytes(), 0);
            }
        }
        try (PageGuard g = tree.pool().pinExclusive(REL, leaf)) {
            byte[] p = g.bytes();
            // Swap the first two item offsets: the leaf is now out of order.
            int a = BTreePage.u16(p, 24);
            BTreePage.putU16(p, 24, BTreePage.u16(p, 26));
            BTreePage.putU16(p, 26, a);
            g.markDirty();
        }
        List<String> problems = BTreeCheck.check(tree);
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).contains("not above"), problems.toString());
        try (PageGuard g = tree.pool().pinExclusive(REL, leaf)) {
            byte[] p = g.bytes();
            int a = BTreePage.u16(p, 24);
            BTreePage.putU16(p, 24, BTreePage.u16(p, 26));
            BTreePage.putU16(p, 26, a);
            BTreePage.setRight(p, BTreePage.NONE); // now break the leaf chain instead
            g.markDirty();
        }
        problems = BTreeCheck.check(tree);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("right link"));
    }
}
