package org.larchdb.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.junit.jupiter.api.Test;

class HeapPageTest {

    private static byte[] tuple(int length, int seed) {
        byte[] t = new byte[length];
        for (int i = 0; i < length; i++) {
            t[i] = (byte) (seed * 31 + i);
        }
        return t;
    }

    @Test
    void deletePendingBitIsASpareOffsetBitThatSurvivesCompactionAndDiesWithTheTuple() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        int a = page.insert(tuple(3000, 1));
        int b = page.insert(tuple(3000, 2));
        int c = page.insert(tuple(1000, 3));
        assertFalse(page.isDeletePending(b), "a pointer written without the bit reads as not pending");
        assertTrue(page.markDeletePending(b));
        assertFalse(page.markDeletePending(b));
        assertTrue(page.isDeletePending(b));
        assertArrayEquals(tuple(3000, 2), page.get(b), "the tuple stays readable");
        assertTrue(page.isLive(b));
        page.delete(a);
        assertTrue(page.update(c, tuple(3500, 4))); // needs the hole: compacts, moving b's bytes
        assertTrue(page.isDeletePending(b));
        assertArrayEquals(tuple(3000, 2), page.get(b));
        assertTrue(page.update(b, tuple(10, 5)), "an in-place update keeps the bit");
        assertTrue(page.isDeletePending(b));
        assertTrue(page.clearDeletePending(b));
        assertFalse(page.clearDeletePending(b));
        page.markDeletePending(b);
        assertTrue(page.kill(b));
        assertFalse(page.isDeletePending(b));
        assertTrue(page.insertAt(b, tuple(5, 6), false));
        assertFalse(page.isDeletePending(b), "a reused slot starts unmarked");
        assertFalse(page.markDeletePending(40), "out of range");
    }

    @Test
    void claimedInsertSkipsRefusedSlotsAndLeavesThePageAloneWhenAllAreRefused() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        for (int i = 0; i < 4; i++) {
            page.insert(tuple(100, i));
        }
        page.delete(0);
        page.delete(2);
        List<Integer> asked = new ArrayList<>();
        assertEquals(2, page.insert(tuple(50, 9), false, s -> {
            asked.add(s);
            return s != 0;
        }));
        assertEquals(List.of(0, 2), asked);
        byte[] before = page.slotCount() == 4 ? copyOf(page) : null;
        assertEquals(-1, page.insert(tuple(50, 9), false, s -> false));
        assertArrayEquals(before, copyOf(page), "refused everywhere: unchanged");
        assertEquals(5, page.insert(tuple(50, 9), true, s -> s == 5), "a later new line pointer");
        assertTrue(page.isOverflow(5));
        assertNull(page.get(4));
        assertEquals(-1, page.insert(tuple(9000, 1), false, s -> true));
    }

    private static byte[] copyOf(HeapPage page) {
        byte[] out = new byte[Page.SIZE];
        for (int slot = 0; slot < page.slotCount(); slot++) {
            byte[] t = page.isOverflow(slot) ? page.getOverflow(slot) : page.get(slot);
            if (t != null) {
                System.arraycopy(t, 0, out, slot * 16, Math.min(16, t.length));
            }
        }
        out[Page.SIZE - 1] = (byte) page.slotCount();
        return out;
    }

    @Test
    void zeroPageIsEmptyAndInitialisedByFirstInsert() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        assertTrue(page.isNew());
        assertEquals(0, page.slotCount());
        assertNull(page.get(0));
        assertEquals(HeapPage.MAX_TUPLE_SIZE, page.freeSpace());
        assertEquals(0, page.insert(tuple(10, 1)));
        assertFalse(page.isNew());
        assertArrayEquals(tuple(10, 1), page.get(0));
    }

    @Test
    void insertsUntilFullThenRefuses() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        page.init();
        int n = 0;
        while (page.insert(tuple(100, n)) >= 0) {
            n++;
        }
        // 8168 bytes after the header, 104 per tuple with its line pointer.
        assertEquals((Page.SIZE - Page.HEADER_SIZE) / 104, n);
        assertTrue(page.freeSpace() < 100);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(tuple(100, i), page.get(i));
        }
        int rest = page.freeSpace();
        assertTrue(page.insert(tuple(rest, 99)) >= 0, "a tuple of exactly freeSpace() bytes fits");
        assertEquals(0, page.freeSpace());
    }

    @Test
    void maxTupleFitsOnEmptyPageOnly() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        page.init();
        assertEquals(-1, page.insert(tuple(HeapPage.MAX_TUPLE_SIZE + 1, 0)));
        assertEquals(0, page.insert(tuple(HeapPage.MAX_TUPLE_SIZE, 0)));
        assertEquals(0, page.freeSpace());
        assertEquals(-1, page.insert(new byte[0]));
    }

    @Test
    void deleteMarksDeadAndSlotIsReused() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        page.init();
        for (int i = 0; i < 5; i++) {
            assertEquals(i, page.insert(tuple(50, i)));
        }
        int before = page.freeSpace();
        assertTrue(page.delete(2));
        assertFalse(page.delete(2), "deleting twice");
        assertFalse(page.isLive(2));
        assertNull(page.get(2));
        // The 50 bytes come back, and the dead line pointer is reusable so no new one is charged.
        assertEquals(before + 50 + HeapPage.LINE_POINTER_SIZE, page.freeSpace());
        assertEquals(2, page.insert(tuple(20, 7)));
        assertArrayEquals(tuple(20, 7), page.get(2));
        assertEquals(5, page.slotCount());
    }

    @Test
    void fragmentedSpaceIsCompactedOnInsert() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        page.init();
        List<Integer> slots = new ArrayList<>();
        int slot;
        while ((slot = page.insert(tuple(200, slots.size()))) >= 0) {
            slots.add(slot);
        }
        // Free every other tuple: plenty of space in total, none of it contiguous.
        for (int i = 0; i < slots.size(); i += 2) {
            assertTrue(page.delete(slots.get(i)));
        }
        assertTrue(page.upper() - page.lower() < 600);
        assertTrue(page.freeSpace() >= 600);
        int big = page.insert(tuple(600, 1000));
        assertTrue(big >= 0);
        assertArrayEquals(tuple(600, 1000), page.get(big));
        for (int i = 1; i < slots.size(); i += 2) {
            assertArrayEquals(tuple(200, i), page.get(slots.get(i)), "survivor " + i + " intact after compaction");
        }
    }

    @Test
    void compactionTrimsTrailingDeadPointers() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        page.init();
        for (int i = 0; i < 4; i++) {
            page.insert(tuple(30, i));
        }
        page.delete(2);
        page.delete(3);
        page.compact();
        assertEquals(2, page.slotCount());
        assertEquals(Page.SIZE - 60, page.upper());
        assertArrayEquals(tuple(30, 1), page.get(1));
        assertEquals(2, page.insert(tuple(5, 9)));
    }

    @Test
    void updateInPlaceShrinkAndGrow() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        page.init();
        page.insert(tuple(100, 0));
        page.insert(tuple(100, 1));
        assertTrue(page.update(0, tuple(40, 5)));
        assertArrayEquals(tuple(40, 5), page.get(0));
        assertTrue(page.update(0, tuple(300, 6)));
        assertArrayEquals(tuple(300, 6), page.get(0));
        assertArrayEquals(tuple(100, 1), page.get(1));
        assertEquals(2, page.slotCount());
    }

    @Test
    void updateGrowsIntoHolesAndRefusesWhenItCannotFit() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        page.init();
        int n = 0;
        while (page.insert(tuple(1000, n)) >= 0) {
            n++;
        }
        assertEquals(8, n);
        // Grow slot 0 using the space of its own old version plus the deleted slot 7.
        page.delete(7);
        assertTrue(page.update(0, tuple(1000 + 900, 42)));
        assertArrayEquals(tuple(1900, 42), page.get(0));
        for (int i = 1; i < 7; i++) {
            assertArrayEquals(tuple(1000, i), page.get(i));
        }
        byte[] before = page.get(1);
        assertFalse(page.update(1, tuple(5000, 1)));
        assertArrayEquals(before, page.get(1), "a refused update leaves the tuple");
        assertThrows(DbException.class, () -> page.update(7, tuple(1, 1)));
    }

    @Test
    void zeroLengthTuples() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        assertEquals(0, page.insert(new byte[0]));
        assertArrayEquals(new byte[0], page.get(0));
        assertTrue(page.isLive(0));
    }

    @Test
    void checksumDetectsChangesAndBlockNumber() {
        byte[] bytes = new byte[Page.SIZE];
        HeapPage page = new HeapPage(bytes);
        page.insert(tuple(100, 3));
        Page.setChecksum(bytes, 7);
        Page.verify(bytes, 7, 1);
        assertThrows(DbException.class, () -> Page.verify(bytes, 8, 1));
        bytes[Page.SIZE - 10] ^= 1;
        DbException e = assertThrows(DbException.class, () -> Page.verify(bytes, 7, 16384));
        assertEquals("XX001", e.state().code());
        assertEquals("invalid page in block 7 of relation base/16384", e.getMessage());
        Page.verify(new byte[Page.SIZE], 3, 1); // never written: fine
    }

    @Test
    void overflowPartsOccupySpaceButAreNotTuples() {
        HeapPage page = new HeapPage(new byte[Page.SIZE]);
        int plain = page.insert(tuple(100, 1));
        int part = page.insertOverflow(tuple(200, 2));
        int doomed = page.insert(tuple(300, 3));
        assertTrue(page.isOverflow(part));
        assertFalse(page.isLive(part));
        assertNull(page.get(part), "an overflow part is not a tuple");
        assertNull(page.getOverflow(plain));
        assertArrayEquals(tuple(200, 2), page.getOverflow(part));
        assertFalse(page.delete(part), "plain delete leaves parts alone");
        assertFalse(page.deleteOverflow(plain), "part delete leaves tuples alone");
        assertEquals(Page.SIZE - Page.HEADER_SIZE - 4 * 4 - 600, page.freeSpace(), "parts count, plus the next pointer");

        assertTrue(page.delete(doomed));
        page.compact();
        assertTrue(page.isOverflow(part), "compaction keeps the part's flag");
        assertArrayEquals(tuple(200, 2), page.getOverflow(part));
        assertArrayEquals(tuple(100, 1), page.get(plain));
        assertEquals(2, page.slotCount());
        assertEquals(2, page.insert(tuple(10, 4)), "the part's slot is not reused");

        assertTrue(page.deleteOverflow(part));
        assertFalse(page.isOverflow(part));
        assertNull(page.getOverflow(part));
        assertEquals(part, page.insert(tuple(10, 5)), "a deleted part's slot is reused");
    }
}
