package org.larchdb.engine.tx;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.tx.lock.LockManager;
import org.larchdb.engine.tx.lock.LockMode;
import org.larchdb.engine.tx.lock.LockOwner;
import org.larchdb.engine.tx.lock.LockTarget;
import org.larchdb.engine.tx.lock.WaitPolicy;

/**
 * One transaction's side of strict two-phase locking: the owner the lock manager knows, and the
 * protocol the executor follows (tx/lock/README.md "Protocol for callers"). Write locks and
 * relation intention locks are kept to the end of the transaction ({@link #releaseAll}); read
 * locks are kept to the end of the statement under READ COMMITTED ({@link #endStatement}) and to
 * the end of the transaction otherwise.
 *
 * <p>Used by the session's thread only, except {@link #pendingCancel()} (read by the lock manager
 * while this transaction waits) which the session sets from any thread.
 */
public final class TransactionLocks implements LockOwner {
    /** Key bytes standing for "after the last key" in next-key locking (no encoded key is empty). */
    private static final byte[] END_OF_INDEX = new byte[0];

    private final LockManager manager;
    private final int database;
    private final long transactionId;
    private final int pid;
    private final Supplier<DbException> cancel;
    private IsolationLevel isolation = IsolationLevel.READ_COMMITTED;
    private WaitPolicy waitPolicy = WaitPolicy.WAIT;
    private volatile String statement;
    private volatile Duration deadlockTimeout;
    /**
     * Read locks the current statement took that READ COMMITTED gives back at its end: rows, and
     * the relations they belong to (a relation S lock may come from escalation of those rows).
     */
    private final Set<LockTarget> statementReads = new java.util.LinkedHashSet<>();
    /** Relations locked by LOCK TABLE: their modes are kept to the end whatever the level. */
    private final Set<LockTarget> explicit = new HashSet<>();

    /** {@code cancel} reports a pending cancel (cancel request, statement_timeout) or null. */
    public TransactionLocks(LockManager manager, int database, long transactionId, int pid,
                            Supplier<DbException> cancel) {
        this.manager = manager;
        this.database = database;
        this.transactionId = transactionId;
        this.pid = pid;
        this.cancel = cancel;
    }

    // ---- LockOwner

    @Override
    public long transactionId() {
        return transactionId;
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public String statement() {
        return statement;
    }

    @Override
    public Duration deadlockTimeout() {
        return deadlockTimeout;
    }

    @Override
    public DbException pendingCancel() {
        return cancel.get();
    }

    // ---- statement boundaries

    /**
     * A statement starts: its text for deadlock reports, the level, lock_timeout and
     * deadlock_timeout in force.
     */
    public void beginStatement(String sql, IsolationLevel level, Duration lockTimeout, Duration deadlockTimeout) {
        this.statement = sql;
        this.deadlockTimeout = deadlockTimeout;
        this.isolation = level;
        this.waitPolicy = WaitPolicy.waitAtMost(lockTimeout);
    }

    public IsolationLevel isolation() {
        return isolation;
    }

    /** The statement ended: READ COMMITTED gives its read locks back (write locks stay). */
    public void endStatement() {
        if (!isolation.keepsReadLocks()) {
            for (LockTarget t : statementReads) {
                if (!explicit.contains(t)) {
                    manager.release(this, t, LockMode.S);
                }
            }
        }
        statementReads.clear();
    }

    /** Commit or rollback is durable: every lock goes, and waiters behind them proceed. */
    public void releaseAll() {
        statementReads.clear();
        explicit.clear();
        manager.releaseAll(this);
    }

    /** Wakes this transaction if it waits for a lock, so it notices a cancel at once. */
    public void wakeUp() {
        manager.wakeUp(this);
    }

    // ---- relations

    public LockTarget relation(long relationOid) {
        return new LockTarget.Relation(database, (int) relationOid);
    }

    /** Takes {@code mode} on a relation, waiting up to lock_timeout (DDL, statement intention locks). */
    public void lockRelation(long relationOid, LockMode mode) {
        manager.acquire(this, relation(relationOid), mode, waitPolicy);
    }

    /** LOCK TABLE: kept to the end of the transaction at every isolation level. */
    public void lockTableExplicitly(long relationOid, LockMode mode, boolean nowait) {
        LockTarget t = relation(relationOid);
        manager.acquire(this, t, mode, nowait ? WaitPolicy.NOWAIT : waitPolicy);
        explicit.add(t);
    }

    /**
     * A whole-relation read (sequential scan): S on the relation, waiting under SERIALIZABLE (the
     * phantom protection of sequential scans), else only when free at once. True when the relation is
     * covered (no row locks needed); false means lock each row read.
     */
    public boolean lockRelationForScan(long relationOid) {
        LockTarget t = relation(relationOid);
        if (manager.holds(this, t, LockMode.S) || manager.holds(this, t, LockMode.X)) {
            return true;
        }
        boolean serializable = isolation == IsolationLevel.SERIALIZABLE;
        if (!manager.acquire(this, t, LockMode.S, serializable ? waitPolicy : WaitPolicy.SKIP)) {
            manager.acquire(this, t, LockMode.IS, waitPolicy);
            return false;
        }
        statementReads.add(t);
        return true;
    }

    // ---- rows

    private LockTarget tuple(long relationOid, Tid tid) {
        return new LockTarget.Tuple(database, (int) relationOid, tid.toLong());
    }

    /**
     * Locks a row in {@code mode} (S to read; FOR UPDATE/NO KEY UPDATE/SHARE/KEY SHARE), waiting as
     * {@code wait} says (null: lock_timeout). False only for SKIP LOCKED when it is taken.
     */
    public boolean lockRow(long relationOid, Tid tid, LockMode mode, WaitPolicy.Kind wait) {
        LockTarget t = tuple(relationOid, tid);
        boolean had = manager.holds(this, t, mode);
        WaitPolicy policy = wait == null || wait == WaitPolicy.Kind.WAIT ? waitPolicy
                : wait == WaitPolicy.Kind.NOWAIT ? WaitPolicy.NOWAIT : WaitPolicy.SKIP;
        if (!manager.acquire(this, t, mode, policy)) {
            return false;
        }
        if (!had && mode == LockMode.S) {
            statementReads.add(t);
            statementReads.add(t.parent());
        }
        return true;
    }

    /** Whether this transaction already holds {@code mode} on the row (directly or by a table lock). */
    public boolean holdsRow(long relationOid, Tid tid, LockMode mode) {
        return manager.holds(this, tuple(relationOid, tid), mode);
    }

    /**
     * A row a write scan locked but did not change (it no longer matched): READ COMMITTED lets it
     * go; the other levels keep it as read (S), since the statement read it.
     */
    public void unlockUnchangedRow(long relationOid, Tid tid, LockMode mode) {
        LockTarget t = tuple(relationOid, tid);
        if (isolation.keepsReadLocks()) {
            manager.acquire(this, t, LockMode.S, WaitPolicy.WAIT); // compatible with our own lock: no wait
        }
        manager.release(this, t, mode);
    }

    /** Gives back a read lock on a row that turned out to be gone: it protects nothing. */
    public void forgetRow(long relationOid, Tid tid) {
        manager.release(this, tuple(relationOid, tid), LockMode.S);
    }

    /**
     * For an insert: the new tuple's id, locked exclusively before the tuple becomes visible;
     * never waits (false = pick another slot). Called under the heap page's latch.
     */
    public boolean claimTuple(long relationOid, Tid tid) {
        return manager.acquire(this, tuple(relationOid, tid), LockMode.FOR_UPDATE, WaitPolicy.SKIP);
    }

    // ---- index keys (next-key locking)

    private LockTarget key(long indexOid, byte[] key) {
        return new LockTarget.IndexKey(database, (int) indexOid, key == null ? END_OF_INDEX : key);
    }

    /** SERIALIZABLE range reads: S on a key read or on the key just after the range (null = end). */
    public void readKey(long indexOid, byte[] key) {
        manager.acquire(this, key(indexOid, key), LockMode.S, waitPolicy);
    }

    /** Whether this transaction holds X on the key (it inserted or removed it). */
    public boolean writesKey(long indexOid, byte[] key) {
        return manager.holds(this, key(indexOid, key), LockMode.X);
    }

    /**
     * A writer's lock on a key it inserts or removes: X to the end, so readers of that key (and of
     * the gap below it) wait for the outcome, and a second inserter of an equal unique key waits
     * to see whether the first commits.
     */
    public void writeKey(long indexOid, byte[] key) {
        manager.acquire(this, key(indexOid, key), LockMode.X, waitPolicy);
    }

    /**
     * Before inserting a key whose successor is {@code next} (null = end of index): X on the
     * successor while the key goes in, so an insert into a range a SERIALIZABLE reader locked waits
     * for that reader, and a reader locking the successor meanwhile waits until the new key is
     * there to be seen. Returns what {@link #unlockGap} must release right after the insert (null
     * when this transaction held it already and keeps it).
     */
    public LockTarget lockGap(long indexOid, byte[] next) {
        LockTarget t = key(indexOid, next);
        if (manager.holds(this, t, LockMode.X)) {
            return null;
        }
        manager.acquire(this, t, LockMode.X, waitPolicy);
        return t;
    }

    /** Ends the gap lock {@link #lockGap} returned, once the key is in the index (null: nothing held). */
    public void unlockGap(LockTarget gap) {
        if (gap != null) {
            manager.release(this, gap, LockMode.X);
        }
    }
}
