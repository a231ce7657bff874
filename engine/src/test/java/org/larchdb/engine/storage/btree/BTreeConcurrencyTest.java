package org.larchdb.engine.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.storage.DataDirectory;
import org.larchdb.engine.storage.PageStorage;
import org.larchdb.engine.storage.Storage;
import org.larchdb.engine.storage.Tid;

class BTreeConcurrencyTest {
    static final int REL = 20002;

    @TempDir
    Path dir;
    Storage storage;

    @BeforeEach
    void open() {
        DataDirectory.create(dir);
        storage = Storage.open(dir, 512, new SimpleMeterRegistry());
        storage.createRelation(REL);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    BTree tree(int capacity) {
        return new BTree(((PageStorage) storage).bufferPool(), REL, capacity);
    }

    static void runAll(List<Runnable> tasks) throws Exception {
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (Runnable r : tasks) {
                fs.add(ex.submit(r));
            }
            for (Future<?> f : fs) {
                f.get(); // rethrows a task's failure
            }
        }
    }

    @Test
    void exactlyOneUniqueInsertWinsPerKey() throws Exception {
        BTree tree = tree(200);
        int keys = 1500;
        // Dead versions (heap block < 100) for every third key, some spanning leaves: forces the
        // slow path of insertUnique too.
        for (int k = 0; k < keys; k += 3) {
            for (int d = 0; d < 1 + k % 7; d++) {
                tree.insert(BTreeTest.intKey(k), new Tid(d, k));
            }
        }
        AtomicIntegerArray winners = new AtomicIntegerArray(keys);
        List<Runnable> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            tasks.add(() -> {
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    order.add(k);
                }
                Collections.shuffle(order, new Random(thread % 2)); // pairs of threads collide on every key
                for (int k : order) {
                    Tid conflict = tree.insertUnique(BTreeTest.intKey(k), new Tid(100 + thread, k),
                            tid -> tid.block() >= 100);
                    if (conflict == null) {
                        winners.incrementAndGet(k);
                    } else if (conflict.block() < 100 || conflict.slot() != k) {
                        throw new AssertionError("bad conflict " + conflict + " for key " + k);
                    }
                }
            });
        }
        runAll(tasks);
        for (int k = 0; k < keys; k++) {
            assertEquals(1, winners.get(k), "winners of key " + k);
            long live = BTreeTest.drain(tree.scan(BTreeTest.intKey(k), true, BTreeTest.intKey(k), true, false))
                    .stream().filter(e -> e.tid().block() >= 100).count();
            assertEquals(1, live, "live entries of key " + k);
        }
        BTreeTest.assertClean(tree);
    }

    @Test
    void concurrentInsertersDeletersAndScanners() throws Exception {
        BTree tree = tree(240);
        Random rnd = new Random(1);
        // Stable entries that no writer touches: every scan must see all of them, in order.
        TreeSet<IndexEntry> stable = new TreeSet<>(BTreeTest.ORDER);
        for (int i = 0; i < 2000; i++) {
            IndexEntry e = new IndexEntry(BTreeTest.key(rnd), new Tid(1000, i));
            stable.add(e);
            tree.insert(e.key(), e.tid());
        }
        int writers = 4;
        List<TreeSet<IndexEntry>> kept = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Runnable> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            TreeSet<IndexEntry> mine = new TreeSet<>(BTreeTest.ORDER);
            kept.add(mine);
            tasks.add(() -> {
                Random r = new Random(100 + writer);
                List<IndexEntry> inserted = new ArrayList<>();
                for (int i = 0; i < 6000; i++) {
                    IndexEntry e = new IndexEntry(BTreeTest.key(r), new Tid(writer, i));
                    tree.insert(e.key(), e.tid());
                    inserted.add(e);
                    mine.add(e);
                    if (i % 3 == 2) {
                        IndexEntry victim = inserted.remove(r.nextInt(inserted.size()));
                        if (!tree.delete(victim.key(), victim.tid())) {
                            throw new AssertionError("own entry missing " + victim);
                        }
                        mine.remove(victim);
                    }
                }
            });
        }
        List<Runnable> scanners = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            boolean backward = s % 2 == 1;
            scanners.add(() -> {
                Random r = new Random(backward ? 7 : 8);
                int scans = 0;
                while (writing.get() || scans < 2) {
                    byte[] lo = r.nextBoolean() ? null : BTreeTest.key(r);
                    List<IndexEntry> got = BTreeTest.drain(tree.scan(lo, true, null, false, backward));
                    for (int i = 1; i < got.size(); i++) {
                        int c = BTreeTest.ORDER.compare(got.get(i - 1), got.get(i));
                        if (backward ? c <= 0 : c >= 0) {
                            throw new AssertionError("scan out of order at " + i);
                        }
                    }
                    TreeSet<IndexEntry> seen = new TreeSet<>(BTreeTest.ORDER);
                    seen.addAll(got);
                    for (IndexEntry e : stable) {
                        if ((lo == null || Arrays.compareUnsigned(e.key(), lo) >= 0) && !seen.contains(e)) {
                            throw new AssertionError("scan missed a stable entry");
                        }
                    }
                    scans++;
                }
            });
        }
        List<Runnable> all = new ArrayList<>(scanners);
        all.add(() -> {
            try {
                runAll(tasks);
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                writing.set(false);
            }
        });
        runAll(all);
        TreeSet<IndexEntry> expected = new TreeSet<>(BTreeTest.ORDER);
        expected.addAll(stable);
        kept.forEach(expected::addAll);
        BTreeTest.assertSameEntries(new ArrayList<>(expected), BTreeTest.drain(tree.scan(null, false, null, false, false)));
        assertTrue(tree.rootAndHeight()[1] >= 3);
        BTreeTest.assertClean(tree);
    }
}
