package org.larchdb.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.larchdb.engine.error.DbException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapFileTest {
    private static final int REL = 16385;

    @TempDir
    Path dir;

    @BeforeEach
    void createDataDirectory() {
        DataDirectory.create(dir);
    }

    private Storage open(int sharedBuffers) {
        return Storage.open(dir, sharedBuffers, new SimpleMeterRegistry());
    }

    private static byte[] row(int i) {
        return ("row-" + i + "-" + "x".repeat(i % 37)).getBytes(StandardCharsets.UTF_8);
    }

    private static int rowNumber(byte[] tuple) {
        String s = new String(tuple, StandardCharsets.UTF_8);
        return Integer.parseInt(s.substring(4, s.indexOf('-', 4)));
    }

    @Test
    void hundredThousandInsertsThroughSmallPoolAllScanned() {
        try (Storage storage = open(16)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            assertSame(heap, storage.heap(REL));
            int n = 100_000;
            List<Tid> tids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tids.add(heap.insert(row(i)));
            }
            BitSet seen = new BitSet(n);
            int count = 0;
            try (HeapScan scan = heap.scan()) {
                while (scan.next()) {
                    int i = rowNumber(scan.tuple());
                    assertFalse(seen.get(i), "row " + i + " twice");
                    seen.set(i);
                    assertEquals(tids.get(i), scan.tid());
                    count++;
                }
            }
            assertEquals(n, count);
            for (int i = 0; i < n; i += 997) {
                assertArrayEquals(row(i), heap.get(tids.get(i)));
            }
            assertTrue(heap.blockCount() > 16, "more pages than frames");
        }
    }

    @Test
    void deletesThenInsertsReuseSpace() {
        try (Storage storage = open(8)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            List<Tid> tids = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                tids.add(heap.insert(row(i)));
            }
            int blocks = heap.blockCount();
            for (Tid tid : tids) {
                assertTrue(heap.delete(tid));
            }
            assertFalse(heap.delete(tids.get(0)));
            assertNull(heap.get(tids.get(0)));
            try (HeapScan scan = heap.scan()) {
                assertFalse(scan.next());
            }
            for (int i = 0; i < 5000; i++) {
                heap.insert(row(i));
            }
            assertEquals(blocks, heap.blockCount(), "file did not grow");
        }
    }

    @Test
    void spaceFreedBeforeRestartIsReusedAfter() throws Exception {
        List<Tid> tids = new ArrayList<>();
        int blocks;
        try (Storage storage = open(8)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            for (int i = 0; i < 3000; i++) {
                tids.add(heap.insert(row(i)));
            }
            for (int i = 0; i < 3000; i += 2) {
                heap.delete(tids.get(i));
            }
            blocks = heap.blockCount();
        }
        long size = Files.size(dir.resolve("base").resolve(Integer.toString(REL)));
        assertEquals((long) blocks * Page.SIZE, size);
        try (Storage storage = open(8)) {
            HeapFile heap = storage.heap(REL);
            assertEquals(blocks, heap.blockCount());
            for (int i = 0; i < 1400; i++) {
                heap.insert(row(i));
            }
            assertEquals(blocks, heap.blockCount(), "FSM rebuilt from pages after restart");
        }
    }

    @Test
    void dataPersistsAcrossCloseAndReopen() {
        List<Tid> tids = new ArrayList<>();
        try (Storage storage = open(4)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            for (int i = 0; i < 2000; i++) {
                tids.add(heap.insert(row(i)));
            }
            heap.delete(tids.get(5));
            tids.set(7, heap.update(tids.get(7), "seven".getBytes()));
        }
        try (Storage storage = open(4)) {
            assertTrue(storage.relationExists(REL));
            HeapFile heap = storage.heap(REL);
            assertNull(heap.get(tids.get(5)));
            assertArrayEquals("seven".getBytes(), heap.get(tids.get(7)));
            assertArrayEquals(row(1999), heap.get(tids.get(1999)));
            int count = 0;
            try (HeapScan scan = heap.scan()) {
                while (scan.next()) {
                    count++;
                }
            }
            assertEquals(1999, count);
        }
    }

    @Test
    void updateInPlaceOrMoved() {
        try (Storage storage = open(8)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            Tid small = heap.insert("a".getBytes());
            assertEquals(small, heap.update(small, "bbbb".getBytes()), "fits on its page");
            // Fill the page so the next growth cannot stay there.
            while (heap.insert(new byte[500]).block() == small.block()) {
                // keep going
            }
            Tid moved = heap.update(small, new byte[3000]);
            assertNotEquals(small.block(), moved.block());
            assertNull(heap.get(small));
            assertEquals(3000, heap.get(moved).length);
            DbException e = assertThrows(DbException.class, () -> heap.update(small, new byte[1]));
            assertEquals("XX000", e.state().code());
        }
    }

    @Test
    void rowsBeyondAPageAreStoredAsLargeTuples() {
        try (Storage storage = open(4)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            Tid max = heap.insert(new byte[HeapPage.MAX_TUPLE_SIZE]);
            assertEquals(HeapPage.MAX_TUPLE_SIZE, heap.get(max).length);
            Tid big = heap.insert(new byte[9000]);
            assertEquals(9000, heap.get(big).length);
            Tid moved = heap.update(max, new byte[8200]);
            assertNull(heap.get(max));
            assertEquals(8200, heap.get(moved).length);
        }
    }

    @Test
    void scanSeesPagesAddedWhileItRuns() {
        try (Storage storage = open(8)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            heap.insert(new byte[5000]);
            try (HeapScan scan = heap.scan()) {
                assertTrue(scan.next());
                heap.insert(new byte[5000]); // goes to a new page
                assertTrue(scan.next());
                assertEquals(1, scan.tid().block());
                assertFalse(scan.next());
            }
        }
    }

    @Test
    void getOfMissingTuples() {
        try (Storage storage = open(4)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            Tid t = heap.insert("x".getBytes());
            assertNull(heap.get(new Tid(t.block(), 5)));
            assertNull(heap.get(new Tid(99, 0)));
            assertFalse(heap.delete(new Tid(99, 0)));
        }
    }

    @Test
    void concurrentInsertsFromEightThreadsLoseNothing() throws Exception {
        try (Storage storage = open(16)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            int threads = 8;
            int perThread = 5000;
            Set<Tid> tids = ConcurrentHashMap.newKeySet();
            try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int base = t * perThread;
                    futures.add(exec.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            Tid tid = heap.insert(row(base + i));
                            assertTrue(tids.add(tid), "Tid " + tid + " handed out twice");
                            if (i % 10 == 0) {
                                tids.remove(tid); // first: once deleted, another thread may get the slot
                                assertTrue(heap.delete(tid));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            Set<Tid> scanned = new HashSet<>();
            try (HeapScan scan = heap.scan()) {
                while (scan.next()) {
                    assertTrue(scanned.add(scan.tid()));
                    assertArrayEquals(scan.tuple(), heap.get(scan.tid()));
                }
            }
            assertEquals(tids, scanned);
            assertEquals(threads * perThread * 9 / 10, scanned.size());
        }
    }

    @Test
    void concurrentUpdatesDeletesAndScansStayConsistent() throws Exception {
        try (Storage storage = open(12)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            int writers = 4;
            int rows = 300;
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Set<Tid> expected = ConcurrentHashMap.newKeySet();
            java.util.Map<Tid, byte[]> expectedBytes = new ConcurrentHashMap<>();
            try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> scanners = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    scanners.add(exec.submit(() -> {
                        while (!done.get()) {
                            try (HeapScan scan = heap.scan()) {
                                while (scan.next()) {
                                    byte[] t = scan.tuple();
                                    // Every tuple is one writer's: a tag byte then that byte repeated.
                                    for (byte b : t) {
                                        assertEquals(t[0], b, "torn tuple at " + scan.tid());
                                    }
                                }
                            }
                            // Virtual threads are not preempted and a yield may resume at once:
                            // park briefly so the writers get the carriers.
                            Thread.sleep(1);
                        }
                        return null;
                    }));
                }
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    byte tag = (byte) (w + 1);
                    futures.add(exec.submit(() -> {
                        java.util.Random random = new java.util.Random(tag);
                        List<Tid> mine = new ArrayList<>();
                        for (int i = 0; i < rows; i++) {
                            mine.add(heap.insert(filled(tag, 10 + random.nextInt(200))));
                        }
                        for (int round = 0; round < 3000; round++) {
                            int k = random.nextInt(mine.size());
                            Tid tid = mine.get(k);
                            if (random.nextInt(10) == 0) {
                                assertTrue(heap.delete(tid));
                                mine.set(k, heap.insert(filled(tag, 1 + random.nextInt(100))));
                            } else {
                                mine.set(k, heap.update(tid, filled(tag, 1 + random.nextInt(2000))));
                            }
                        }
                        for (Tid tid : mine) {
                            expected.add(tid);
                            expectedBytes.put(tid, heap.get(tid));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                done.set(true);
                for (Future<?> f : scanners) {
                    f.get();
                }
            }
            assertEquals(writers * rows, expected.size());
            int count = 0;
            try (HeapScan scan = heap.scan()) {
                while (scan.next()) {
                    assertTrue(expected.contains(scan.tid()), "unexpected tuple at " + scan.tid());
                    assertArrayEquals(expectedBytes.get(scan.tid()), scan.tuple());
                    count++;
                }
            }
            assertEquals(expected.size(), count);
        }
    }

    private static byte[] filled(byte tag, int length) {
        byte[] t = new byte[length];
        java.util.Arrays.fill(t, tag);
        return t;
    }

    @Test
    void corruptedFileIsDetectedThroughFreshStorage() throws Exception {
        Tid tid;
        try (Storage storage = open(4)) {
            storage.createRelation(REL);
            tid = storage.heap(REL).insert("precious".getBytes());
        }
        Path file = dir.resolve("base").resolve(Integer.toString(REL));
        byte[] bytes = Files.readAllBytes(file);
        bytes[Page.SIZE - 2] ^= 0x01; // inside the tuple
        Files.write(file, bytes);
        try (Storage storage = open(4)) {
            HeapFile heap = storage.heap(REL);
            DbException e = assertThrows(DbException.class, () -> heap.get(tid));
            assertEquals("XX001", e.state().code());
            assertEquals("invalid page in block 0 of relation base/" + REL, e.getMessage());
        }
    }

    @Test
    void dropRelationRemovesFileAndPages() {
        try (Storage storage = open(4)) {
            storage.createRelation(REL);
            storage.heap(REL).insert("x".getBytes());
            storage.dropRelation(REL);
            assertFalse(storage.relationExists(REL));
            assertFalse(Files.exists(dir.resolve("base").resolve(Integer.toString(REL))));
            DbException e = assertThrows(DbException.class, () -> storage.heap(REL));
            assertEquals("58030", e.state().code());
            storage.createRelation(REL);
            HeapFile fresh = storage.heap(REL);
            assertEquals(0, fresh.blockCount());
            try (HeapScan scan = fresh.scan()) {
                assertFalse(scan.next());
            }
            assertThrows(DbException.class, () -> storage.createRelation(REL));
        }
    }
}
