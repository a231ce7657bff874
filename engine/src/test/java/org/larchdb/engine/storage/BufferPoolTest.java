package org.larchdb.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.larchdb.engine.error.DbException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferPoolTest {
    private static final int REL = 16384;

    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RelationFiles files;
    private BufferPool pool;

    private BufferPool pool(int frames) {
        files = new RelationFiles(dir);
        files.create(REL);
        pool = new BufferPool(files, frames, registry);
        return pool;
    }

    @AfterEach
    void closeFiles() {
        if (files != null) {
            files.closeAll();
        }
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    /** Extends the relation by {@code n} pages, each holding one tuple naming its block. */
    private void fill(int n) {
        for (int i = 0; i < n; i++) {
            try (PageGuard g = pool.pinNew(REL)) {
                assertEquals(i, g.block());
                g.heapPage().insert(("block " + i).getBytes());
                g.markDirty();
            }
        }
    }

    private String readBlock(int block) {
        try (PageGuard g = pool.pinShared(REL, block)) {
            return new String(g.heapPage().get(0));
        }
    }

    @Test
    void tinyPoolEvictsAndReadsBack() {
        pool(4);
        fill(10);
        assertTrue(counter("larch.buffer.pool.evictions") >= 6);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                assertEquals("block " + i, readBlock(i));
            }
        }
        assertTrue(counter("larch.buffer.pool.misses") >= 10);
        assertEquals(4.0, registry.get("larch.buffer.pool.frames").gauge().value());
        assertEquals(0, pool.pinnedCount());
    }

    @Test
    void hitsAreCounted() {
        pool(4);
        fill(2);
        double before = counter("larch.buffer.pool.hits");
        readBlock(0);
        readBlock(1);
        readBlock(0);
        assertEquals(before + 3, counter("larch.buffer.pool.hits"));
    }

    @Test
    void pinnedPagesAreNotEvicted() {
        pool(4);
        fill(10);
        try (PageGuard a = pool.pinShared(REL, 0);
             PageGuard b = pool.pinShared(REL, 1);
             PageGuard c = pool.pinShared(REL, 2)) {
            // All the traffic goes through the one unpinned frame.
            for (int i = 3; i < 10; i++) {
                assertEquals("block " + i, readBlock(i));
            }
            double hits = counter("larch.buffer.pool.hits");
            double misses = counter("larch.buffer.pool.misses");
            readBlock(0);
            readBlock(1);
            readBlock(2);
            assertEquals(hits + 3, counter("larch.buffer.pool.hits"), "pinned pages stayed resident");
            assertEquals(misses, counter("larch.buffer.pool.misses"));
            assertEquals("block 0", new String(a.heapPage().get(0)));
        }
    }

    @Test
    void allFramesPinnedIsAnError() {
        pool(4);
        fill(5);
        List<PageGuard> guards = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            guards.add(pool.pinShared(REL, i));
        }
        DbException e = assertThrows(DbException.class, () -> pool.pinShared(REL, 4));
        assertEquals("54000", e.state().code());
        assertEquals("no unpinned buffers available", e.getMessage());
        assertThrows(DbException.class, () -> pool.pinNew(REL));
        assertEquals(5, pool.blockCount(REL), "a failed extension does not grow the relation");
        guards.forEach(PageGuard::close);
        assertEquals("block 4", readBlock(4));
        assertEquals(0, pool.pinnedCount());
    }

    @Test
    void dirtyPageIsWrittenBackAndReadAgain() {
        pool(4);
        fill(4);
        try (PageGuard g = pool.pinExclusive(REL, 0)) {
            g.heapPage().update(0, "changed".getBytes());
            g.markDirty();
        }
        assertTrue(registry.get("larch.buffer.pool.dirty").gauge().value() >= 1);
        for (int i = 0; i < 8; i++) {
            try (PageGuard g = pool.pinNew(REL)) {
                g.heapPage().init();
                g.markDirty();
            }
        }
        double misses = counter("larch.buffer.pool.misses");
        assertEquals("changed", readBlock(0));
        assertEquals(misses + 1, counter("larch.buffer.pool.misses"), "block 0 came back from disk");
        pool.flushAll();
        assertEquals(0.0, registry.get("larch.buffer.pool.dirty").gauge().value());
    }

    @Test
    void readingPastTheEndFails() {
        pool(4);
        fill(1);
        DbException e = assertThrows(DbException.class, () -> pool.pinShared(REL, 1));
        assertEquals("58030", e.state().code());
    }

    @Test
    void guardRejectsChangesUnderSharedLatchAndUseAfterClose() {
        pool(4);
        fill(1);
        PageGuard g = pool.pinShared(REL, 0);
        assertThrows(IllegalStateException.class, g::markDirty);
        g.close();
        g.close(); // idempotent
        assertThrows(IllegalStateException.class, g::bytes);
        assertEquals(0, pool.pinnedCount());
    }

    @Test
    void corruptedPageIsDetectedOnRead() throws Exception {
        pool(4);
        fill(3);
        pool.flushAll();
        pool.close();
        files.closeAll();
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(Integer.toString(REL)).toFile(), "rw")) {
            long pos = Page.SIZE + Page.SIZE - 3; // inside block 1's tuple
            raf.seek(pos);
            int b = raf.read();
            raf.seek(pos);
            raf.write(b ^ 0x40);
        }
        files = new RelationFiles(dir);
        pool = new BufferPool(files, 4, registry);
        assertEquals("block 0", readBlock(0));
        DbException e = assertThrows(DbException.class, () -> readBlock(1));
        assertEquals("XX001", e.state().code());
        assertEquals("invalid page in block 1 of relation base/16384", e.getMessage());
        assertEquals("block 2", readBlock(2));
        assertThrows(DbException.class, () -> readBlock(1), "a failed read leaves no bogus frame behind");
        assertEquals(0, pool.pinnedCount());
    }

    @Test
    void interruptedReaderDoesNotBreakTheFileForOthers() {
        pool(4);
        fill(8);
        pool.flushAll();
        Thread.currentThread().interrupt();
        DbException e;
        try {
            // Block 0 was evicted by the later ones, so this is a disk read on an interrupted thread.
            e = assertThrows(DbException.class, () -> readBlock(0));
        } finally {
            Thread.interrupted();
        }
        assertEquals("57014", e.state().code());
        for (int i = 0; i < 8; i++) {
            assertEquals("block " + i, readBlock(i));
        }
        assertEquals(0, pool.pinnedCount());
    }

    @Test
    void concurrentWritersThroughSmallPoolLoseNoUpdate() throws Exception {
        pool(8);
        int pages = 32;
        for (int i = 0; i < pages; i++) {
            try (PageGuard g = pool.pinNew(REL)) {
                g.heapPage().insert(new byte[4]);
                g.markDirty();
            }
        }
        int threads = 8;
        int perThread = 2000;
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                futures.add(exec.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int block = (seed * 7 + i * 13) % pages;
                        try (PageGuard g = pool.pinExclusive(REL, block)) {
                            HeapPage page = g.heapPage();
                            byte[] v = page.get(0);
                            int n = java.nio.ByteBuffer.wrap(v).getInt() + 1;
                            page.update(0, java.nio.ByteBuffer.allocate(4).putInt(n).array());
                            g.markDirty();
                        }
                        if (i % 5 == 0) {
                            try (PageGuard g = pool.pinShared(REL, (block + 1) % pages)) {
                                g.heapPage().get(0);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        long total = 0;
        for (int i = 0; i < pages; i++) {
            try (PageGuard g = pool.pinShared(REL, i)) {
                total += java.nio.ByteBuffer.wrap(g.heapPage().get(0)).getInt();
            }
        }
        assertEquals((long) threads * perThread, total);
        assertEquals(0, pool.pinnedCount());
    }
}
