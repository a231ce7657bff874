package org.larchdb.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.storage.wal.WalEntry;
import org.larchdb.engine.storage.wal.WalPosition;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalWriter;

/** Pending deletes, purge and tid claims on a heap without a log (runtime undo from memory). */
class PendingDeleteTest {
    private static final int REL = 16390;

    @TempDir
    Path dir;
    private Storage storage;
    private HeapFile heap;

    @BeforeEach
    void open() {
        DataDirectory.create(dir);
        storage = Storage.open(dir, 32, new SimpleMeterRegistry());
        storage.createRelation(REL);
        heap = storage.heap(REL);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        storage.close();
    }

    /** A transaction's log context that remembers its records and undoes them as rollback does. */
    static final class MemoryTx implements TxLog {
        final List<WalEntry> entries = new ArrayList<>();
        final List<WalRecord> clrs = new ArrayList<>();
        boolean rollingBack;

        @Override
        public WalPosition log(WalWriter wal, WalRecord record) {
            if (rollingBack) {
                clrs.add(record);
            } else {
                entries.add(new WalEntry(0, 0, 7, 0, record));
            }
            return new WalPosition(0, 0);
        }

        void rollback(Storage storage) {
            rollingBack = true;
            TupleMoves moves = new TupleMoves();
            for (int i = entries.size() - 1; i >= 0; i--) {
                storage.undo(entries.get(i), this, moves);
            }
        }
    }

    private static byte[] row(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] large(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    @Test
    void markedTupleStaysReadableAndFlagged() {
        Tid a = heap.insert(row("a"));
        Tid b = heap.insert(row("b"));
        MemoryTx tx = new MemoryTx();
        assertTrue(heap.markDeleted(tx, a));
        assertFalse(heap.markDeleted(tx, a), "already pending");
        assertFalse(heap.markDeleted(tx, new Tid(0, 99)));
        assertFalse(heap.markDeleted(tx, new Tid(5, 0)));
        assertEquals(List.of(new WalRecord.HeapMarkDeleted(REL, 0, a.slot())), tx.entries.stream().map(WalEntry::record).toList());

        assertArrayEquals(row("a"), heap.get(a));
        HeapFile.Fetched f = heap.fetch(a);
        assertArrayEquals(row("a"), f.tuple());
        assertTrue(f.deletePending());
        assertFalse(heap.fetch(b).deletePending());
        assertNull(heap.fetch(new Tid(0, 50)));

        List<Boolean> flags = new ArrayList<>();
        try (HeapScan scan = heap.scan()) {
            while (scan.next()) {
                flags.add(scan.deletePending());
            }
        }
        assertEquals(List.of(true, false), flags);
        assertEquals(List.of(a), ((PageStorage) storage).pendingDeletes().stream().map(PendingDelete::tid).toList());
    }

    @Test
    void purgeRemovesOnlyPendingTuples() {
        Tid a = heap.insert(row("a"));
        Tid b = heap.insert(row("b"));
        assertFalse(heap.purge(b), "a live, unmarked tuple is never purged");
        assertFalse(heap.purge(new Tid(0, 9)));
        assertTrue(heap.markDeleted(TxLog.NONE, a));
        assertFalse(heap.delete(a), "only purge removes a pending tuple");
        assertThrows(DbException.class, () -> heap.update(new MemoryTx(), a, row("z")));
        assertTrue(heap.purge(a));
        assertFalse(heap.purge(a));
        assertNull(heap.get(a));
        assertNull(heap.fetch(a));
        assertArrayEquals(row("b"), heap.get(b));
        assertTrue(((PageStorage) storage).pendingDeletes().isEmpty());
        Tid c = heap.insert(row("c"));
        assertEquals(a, c, "the purged slot is reused");
        assertFalse(heap.fetch(c).deletePending(), "a reused slot does not inherit the mark");
    }

    @Test
    void rollbackClearsTheMarkInPlace() {
        Tid a = heap.insert(row("a"));
        MemoryTx tx = new MemoryTx();
        heap.markDeleted(tx, a);
        tx.rollback(storage);
        assertFalse(heap.fetch(a).deletePending());
        assertArrayEquals(row("a"), heap.get(a));
        assertEquals(List.of(new WalRecord.Compensation(0, new WalRecord.HeapUnmarkDeleted(REL, 0, a.slot()))).toString(),
                tx.clrs.toString());
        assertFalse(heap.purge(a));
        assertTrue(((PageStorage) storage).pendingDeletes().isEmpty());
    }

    @Test
    void markSurvivesCompactionAndInPlaceUpdatesOfNeighbours() {
        List<Tid> tids = new ArrayList<>();
        for (int i = 0; i < 38; i++) {
            tids.add(heap.insert(row("r" + i + "-".repeat(200))));
        }
        assertEquals(1, heap.blockCount());
        heap.markDeleted(TxLog.NONE, tids.get(3));
        for (int i = 4; i < 38; i += 2) {
            heap.delete(tids.get(i));
        }
        // grows past the contiguous gap: the page is compacted, moving the pending tuple's bytes
        assertEquals(tids.get(5), heap.update(tids.get(5), row("grown-" + "x".repeat(900))));
        assertTrue(heap.fetch(tids.get(3)).deletePending());
        assertArrayEquals(row("r3" + "-".repeat(200)), heap.get(tids.get(3)));
    }

    @Test
    void movedUpdateLeavesTheOldTidPending() {
        List<Tid> tids = new ArrayList<>();
        while (heap.blockCount() < 2) {
            tids.add(heap.insert(row("x".repeat(500))));
        }
        Tid old = tids.get(0);
        MemoryTx tx = new MemoryTx();
        Tid moved = heap.update(tx, old, row("y".repeat(3000)));
        assertNotEquals(old, moved);
        assertArrayEquals(row("y".repeat(3000)), heap.get(moved));
        HeapFile.Fetched before = heap.fetch(old);
        assertTrue(before.deletePending());
        assertArrayEquals(row("x".repeat(500)), before.tuple());
        assertEquals(List.of(WalRecord.HeapInsert.class, WalRecord.HeapMarkDeleted.class),
                tx.entries.stream().map(e -> e.record().getClass()).toList());
        // rollback: the new version goes, the old one is unmarked where it always was
        tx.rollback(storage);
        assertNull(heap.get(moved));
        assertFalse(heap.fetch(old).deletePending());
        // commit instead: the caller purges the old tid
        Tid again = heap.update(new MemoryTx(), old, row("y".repeat(3000)));
        assertTrue(heap.purge(old));
        assertNull(heap.get(old));
        assertArrayEquals(row("y".repeat(3000)), heap.get(again));
    }

    @Test
    void claimRefusingTheFirstFreeSlotGetsAnother() {
        Tid a = heap.insert(row("a"));
        Tid b = heap.insert(row("b"));
        heap.insert(row("c"));
        heap.delete(a);
        heap.delete(b);
        List<Tid> offered = new ArrayList<>();
        Tid got = heap.insert(TxLog.NONE, row("new"), tid -> {
            offered.add(tid);
            return !tid.equals(a);
        });
        assertEquals(b, got);
        assertEquals(List.of(a, b), offered);
        // refusing every reusable slot: a new line pointer on the same page
        heap.delete(b);
        Tid fresh = heap.insert(TxLog.NONE, row("new2"), tid -> !tid.equals(a) && !tid.equals(b));
        assertEquals(new Tid(0, 3), fresh);
        assertArrayEquals(row("new2"), heap.get(fresh));
        assertNull(heap.get(a));
    }

    @Test
    void claimRefusingEverySlotOfAPageUsesAnotherPage() {
        for (int i = 0; i < 10; i++) {
            heap.insert(row("r" + i));
        }
        assertEquals(1, heap.blockCount());
        Set<Tid> refused = new HashSet<>();
        Tid got = heap.insert(TxLog.NONE, row("elsewhere"), tid -> {
            if (tid.block() == 0) {
                refused.add(tid);
                return false;
            }
            return true;
        });
        assertEquals(1, got.block());
        assertFalse(refused.isEmpty());
        assertFalse(refused.contains(got));
        assertArrayEquals(row("elsewhere"), heap.get(got));
        // the refused page was left unchanged: its next plain insert takes slot 10
        assertEquals(new Tid(0, 10), heap.insert(row("plain")));
        // a claim refusing slot 0 of a fresh page gets slot 1 there
        HeapFile other = emptyHeap(REL + 1);
        Tid first = other.insert(TxLog.NONE, row("x"), tid -> tid.slot() != 0);
        assertEquals(new Tid(0, 1), first);
        assertArrayEquals(row("x"), other.get(first));
        assertEquals(new Tid(0, 0), other.insert(row("y")));
    }

    @Test
    void claimThatNeverAcceptsFailsInsteadOfLooping() {
        HeapFile other = emptyHeap(REL + 2);
        DbException e = assertThrows(DbException.class, () -> other.insert(TxLog.NONE, row("x"), tid -> false));
        assertTrue(e.getMessage().startsWith("could not find a tuple id"), e.getMessage());
    }

    @Test
    void claimedUpdateThatMovesClaimsTheNewTid() {
        List<Tid> tids = new ArrayList<>();
        while (heap.blockCount() < 2) {
            tids.add(heap.insert(row("x".repeat(500))));
        }
        List<Tid> offered = new ArrayList<>();
        Tid moved = heap.update(new MemoryTx(), tids.get(0), row("y".repeat(4000)), tid -> {
            offered.add(tid);
            return true;
        });
        assertEquals(List.of(moved), offered);
        // in place: nothing to claim
        offered.clear();
        heap.update(new MemoryTx(), tids.get(1), row("z"), tid -> {
            offered.add(tid);
            return true;
        });
        assertTrue(offered.isEmpty());
    }

    @Test
    void largeTuplesAreMarkedAtTheHeadAndPurgedWithTheirChunks() {
        byte[] big = large(30_000, 3);
        List<Tid> offered = new ArrayList<>();
        Tid t = heap.insert(TxLog.NONE, big, tid -> {
            offered.add(tid);
            return true;
        });
        assertEquals(List.of(t), offered, "only the head is claimed");
        Tid small = heap.insert(row("small"));
        int blocks = heap.blockCount();
        MemoryTx tx = new MemoryTx();
        assertTrue(heap.markDeleted(tx, t));
        HeapFile.Fetched f = heap.fetch(t);
        assertTrue(f.deletePending());
        assertArrayEquals(big, f.tuple());
        try (HeapScan scan = heap.scan()) {
            assertTrue(scan.next());
            assertEquals(t, scan.tid());
            assertTrue(scan.deletePending());
            assertArrayEquals(big, scan.tuple());
        }
        tx.rollback(storage);
        assertFalse(heap.fetch(t).deletePending());
        assertFalse(heap.purge(t));

        heap.markDeleted(TxLog.NONE, t);
        assertTrue(heap.purge(t));
        assertNull(heap.get(t));
        assertArrayEquals(row("small"), heap.get(small));
        // every chunk is gone: a new large tuple reuses the freed pages instead of extending
        heap.insert(large(30_000, 4));
        assertEquals(blocks, heap.blockCount());
        try (HeapScan scan = heap.scan()) {
            int n = 0;
            while (scan.next()) {
                n++;
            }
            assertEquals(2, n);
        }
    }

    @Test
    void readerOfAPendingLargeTupleWhoseChunksAreGoneSeesItGone() {
        SlottedHeapFile h = (SlottedHeapFile) heap;
        Tid t = heap.insert(large(20_000, 1));
        heap.markDeleted(TxLog.NONE, t);
        // kill the first chunk as an interrupted purge would have (chunks go before the head)
        OverflowTuple.Head head;
        BufferPool pool = storage.bufferPool();
        try (PageGuard g = pool.pinShared(REL, t.block())) {
            head = OverflowTuple.Head.decode(g.heapPage().getOverflow(t.slot()));
        }
        try (PageGuard g = pool.pinExclusive(REL, head.firstChunk().block())) {
            g.heapPage().kill(head.firstChunk().slot());
            g.markDirty();
        }
        assertNull(h.get(t));
        assertNull(h.fetch(t));
        // and the repeated purge still removes the head
        assertTrue(h.purge(t));
        try (PageGuard g = pool.pinShared(REL, t.block())) {
            assertFalse(g.heapPage().isOccupied(t.slot()));
        }
    }

    @Test
    void scansRacingPurgesOfLargeTuplesNeverReportCorruption() throws Exception {
        List<Tid> large = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            large.add(heap.insert(large(20_000, i)));
            heap.insert(row("keep" + i));
        }
        for (Tid t : large) {
            heap.markDeleted(TxLog.NONE, t);
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Integer> scans = pool.submit(() -> {
                int rounds = 0;
                while (!done.get() || rounds == 0) {
                    try (HeapScan scan = heap.scan()) {
                        while (scan.next()) {
                            byte[] t = scan.tuple();
                            if (t.length == 20_000) {
                                assertTrue(scan.deletePending());
                                assertArrayEquals(large(20_000, t[0]), t, "never a mix of two values");
                            }
                        }
                    }
                    rounds++;
                }
                return rounds;
            });
            for (Tid t : large) {
                assertTrue(heap.purge(t));
            }
            done.set(true);
            assertTrue(scans.get() > 0); // rethrows an XX001 or assertion from the scanning thread
        } finally {
            pool.shutdownNow();
        }
        try (HeapScan scan = heap.scan()) {
            int n = 0;
            while (scan.next()) {
                assertFalse(scan.deletePending());
                n++;
            }
            assertEquals(12, n);
        }
    }

    private HeapFile emptyHeap(int rel) {
        storage.createRelation(rel);
        return storage.heap(rel);
    }
}
