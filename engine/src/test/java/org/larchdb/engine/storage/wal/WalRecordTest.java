package org.larchdb.engine.storage.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.larchdb.engine.storage.Page;
import org.larchdb.engine.storage.wal.WalRecord.*;
import org.junit.jupiter.api.Test;

class WalRecordTest {

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static byte[] heapPage() {
        byte[] page = new byte[Page.SIZE];
        Page.initHeader(page, 0);
        // some tuple data at the end and a few line pointers, garbage in the hole
        System.arraycopy(bytes(100, 7), 0, page, Page.SIZE - 100, 100);
        page[12] = 32; // pd_lower = 32
        page[13] = 0;
        int upper = Page.SIZE - 100;
        page[14] = (byte) upper;
        page[15] = (byte) (upper >>> 8);
        return page;
    }

    static List<WalRecord> samples() {
        return List.of(
                new CheckpointBegin(1234567L),
                new CheckpointEnd(99L, 500L,
                        List.of(new ActiveTransaction(7, 1000, 900), new ActiveTransaction(8, 2000, 2000)),
                        List.of(new DirtyPage(16384, 3, 777), new DirtyPage(16385, 0, 778))),
                new CheckpointEnd(1L, 2L, List.of(), List.of()),
                new FullPageImage(16384, 12, heapPage()),
                new FullPageImage(16384, 13, bytes(Page.SIZE, 3)),
                new PageInit(16384, 4, 0),
                new Commit(42L, new int[] {16390, 16391}),
                new Abort(43L, new int[] {}),
                new HeapInsert(16384, 5, 17, false, bytes(300, 1)),
                new HeapInsert(16384, 6, 0, true, bytes(8160, 2)),
                new HeapDelete(16384, 5, 17, false, bytes(300, 1)),
                new HeapUpdate(16384, 5, 17, bytes(10, 4), bytes(20, 5)),
                new HeapInsert(1, 0, 0, false, new byte[0]),
                new RelationCreate(16400),
                new RelationDrop(16400),
                new IndexPageChange(16401, 9, IndexPageChange.KIND_PAGE_IMAGE, bytes(Page.SIZE, 9)),
                new IndexPageChange(16401, 9, 3, bytes(12, 9)),
                new Compensation(555L, new HeapDelete(16384, 5, 17, false, new byte[0])),
                new Compensation(0L, new RelationDrop(16400)),
                new WalRecord.IndexInsert(16401, 16384, bytes(7, 1), 3, 4),
                new WalRecord.IndexDelete(16401, 16384, new byte[0], 0, 65535),
                new Compensation(9L, new WalRecord.IndexDelete(16401, 16384, bytes(3, 2), 1, 2)),
                IndexPageChange.multi(16401, List.of(4, 1), List.of(bytes(Page.SIZE, 4), bytes(Page.SIZE, 1))),
                new HeapMarkDeleted(16384, 5, 17),
                new HeapUnmarkDeleted(16384, 0, 65535),
                new HeapPurge(16384, 123456, 3),
                new Compensation(77L, new HeapUnmarkDeleted(16384, 5, 17)),
                new CheckpointEnd(99L, 500L, List.of(new ActiveTransaction(7, 1000, 900)),
                        List.of(new DirtyPage(16384, 3, 777)),
                        List.of(new PendingTuple(16384, 5, 17), new PendingTuple(16390, 0, 65535))));
    }

    @Test
    void pendingDeleteRecordsDecodeToTheirFields() {
        HeapMarkDeleted m = (HeapMarkDeleted) WalRecord.decode(WalRecord.HEAP_MARK_DELETED,
                new HeapMarkDeleted(16384, 70000, 513).payload());
        assertEquals(new HeapMarkDeleted(16384, 70000, 513), m);
        assertEquals(0x23, m.type());
        assertEquals(0x24, new HeapUnmarkDeleted(1, 2, 3).type());
        assertEquals(0x25, new HeapPurge(1, 2, 3).type());
        assertEquals(10, m.payload().length);
        CheckpointEnd withPending = new CheckpointEnd(5, 6, List.of(), List.of(), List.of(new PendingTuple(16384, 9, 4)));
        assertEquals(List.of(new PendingTuple(16384, 9, 4)),
                ((CheckpointEnd) WalRecord.decode(WalRecord.CHECKPOINT_END, withPending.payload())).pendingDeletes());
    }

    @Test
    void checkpointEndWithoutPendingListKeepsTheOldEncoding() {
        // Logs written before pending deletes existed end after the dirty page table: still readable.
        CheckpointEnd old = new CheckpointEnd(5, 6, List.of(new ActiveTransaction(1, 2, 3)), List.of());
        byte[] payload = old.payload();
        assertEquals(8 + 8 + 4 + 24 + 4, payload.length);
        CheckpointEnd back = (CheckpointEnd) WalRecord.decode(WalRecord.CHECKPOINT_END, payload);
        assertEquals(List.of(), back.pendingDeletes());
        assertEquals(old.transactions(), back.transactions());
        byte[] truncated = Arrays.copyOf(new CheckpointEnd(5, 6, List.of(), List.of(),
                List.of(new PendingTuple(1, 2, 3))).payload(), 8 + 8 + 4 + 4 + 4 + 4);
        assertThrows(MalformedRecordException.class, () -> WalRecord.decode(WalRecord.CHECKPOINT_END, truncated));
    }

    @Test
    void multiPageIndexImageListsItsPages() {
        IndexPageChange r = IndexPageChange.multi(16401, List.of(4, 1, 0),
                List.of(bytes(Page.SIZE, 4), bytes(Page.SIZE, 1), bytes(Page.SIZE, 0)));
        IndexPageChange back = (IndexPageChange) WalRecord.decode(r.type(), r.payload());
        assertEquals(4, back.block());
        assertEquals(List.of(4, 1, 0), List.copyOf(back.pages().keySet()));
        assertArrayEquals(bytes(Page.SIZE, 1), back.pages().get(1));
        assertEquals(List.of(9), List.copyOf(new IndexPageChange(16401, 9, 0, bytes(Page.SIZE, 9)).pages().keySet()));
    }

    @Test
    void everyRecordTypeRoundTrips() {
        for (WalRecord r : samples()) {
            byte[] payload = r.payload();
            WalRecord back = WalRecord.decode(r.type(), payload);
            assertEquals(r.getClass(), back.getClass(), r.toString());
            assertArrayEquals(payload, back.payload(), r.getClass().getSimpleName());
        }
    }

    @Test
    void scalarFieldsSurvive() {
        var r = (HeapInsert) WalRecord.decode(WalRecord.HEAP_INSERT,
                new HeapInsert(-5, Integer.MAX_VALUE, 65535, true, bytes(3, 0)).payload());
        assertEquals(-5, r.relfilenode());
        assertEquals(Integer.MAX_VALUE, r.block());
        assertEquals(65535, r.slot());
        assertTrue(r.overflow());
        var c = (Compensation) WalRecord.decode(WalRecord.COMPENSATION,
                new Compensation(1L << 40, new PageInit(3, 4, 16)).payload());
        assertEquals(1L << 40, c.undoNextLsn());
        assertEquals(new PageInit(3, 4, 16), c.redo());
        var end = (CheckpointEnd) WalRecord.decode(WalRecord.CHECKPOINT_END, samples().get(1).payload());
        assertEquals(samples().get(1), end);
    }

    @Test
    void pageImageLeavesOutTheHoleAndRestoresThePage() {
        byte[] page = heapPage();
        Arrays.fill(page, 40, 60, (byte) 0x5a); // garbage in the hole is not preserved
        var r = new FullPageImage(1, 2, page);
        byte[] payload = r.payload();
        assertTrue(payload.length < 200, "hole compressed: " + payload.length);
        byte[] back = ((FullPageImage) WalRecord.decode(WalRecord.FULL_PAGE_IMAGE, payload)).page();
        byte[] expected = page.clone();
        Arrays.fill(expected, 32, Page.SIZE - 100, (byte) 0);
        assertArrayEquals(expected, back);
        // An insane header (lower > upper) is logged whole.
        byte[] odd = bytes(Page.SIZE, 1);
        odd[12] = (byte) 0xff;
        odd[13] = (byte) 0x1f;
        odd[14] = 0;
        odd[15] = 0;
        assertArrayEquals(odd, ((FullPageImage) WalRecord.decode(WalRecord.FULL_PAGE_IMAGE,
                new FullPageImage(1, 2, odd).payload())).page());
        assertThrows(IllegalArgumentException.class, () -> new FullPageImage(1, 2, new byte[100]).payload());
    }

    @Test
    void malformedPayloadsAreRejected() {
        byte[] p = new HeapInsert(1, 2, 3, false, bytes(10, 0)).payload();
        assertThrows(MalformedRecordException.class, () -> WalRecord.decode(WalRecord.HEAP_INSERT,
                Arrays.copyOf(p, p.length - 1)));
        assertThrows(MalformedRecordException.class, () -> WalRecord.decode(WalRecord.HEAP_INSERT,
                Arrays.copyOf(p, p.length + 1)));
        assertThrows(MalformedRecordException.class, () -> WalRecord.decode(0x7f, new byte[0]));
        byte[] nested = new Compensation(1, new RelationDrop(2)).payload();
        nested[8] = (byte) WalRecord.COMMIT;
        assertThrows(MalformedRecordException.class, () -> WalRecord.decode(WalRecord.COMPENSATION, nested));
    }

    @Test
    void compensationCarriesOnlyPageOrRelationChanges() {
        assertThrows(IllegalArgumentException.class, () -> new Compensation(1, new Commit(0, new int[0])));
        assertInstanceOf(PageRecord.class, new HeapUpdate(1, 2, 3, new byte[0], new byte[0]));
    }

    @Test
    void frameDetectsCorruptionAndPosition() {
        byte[] payload = new HeapInsert(1, 2, 3, false, bytes(50, 0)).payload();
        long lsn = 1L << 24;
        byte[] f = RecordFrame.frame(lsn, 77, 12345, WalRecord.HEAP_INSERT, payload);
        WalEntry e = RecordFrame.read(f, 0, f.length, lsn, 1 << 16);
        assertEquals(77, e.xid());
        assertEquals(12345, e.prevLsn());
        assertEquals(lsn + f.length, e.endLsn());
        assertNull(RecordFrame.read(f, 0, f.length, lsn + 8, 1 << 16), "same bytes at another LSN are stale");
        assertNull(RecordFrame.read(f, 0, f.length - 1, lsn, 1 << 16), "truncated");
        assertNull(RecordFrame.read(f, 0, f.length, lsn, f.length - 1), "would cross the segment end");
        for (int i = 0; i < f.length; i += 7) {
            byte[] g = f.clone();
            g[i] ^= 0x10;
            assertNull(RecordFrame.read(g, 0, g.length, lsn, 1 << 16), "flipped byte " + i);
        }
    }
}
