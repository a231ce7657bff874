package org.larchdb.engine;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.tx.lock.LockInfo;
import org.larchdb.engine.tx.lock.LockTarget;

/**
 * The rows of pg_locks, one per granted canonical mode and per waiting request of
 * {@link org.larchdb.engine.tx.lock.LockManager#snapshot()}. The mapping of our lock targets onto
 * PostgreSQL's lock tags is documented in tx/lock/README.md ("pg_locks").
 */
final class PgLocksView {
    /** pg_database's OID: PostgreSQL tags a lock on a whole database as an object of that class. */
    private static final long PG_DATABASE_CLASS = 1262;

    private PgLocksView() {
    }

    static List<Object[]> rows(List<LockInfo> locks) {
        List<Object[]> rows = new ArrayList<>(locks.size());
        for (LockInfo lock : locks) {
            rows.add(row(lock));
        }
        return rows;
    }

    /** PostgreSQL's locktype (and wait_event while waiting) for a target; "key" is ours alone. */
    static String lockType(LockTarget target) {
        return switch (target) {
            case LockTarget.Database d -> "object";
            case LockTarget.Relation r -> "relation";
            case LockTarget.Page p -> "page";
            case LockTarget.Tuple t -> "tuple";
            case LockTarget.IndexKey k -> "key";
            case LockTarget.Transaction x -> "transactionid";
        };
    }

    private static Object[] row(LockInfo lock) {
        Object[] r = new Object[16];
        r[0] = lockType(lock.target());
        switch (lock.target()) {
            case LockTarget.Database d -> {
                // A shared object: database 0, the database itself as (classid, objid).
                r[1] = 0L;
                r[7] = PG_DATABASE_CLASS;
                r[8] = oid(d.database());
                r[9] = (short) 0;
            }
            case LockTarget.Relation rel -> {
                r[1] = oid(rel.database());
                r[2] = oid(rel.relation());
            }
            case LockTarget.Page p -> {
                r[1] = oid(p.database());
                r[2] = oid(p.relation());
                r[3] = p.block();
            }
            case LockTarget.Tuple t -> {
                r[1] = oid(t.database());
                r[2] = oid(t.relation());
                r[3] = t.block();
                r[4] = (short) t.slot();
            }
            case LockTarget.IndexKey k -> {
                // No PostgreSQL tag for a key: the index's OID in relation, the key itself not shown.
                r[1] = oid(k.database());
                r[2] = oid(k.index());
            }
            case LockTarget.Transaction x -> r[6] = x.xid();
        }
        r[10] = lock.pid() + "/" + lock.transactionId();
        r[11] = lock.pid();
        r[12] = lock.mode().pgName();
        r[13] = lock.granted();
        r[14] = false;
        r[15] = lock.waitStart();
        return r;
    }

    /** OIDs are unsigned 32-bit, held as long. */
    private static Long oid(int value) {
        return Integer.toUnsignedLong(value);
    }
}
