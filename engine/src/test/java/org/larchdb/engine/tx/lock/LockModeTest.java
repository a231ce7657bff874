package org.larchdb.engine.tx.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.larchdb.engine.tx.lock.LockMode.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;

class LockModeTest {

    /** PostgreSQL 15 docs, table 13.2 "Conflicting Lock Modes" (X = conflict). */
    private static final List<LockMode> PG = List.of(ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE,
        SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
    private static final String[] PG_TABLE = {
        ".......X",
        "......XX",
        "....XXXX",
        "...XXXXX",
        "..XX.XXX",
        "..XXXXXX",
        ".XXXXXXX",
        "XXXXXXXX",
    };

    /** The textbook multi-granularity matrix (Gray et al.). */
    private static final List<LockMode> MGL = List.of(IS, IX, S, SIX, X);
    private static final String[] MGL_TABLE = {
        "....X",
        "..XXX",
        ".X.XX",
        ".XXXX",
        "XXXXX",
    };

    /** PostgreSQL 15 docs, table 13.3 "Conflicting Row-Level Locks". */
    private static final List<LockMode> ROW = List.of(FOR_KEY_SHARE, FOR_SHARE, FOR_NO_KEY_UPDATE, FOR_UPDATE);
    private static final String[] ROW_TABLE = {
        "...X",
        "..XX",
        ".XXX",
        "XXXX",
    };

    private static void checkTable(List<LockMode> modes, String[] table) {
        for (int i = 0; i < modes.size(); i++) {
            for (int j = 0; j < modes.size(); j++) {
                boolean expected = table[i].charAt(j) == 'X';
                assertEquals(expected, modes.get(i).conflictsWith(modes.get(j)),
                    modes.get(i) + " vs " + modes.get(j));
            }
        }
    }

    @Test
    void postgresTableModes() {
        checkTable(PG, PG_TABLE);
    }

    @Test
    void multiGranularityModes() {
        checkTable(MGL, MGL_TABLE);
    }

    @Test
    void rowLockModes() {
        checkTable(ROW, ROW_TABLE);
    }

    @Test
    void wholeTableIsSymmetric() {
        for (LockMode a : LockMode.values()) {
            for (LockMode b : LockMode.values()) {
                assertEquals(a.conflictsWith(b), b.conflictsWith(a), a + " vs " + b);
            }
        }
    }

    @Test
    void crossFamilyMapping() {
        // The executor's intention locks meet LOCK TABLE modes through the canonical table.
        assertEquals(ACCESS_SHARE, IS.canonical());
        assertEquals(ROW_EXCLUSIVE, IX.canonical());
        assertEquals(SHARE, S.canonical());
        assertEquals(SHARE_ROW_EXCLUSIVE, SIX.canonical());
        assertEquals(ACCESS_EXCLUSIVE, X.canonical());
        assertEquals(false, IX.conflictsWith(ROW_SHARE));
        assertEquals(true, IX.conflictsWith(EXCLUSIVE));
        assertEquals(false, IS.conflictsWith(EXCLUSIVE));
        assertEquals(true, IS.conflictsWith(ACCESS_EXCLUSIVE));
        assertEquals(true, S.conflictsWith(SHARE_UPDATE_EXCLUSIVE));
        assertEquals("RowExclusiveLock", IX.pgName());
        assertEquals("ExclusiveLock", FOR_NO_KEY_UPDATE.pgName());
    }

    @Test
    void lockTableModeNames() {
        for (LockMode m : PG) {
            assertEquals(m, LockMode.forLockTable(m.name().replace('_', ' ').toLowerCase()));
        }
        assertEquals(SHARE_ROW_EXCLUSIVE, LockMode.forLockTable("  share   row exclusive "));
        assertThrows(DbException.class, () -> LockMode.forLockTable("SUPER"));
    }
}
