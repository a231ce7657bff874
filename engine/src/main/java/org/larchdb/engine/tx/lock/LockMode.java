package org.larchdb.engine.tx.lock;

/**
 * Every lock mode the lock manager knows, in three families that share ONE conflict table.
 *
 * <p>The table is PostgreSQL's eight heavyweight modes (ACCESS SHARE … ACCESS EXCLUSIVE). The
 * multi-granularity modes and the row-lock modes are not separate tables but aliases of one of
 * those eight ("canonical" modes), chosen so that each family's textbook/PostgreSQL table falls out
 * of the canonical one exactly:
 * <ul>
 *   <li>IS = ACCESS SHARE, IX = ROW EXCLUSIVE, S = SHARE, SIX = SHARE ROW EXCLUSIVE,
 *       X = ACCESS EXCLUSIVE. Restricted to these five, PostgreSQL's table IS the classic
 *       multi-granularity matrix (Gray), so intention locks taken by the executor and modes taken
 *       by LOCK TABLE are checked against each other with no translation step.</li>
 *   <li>FOR KEY SHARE = ACCESS SHARE, FOR SHARE = ROW SHARE, FOR NO KEY UPDATE = EXCLUSIVE,
 *       FOR UPDATE = ACCESS EXCLUSIVE: PostgreSQL's own mapping (tupleLockExtraInfo in heapam.c);
 *       restricted to these four, the table is PostgreSQL's row-lock conflict table.</li>
 * </ul>
 * A lock holder's state is therefore a bit mask over the eight canonical modes.
 */
public enum LockMode {
    ACCESS_SHARE(Family.TABLE, 0, "AccessShareLock"),
    ROW_SHARE(Family.TABLE, 1, "RowShareLock"),
    ROW_EXCLUSIVE(Family.TABLE, 2, "RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE(Family.TABLE, 3, "ShareUpdateExclusiveLock"),
    SHARE(Family.TABLE, 4, "ShareLock"),
    SHARE_ROW_EXCLUSIVE(Family.TABLE, 5, "ShareRowExclusiveLock"),
    EXCLUSIVE(Family.TABLE, 6, "ExclusiveLock"),
    ACCESS_EXCLUSIVE(Family.TABLE, 7, "AccessExclusiveLock"),

    /** Intention share: the owner will read rows below this node. */
    IS(Family.GRANULARITY, 0, "IS"),
    /** Intention exclusive: the owner will write rows below this node. */
    IX(Family.GRANULARITY, 2, "IX"),
    /** Share: the owner reads the whole node (sequential scan under SERIALIZABLE, escalated reads). */
    S(Family.GRANULARITY, 4, "S"),
    /** Share + intention exclusive: reads everything, writes some rows. */
    SIX(Family.GRANULARITY, 5, "SIX"),
    /** Exclusive: the owner may write anything below this node without finer locks. */
    X(Family.GRANULARITY, 7, "X"),

    FOR_KEY_SHARE(Family.ROW, 0, "FOR KEY SHARE"),
    FOR_SHARE(Family.ROW, 1, "FOR SHARE"),
    FOR_NO_KEY_UPDATE(Family.ROW, 6, "FOR NO KEY UPDATE"),
    FOR_UPDATE(Family.ROW, 7, "FOR UPDATE");

    /** Which table a mode comes from; they all resolve to the canonical eight. */
    public enum Family { TABLE, GRANULARITY, ROW }

    /**
     * PostgreSQL's conflict table (lock.c LockConflicts), indexed by canonical level 0..7, each
     * entry a bit mask of the levels it conflicts with. Symmetric by construction.
     */
    private static final int[] CONFLICTS = {
        /* ACCESS SHARE */ bit(7),
        /* ROW SHARE */ bit(6) | bit(7),
        /* ROW EXCLUSIVE */ bit(4) | bit(5) | bit(6) | bit(7),
        /* SHARE UPDATE EXCL */ bit(3) | bit(4) | bit(5) | bit(6) | bit(7),
        /* SHARE */ bit(2) | bit(3) | bit(5) | bit(6) | bit(7),
        /* SHARE ROW EXCL */ bit(2) | bit(3) | bit(4) | bit(5) | bit(6) | bit(7),
        /* EXCLUSIVE */ bit(1) | bit(2) | bit(3) | bit(4) | bit(5) | bit(6) | bit(7),
        /* ACCESS EXCLUSIVE */ 0xff,
    };

    private static final LockMode[] CANONICAL = {
        ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE,
        SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE,
    };

    private final Family family;
    private final int level;
    private final String label;

    LockMode(Family family, int level, String label) {
        this.family = family;
        this.level = level;
        this.label = label;
    }

    private static int bit(int level) {
        return 1 << level;
    }

    public Family family() {
        return family;
    }

    /** The canonical PostgreSQL mode this one is checked as (itself for the TABLE family). */
    public LockMode canonical() {
        return CANONICAL[level];
    }

    /** Canonical level 0..7 (ACCESS SHARE .. ACCESS EXCLUSIVE). */
    int level() {
        return level;
    }

    /** This mode's bit in a holder's mask. */
    int bit() {
        return 1 << level;
    }

    /** Mask of canonical levels that conflict with this mode. */
    int conflictMask() {
        return CONFLICTS[level];
    }

    public boolean conflictsWith(LockMode other) {
        return (CONFLICTS[level] & other.bit()) != 0;
    }

    /** PostgreSQL's name as shown in pg_locks and deadlock reports ("ShareLock"). */
    public String pgName() {
        return CANONICAL[level].label;
    }

    /** The name this mode is known by in its own family ("IX", "FOR UPDATE", "ShareLock"). */
    public String label() {
        return label;
    }

    /**
     * True for modes that only read what they lock: a relation lock that blocks every writer
     * (one that conflicts with ROW EXCLUSIVE) covers them at row level. The rest need ACCESS
     * EXCLUSIVE on the relation to be covered.
     */
    public boolean isReadOnly() {
        return level == 0 || level == 1 || level == 4;
    }

    /** The canonical mode for a level (0..7). */
    static LockMode ofLevel(int level) {
        return CANONICAL[level];
    }

    /** The PostgreSQL mode named as in LOCK TABLE … IN <name> MODE, e.g. "ROW EXCLUSIVE". */
    public static LockMode forLockTable(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        for (LockMode m : CANONICAL) {
            if (m.name().replace('_', ' ').equals(n)) {
                return m;
            }
        }
        throw new org.larchdb.engine.error.DbException(org.larchdb.engine.error.SqlState.SYNTAX_ERROR,
            "syntax error at or near \"" + name.trim() + "\"");
    }
}
