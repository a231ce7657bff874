package org.larchdb.engine.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.SequenceInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;

class SequenceStoreTest {
    static final RelationInfo SEQ = new RelationInfo(1, "s", 2200, "public", 10, RelationInfo.SEQUENCE, 1, List.of(),
            null, List.of());

    static SequenceInfo params(long inc, long min, long max, boolean cycle) {
        return new SequenceInfo(1, DataType.INT8, inc > 0 ? min : max, inc, max, min, 1, cycle, 0, 0, ' ');
    }

    @Test
    void stepMovesCyclesOrStops() {
        assertEquals(6, SequenceStore.step(SEQ, params(5, 1, 100, false), 1));
        assertEquals(1, SequenceStore.step(SEQ, params(5, 1, 100, true), 99));
        assertEquals(100, SequenceStore.step(SEQ, params(-5, 1, 100, true), 3));
        DbException e = assertThrows(DbException.class, () -> SequenceStore.step(SEQ, params(5, 1, 100, false), 99));
        assertEquals(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, e.state());
        assertEquals("nextval: reached maximum value of sequence \"s\" (100)", e.getMessage());
        e = assertThrows(DbException.class,
                () -> SequenceStore.step(SEQ, params(1, 1, Long.MAX_VALUE, false), Long.MAX_VALUE));
        assertEquals("nextval: reached maximum value of sequence \"s\" (9223372036854775807)", e.getMessage());
        e = assertThrows(DbException.class, () -> SequenceStore.step(SEQ, params(-1, -3, 0, false), -3));
        assertEquals("nextval: reached minimum value of sequence \"s\" (-3)", e.getMessage());
    }

    @Test
    void reservationsClampAndNeverOverflow() {
        assertEquals(32, SequenceStore.reach(1, 1, 31, 1, Long.MAX_VALUE));
        assertEquals(40, SequenceStore.reach(5, 10, 31, 5, 40));
        assertEquals(Long.MAX_VALUE, SequenceStore.reach(Long.MAX_VALUE - 3, 1, 31, 1, Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, SequenceStore.reach(-5, Long.MIN_VALUE / 2, 31, Long.MIN_VALUE, -1));
        assertTrue(SequenceStore.beyond(33, 32, 1));
        assertFalse(SequenceStore.beyond(32, 32, 1));
        assertTrue(SequenceStore.beyond(-33, -32, -1));
        assertFalse(SequenceStore.beyond(-31, -32, -1));
    }
}
