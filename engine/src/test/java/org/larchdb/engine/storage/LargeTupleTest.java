package org.larchdb.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.larchdb.engine.error.DbException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tuples larger than a page: head + chunks, transparent to HeapFile's callers. */
class LargeTupleTest {
    private static final int REL = 16390;
    private static final int MB = 1 << 20;
    private static final int CHUNK = OverflowTuple.MAX_CHUNK_DATA;

    @TempDir
    java.nio.file.Path dir;

    @BeforeEach
    void createDataDirectory() {
        DataDirectory.create(dir);
    }

    private Storage open(int sharedBuffers) {
        return Storage.open(dir, sharedBuffers, new SimpleMeterRegistry());
    }

    /** Pseudo-random bytes, different per seed, so a mixed-up chunk cannot go unnoticed. */
    private static byte[] value(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<byte[]> scanAll(HeapFile heap, List<Tid> tids) {
        List<byte[]> all = new ArrayList<>();
        try (HeapScan scan = heap.scan()) {
            while (scan.next()) {
                all.add(scan.tuple());
                if (tids != null) {
                    tids.add(scan.tid());
                }
            }
        }
        return all;
    }

    @Test
    void roundTripOfLargeAndBoundarySizes() {
        int[] sizes = {MB, 100_000, HeapPage.MAX_TUPLE_SIZE, HeapPage.MAX_TUPLE_SIZE + 1, 2 * CHUNK - 1, 2 * CHUNK,
            2 * CHUNK + 1, 3 * CHUNK, OverflowTuple.MAX_CHUNK_PART, 0, 1};
        try (Storage storage = open(32)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            Map<Tid, byte[]> stored = new HashMap<>();
            for (int i = 0; i < sizes.length; i++) {
                byte[] v = value(sizes[i], i);
                Tid tid = heap.insert(v);
                assertArrayEquals(v, heap.get(tid), "size " + sizes[i]);
                stored.put(tid, v);
            }
            for (Map.Entry<Tid, byte[]> e : stored.entrySet()) {
                assertArrayEquals(e.getValue(), heap.get(e.getKey()));
            }
            List<Tid> tids = new ArrayList<>();
            List<byte[]> scanned = scanAll(heap, tids);
            assertEquals(sizes.length, scanned.size(), "each tuple once, no chunks");
            for (int i = 0; i < tids.size(); i++) {
                assertArrayEquals(stored.get(tids.get(i)), scanned.get(i));
            }
            // A 1 MB tuple fills whole pages: 129 chunks of 8141 bytes, about one page each.
            int expectedPages = OverflowTuple.chunkCount(MB);
            assertTrue(heap.blockCount() < expectedPages + 40, "pages used: " + heap.blockCount());
        }
    }

    @Test
    void scansSkipChunksAndChunkTidsAreNotTuples() {
        try (Storage storage = open(16)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            List<byte[]> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                byte[] v = i % 3 == 0 ? value(50_000 + i, i) : value(20 + i, i);
                heap.insert(v);
                expected.add(v);
            }
            List<byte[]> scanned = scanAll(heap, null);
            assertEquals(expected.size(), scanned.size());
            for (int i = 0; i < expected.size(); i++) {
                final int n = i;
                assertTrue(scanned.stream().anyMatch(s -> Arrays.equals(s, expected.get(n))), "tuple " + i);
            }
            // Every overflow slot that is not a head is a chunk: invisible through the heap API.
            BufferPool pool = ((PageStorage) storage).bufferPool();
            int chunks = 0;
            for (int block = 0; block < heap.blockCount(); block++) {
                List<Integer> chunkSlots = new ArrayList<>();
                try (PageGuard g = pool.pinShared(REL, block)) {
                    HeapPage page = g.heapPage();
                    for (int slot = 0; slot < page.slotCount(); slot++) {
                        byte[] part = page.getOverflow(slot);
                        if (part != null && OverflowTuple.Head.decode(part) == null) {
                            chunkSlots.add(slot);
                        }
                    }
                }
                for (int slot : chunkSlots) {
                    Tid chunk = new Tid(block, slot);
                    chunks++;
                    assertNull(heap.get(chunk));
                    assertFalse(heap.delete(chunk));
                    DbException e = assertThrows(DbException.class, () -> heap.update(chunk, new byte[1]));
                    assertEquals("XX000", e.state().code());
                }
            }
            assertEquals(10 * OverflowTuple.chunkCount(50_000), chunks);
            assertEquals(expected.size(), scanAll(heap, null).size(), "probing chunks changed nothing");
        }
    }

    @Test
    void deleteFreesChunkSpaceSoTheFileStopsGrowing() {
        try (Storage storage = open(16)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            heap.insert("small neighbour".getBytes());
            Tid tid = heap.insert(value(MB, 1));
            int blocksAfterFirst = heap.blockCount();
            for (int cycle = 0; cycle < 10; cycle++) {
                assertTrue(heap.delete(tid));
                assertNull(heap.get(tid));
                assertFalse(heap.delete(tid), "second delete finds nothing");
                assertEquals(1, scanAll(heap, null).size());
                byte[] v = value(MB, cycle + 2);
                tid = heap.insert(v);
                assertArrayEquals(v, heap.get(tid));
            }
            assertEquals(blocksAfterFirst, heap.blockCount(), "chunk pages are reused");
        }
    }

    @Test
    void updateSmallToLargeToSmall() {
        try (Storage storage = open(16)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            Tid small = heap.insert("small".getBytes());
            int blocks = 0;
            for (int round = 0; round < 5; round++) {
                byte[] big = value(100_000, round);
                Tid large = heap.update(small, big);
                assertNotEquals(small, large);
                assertNull(heap.get(small));
                assertArrayEquals(big, heap.get(large));

                byte[] bigger = value(300_000, round + 100);
                Tid larger = heap.update(large, bigger);
                assertNull(heap.get(large));
                assertArrayEquals(bigger, heap.get(larger));

                byte[] back = ("small again " + round).getBytes();
                small = heap.update(larger, back);
                assertNull(heap.get(larger));
                assertArrayEquals(back, heap.get(small));
                assertEquals(1, scanAll(heap, null).size());
                if (round == 0) {
                    blocks = heap.blockCount();
                }
            }
            assertEquals(blocks, heap.blockCount(), "replaced versions' space is reused");
            Tid gone = small;
            assertTrue(heap.delete(gone));
            DbException e = assertThrows(DbException.class, () -> heap.update(gone, value(MB, 9)));
            assertEquals("XX000", e.state().code());
            assertEquals(0, scanAll(heap, null).size(), "failed update stored nothing visible");
        }
    }

    @Test
    void largeTuplesPersistAcrossReopen() {
        byte[] big = value(MB, 7);
        byte[] mid = value(100_000, 8);
        Tid bigTid;
        Tid midTid;
        try (Storage storage = open(16)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            bigTid = heap.insert(big);
            midTid = heap.insert(mid);
            Tid gone = heap.insert(value(200_000, 9));
            assertTrue(heap.delete(gone));
        }
        try (Storage storage = open(16)) {
            HeapFile heap = storage.heap(REL);
            assertArrayEquals(big, heap.get(bigTid));
            assertArrayEquals(mid, heap.get(midTid));
            assertEquals(2, scanAll(heap, null).size());
            int blocks = heap.blockCount();
            heap.insert(value(150_000, 10)); // fits in the space freed before the restart
            assertEquals(blocks, heap.blockCount());
        }
    }

    @Test
    void concurrentLargeInsertsFromFourThreads() throws Exception {
        int threads = 4;
        int perThread = 12;
        try (Storage storage = open(24)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Map<Tid, byte[]>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Map<Tid, byte[]> mine = new HashMap<>();
                    for (int i = 0; i < perThread; i++) {
                        int size = i % 4 == 0 ? 100 : 20_000 + 37_000 * i;
                        byte[] v = value(size, thread * 1000L + i);
                        mine.put(heap.insert(v), v);
                    }
                    return mine;
                }));
            }
            pool.shutdown();
            Map<Tid, byte[]> all = new HashMap<>();
            for (Future<Map<Tid, byte[]>> f : futures) {
                all.putAll(f.get());
            }
            assertEquals(threads * perThread, all.size(), "distinct tids");
            for (Map.Entry<Tid, byte[]> e : all.entrySet()) {
                assertArrayEquals(e.getValue(), heap.get(e.getKey()));
            }
            List<Tid> tids = new ArrayList<>();
            List<byte[]> scanned = scanAll(heap, tids);
            assertEquals(all.size(), scanned.size());
            for (int i = 0; i < tids.size(); i++) {
                assertArrayEquals(all.get(tids.get(i)), scanned.get(i));
            }
        }
    }

    @Test
    void oneMegabyteThroughEightFrames() {
        byte[] big = value(MB, 11);
        try (Storage storage = open(8)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            Tid tid = heap.insert(big);
            assertTrue(heap.blockCount() > 8 * 10, "far more pages than frames");
            assertArrayEquals(big, heap.get(tid));
            List<byte[]> scanned = scanAll(heap, null);
            assertEquals(1, scanned.size());
            assertArrayEquals(big, scanned.get(0));
            byte[] other = value(MB, 12);
            Tid moved = heap.update(tid, other);
            assertArrayEquals(other, heap.get(moved));
            assertTrue(heap.delete(moved));
            assertEquals(0, scanAll(heap, null).size());
        }
    }

    @Test
    void failedInsertLeavesNoVisibleRow() {
        try (Storage storage = open(8)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            Tid small = heap.insert("before".getBytes());
            // Interrupted: the first write-back of an evicted chunk page fails with 57014 midway.
            Thread.currentThread().interrupt();
            DbException e;
            try {
                e = assertThrows(DbException.class, () -> heap.insert(value(MB, 13)));
            } finally {
                Thread.interrupted();
            }
            assertEquals("57014", e.state().code());
            assertTrue(heap.blockCount() > 1, "some chunks were written");
            List<byte[]> scanned = scanAll(heap, null);
            assertEquals(1, scanned.size(), "orphan chunks are not rows");
            assertArrayEquals("before".getBytes(), heap.get(small));
            byte[] big = value(MB, 14);
            assertArrayEquals(big, heap.get(heap.insert(big)), "the heap still works");
        }
    }

    @Test
    void deletedWhileScanningIsSkippedNotMixedUp() {
        try (Storage storage = open(16)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            List<byte[]> values = new ArrayList<>();
            List<Tid> tids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                values.add(value(60_000, 20 + i));
                tids.add(heap.insert(values.get(i)));
            }
            assertTrue(tids.stream().allMatch(t -> t.block() == tids.get(0).block()), "heads share a page");
            try (HeapScan scan = heap.scan()) {
                assertTrue(scan.next()); // the heads page is copied now
                assertArrayEquals(values.get(0), scan.tuple());
                // Delete the second and reuse its chunk slots for another value with the same shape.
                assertTrue(heap.delete(tids.get(1)));
                byte[] replacementValue = value(60_000, 99);
                Tid replacement = heap.insert(replacementValue);
                assertEquals(tids.get(1), replacement, "the freed head slot is reused");
                List<byte[]> rest = new ArrayList<>();
                while (scan.next()) {
                    rest.add(scan.tuple());
                }
                assertTrue(rest.stream().anyMatch(r -> Arrays.equals(r, values.get(2))));
                assertTrue(rest.stream().anyMatch(r -> Arrays.equals(r, values.get(3))));
                assertFalse(rest.stream().anyMatch(r -> Arrays.equals(r, values.get(1))), "deleted one is skipped");
                for (byte[] r : rest) {
                    assertTrue(Arrays.equals(r, values.get(2)) || Arrays.equals(r, values.get(3))
                            || Arrays.equals(r, replacementValue), "only whole live tuples, never a mix");
                }
            }
        }
    }

    @Test
    void missingChunkUnderLiveHeadIsCorruption() {
        try (Storage storage = open(16)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            Tid tid = heap.insert(value(30_000, 30));
            BufferPool pool = ((PageStorage) storage).bufferPool();
            OverflowTuple.Head head = OverflowTuple.Head.decode(OverflowTuple.readPart(pool, REL, tid));
            assertNotNull(head);
            assertEquals(30_000, head.length());
            assertEquals(OverflowTuple.chunkCount(30_000), head.chunkCount());
            try (PageGuard g = pool.pinExclusive(REL, head.firstChunk().block())) {
                assertTrue(g.heapPage().deleteOverflow(head.firstChunk().slot()));
                g.markDirty();
            }
            DbException e = assertThrows(DbException.class, () -> heap.get(tid));
            assertEquals("XX001", e.state().code());
            assertTrue(e.getMessage().startsWith("missing chunk number 0 for toast value"), e.getMessage());
            assertTrue(heap.delete(tid), "a damaged tuple can still be deleted");
            assertNull(heap.get(tid));
        }
    }

    @Test
    void chainsAreCheckedAgainstValueIdAndChunkNumber() {
        try (Storage storage = open(16)) {
            storage.createRelation(REL);
            HeapFile heap = storage.heap(REL);
            byte[] v = value(3 * CHUNK, 50);
            Tid tid = heap.insert(v);
            BufferPool pool = ((PageStorage) storage).bufferPool();
            OverflowTuple.Head head = OverflowTuple.Head.decode(OverflowTuple.readPart(pool, REL, tid));
            assertArrayEquals(v, OverflowTuple.read(pool, REL, tid, head));
            // A stale head copy whose slots now hold another value's chunks: "deleted meanwhile".
            OverflowTuple.Head stale = new OverflowTuple.Head(head.valueId() + 1, head.length(), head.chunkCount(),
                    head.firstChunk());
            assertNull(OverflowTuple.read(pool, REL, tid, stale));
            // The right value but the chain starting at chunk 1: corruption, since the head is live.
            Tid second = OverflowTuple.nextChunk(OverflowTuple.readPart(pool, REL, head.firstChunk()));
            OverflowTuple.Head skewed = new OverflowTuple.Head(head.valueId(), head.length(), head.chunkCount(), second);
            DbException e = assertThrows(DbException.class, () -> OverflowTuple.read(pool, REL, tid, skewed));
            assertEquals("XX001", e.state().code());
        }
    }

    @Test
    void sizeLimitIsPostgresOneGigabyte() {
        assertDoesNotThrow(() -> SlottedHeapFile.checkSize(1_073_741_823));
        DbException e = assertThrows(DbException.class, () -> SlottedHeapFile.checkSize(1_073_741_824L));
        assertEquals("54000", e.state().code());
        assertEquals("row is too big: size 1073741824, maximum size 1073741823", e.getMessage());
    }

    @Test
    void headAndChunkFormat() {
        OverflowTuple.Head head = new OverflowTuple.Head(-5L, 123_456, OverflowTuple.chunkCount(123_456), new Tid(7, 300));
        byte[] encoded = head.encode();
        assertEquals(OverflowTuple.HEAD_SIZE, encoded.length);
        assertEquals(head, OverflowTuple.Head.decode(encoded));
        byte[] tuple = value(2 * CHUNK + 5, 40);
        byte[] last = OverflowTuple.chunk(42L, 2, null, tuple);
        assertEquals(OverflowTuple.CHUNK_HEADER_SIZE + 5, last.length);
        assertNull(OverflowTuple.nextChunk(last));
        byte[] first = OverflowTuple.chunk(42L, 0, new Tid(3, 65_000), tuple);
        assertEquals(OverflowTuple.MAX_CHUNK_PART, first.length);
        assertEquals(new Tid(3, 65_000), OverflowTuple.nextChunk(first));
        assertTrue(OverflowTuple.isChunkOf(first, 42L, 0));
        assertFalse(OverflowTuple.isChunkOf(first, 42L, 1));
        assertFalse(OverflowTuple.isChunkOf(first, 43L, 0));
        assertNull(OverflowTuple.Head.decode(first), "a chunk is not a head");
        assertFalse(OverflowTuple.isChunkOf(encoded, -5L, 0), "a head is not a chunk");
        assertEquals(8160, OverflowTuple.MAX_CHUNK_PART);
        assertTrue(FreeSpaceMap.categoryOf(HeapPage.MAX_TUPLE_SIZE) * FreeSpaceMap.CATEGORY_BYTES
                >= OverflowTuple.MAX_CHUNK_PART, "the map finds empty pages for full chunks");
    }
}
