package org.larchdb.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FreeSpaceMapTest {
    @Test
    void findsLowestBlockWithEnoughRoom() {
        FreeSpaceMap fsm = new FreeSpaceMap();
        assertEquals(-1, fsm.find(1));
        fsm.record(0, 10);
        fsm.record(1, 100);
        fsm.record(2, 5000);
        assertEquals(1, fsm.find(10), "block 0's 10 bytes are category 0: they promise nothing");
        assertEquals(1, fsm.find(96));
        assertEquals(2, fsm.find(97));
        assertEquals(2, fsm.find(4992));
        assertEquals(-1, fsm.find(5001));
        fsm.record(2, 0);
        assertEquals(-1, fsm.find(97));
        assertEquals(-1, fsm.find(HeapPage.MAX_TUPLE_SIZE));
    }

    @Test
    void growsPastInitialCapacity() {
        FreeSpaceMap fsm = new FreeSpaceMap();
        fsm.record(3, 64);
        fsm.record(10_000, 8000);
        assertEquals(3, fsm.find(64));
        assertEquals(10_000, fsm.find(100));
        assertEquals(8000, fsm.recorded(10_000));
        assertEquals(0, fsm.recorded(0));
    }
}
