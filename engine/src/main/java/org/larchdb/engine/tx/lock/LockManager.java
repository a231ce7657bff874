package org.larchdb.engine.tx.lock;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * The heavyweight lock manager: multi-granularity locks held to transaction end (strict 2PL),
 * FIFO wait queues, deadlock detection after deadlock_timeout, lock_timeout, NOWAIT, SKIP LOCKED,
 * cancellation, and escalation of row locks to a relation lock. See README.md for the rules.
 *
 * <p>Waits park the calling (virtual) thread on a {@link java.util.concurrent.locks.Condition} of
 * the partition latch with a deadline; nothing spins and nothing uses {@code synchronized}.
 */
public final class LockManager {

    /** Levels whose holder blocks every writer of the relation (they conflict with ROW EXCLUSIVE). */
    private static final int BLOCKS_WRITERS = LockMode.ROW_EXCLUSIVE.conflictMask();

    private final LockManagerConfig config;
    private final LockNameResolver names;
    private final LockMetrics metrics;
    private final LockPartition[] partitions;
    private final Map<Long, OwnerState> owners = new ConcurrentHashMap<>();

    public LockManager(LockManagerConfig config, LockNameResolver names, MeterRegistry registry) {
        this.config = config;
        this.names = names == null ? LockNameResolver.OIDS_ONLY : names;
        this.metrics = new LockMetrics(registry);
        this.partitions = new LockPartition[config.partitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new LockPartition();
        }
    }

    public LockManager(LockManagerConfig config) {
        this(config, null, null);
    }

    public LockManagerConfig config() {
        return config;
    }

    /**
     * Acquires {@code mode} on {@code target} for {@code owner}, waiting as {@code policy} says.
     *
     * @return true when held (or already covered by a lock the owner holds); false only for
     *         {@link WaitPolicy#SKIP} when the lock is not free
     * @throws DbException 55P03 (NOWAIT, lock_timeout), 40P01 (chosen as deadlock victim),
     *         57014 or the owner's pending cancel (cancel request, interrupt, statement_timeout)
     */
    public boolean acquire(LockOwner owner, LockTarget target, LockMode mode, WaitPolicy policy) {
        checkApplicable(target, mode);
        OwnerState st = owners.computeIfAbsent(owner.transactionId(), id -> new OwnerState(owner));
        st.owner = owner;
        int heldHere = st.heldMask(target);
        if ((heldHere & mode.bit()) != 0) {
            return true;
        }
        LockTarget parent = target.isLeaf() ? target.parent() : null;
        if (parent != null) {
            if (covers(st.heldMask(parent), mode)) {
                return true;
            }
            if (heldHere == 0 && shouldTryEscalation(st, parent) && escalate(st, parent, mode)) {
                return true;
            }
        }
        if (!lockEntry(st, target, mode, policy)) {
            if (policy.kind() == WaitPolicy.Kind.NOWAIT) {
                throw lockNotAvailable(target);
            }
            return false;
        }
        st.held.merge(target, mode.bit(), (a, b) -> a | b);
        if (parent != null && heldHere == 0) {
            st.leafCounts.merge(parent, 1, Integer::sum);
        }
        return true;
    }

    /** True if the owner holds {@code mode} on {@code target}, directly or through its parent. */
    public boolean holds(LockOwner owner, LockTarget target, LockMode mode) {
        OwnerState st = owners.get(owner.transactionId());
        if (st == null) {
            return false;
        }
        if ((st.heldMask(target) & mode.bit()) != 0) {
            return true;
        }
        return target.isLeaf() && covers(st.heldMask(target.parent()), mode);
    }

    /** Releases one mode (READ COMMITTED drops a row's read lock but keeps its write lock). */
    public void release(LockOwner owner, LockTarget target, LockMode mode) {
        releaseLevels(owner, target, mode.bit());
    }

    /** Releases every mode the owner holds on {@code target}. */
    public void release(LockOwner owner, LockTarget target) {
        releaseLevels(owner, target, 0xff);
    }

    /** Releases everything the owner holds: the end of a transaction (commit or rollback). */
    public void releaseAll(LockOwner owner) {
        OwnerState st = owners.remove(owner.transactionId());
        if (st == null) {
            return;
        }
        // One latch round per partition rather than per lock: a big transaction ends quickly.
        List<List<LockTarget>> byPartition = new ArrayList<>(partitions.length);
        for (int i = 0; i < partitions.length; i++) {
            byPartition.add(null);
        }
        for (LockTarget t : st.held.keySet()) {
            int p = partitionIndex(t);
            if (byPartition.get(p) == null) {
                byPartition.set(p, new ArrayList<>());
            }
            byPartition.get(p).add(t);
        }
        for (int p = 0; p < partitions.length; p++) {
            List<LockTarget> targets = byPartition.get(p);
            if (targets == null) {
                continue;
            }
            LockPartition part = partitions[p];
            part.latch.lock();
            try {
                for (LockTarget t : targets) {
                    LockEntry e = part.entries.get(t);
                    if (e != null) {
                        e.ungrant(st, 0xff);
                        e.grantWaiters();
                        part.forgetIfUnused(e);
                    }
                }
            } finally {
                part.latch.unlock();
            }
        }
        st.held.clear();
        st.leafCounts.clear();
    }

    /**
     * Ends the owner's current lock wait with {@code reason} (a cancel request, statement_timeout);
     * does nothing when it is not waiting. Safe from any thread.
     */
    public void cancelWait(LockOwner owner, DbException reason) {
        OwnerState st = owners.get(owner.transactionId());
        LockWaiter w = st == null ? null : st.waiting;
        if (w == null) {
            return;
        }
        LockPartition part = partitionOf(w.entry.target);
        part.latch.lock();
        try {
            if (!w.granted && w.failure == null) {
                w.failure = reason;
            }
            w.wake.signal();
        } finally {
            part.latch.unlock();
        }
    }

    /** Wakes the owner's waiter so it re-reads {@link LockOwner#pendingCancel()}. */
    public void wakeUp(LockOwner owner) {
        OwnerState st = owners.get(owner.transactionId());
        LockWaiter w = st == null ? null : st.waiting;
        if (w == null) {
            return;
        }
        LockPartition part = partitionOf(w.entry.target);
        part.latch.lock();
        try {
            w.wake.signal();
        } finally {
            part.latch.unlock();
        }
    }

    /**
     * What the transaction is waiting to lock right now, or null (pg_stat_activity's wait_event).
     * Reads one volatile field, takes no latch: the answer may be a moment stale, never blocks.
     */
    public LockTarget waitingFor(long transactionId) {
        OwnerState st = owners.get(transactionId);
        LockWaiter w = st == null ? null : st.waiting;
        return w == null ? null : w.entry.target;
    }

    /** Number of distinct targets the owner holds locks on (what escalation bounds). */
    public int heldCount(LockOwner owner) {
        OwnerState st = owners.get(owner.transactionId());
        return st == null ? 0 : st.held.size();
    }

    /**
     * Every granted mode and every waiting request, consistent across partitions (all latches are
     * taken, in order, as PostgreSQL's GetLockStatusData does): the rows of pg_locks.
     */
    public List<LockInfo> snapshot() {
        List<LockInfo> rows = new ArrayList<>();
        lockAllPartitions();
        try {
            for (LockPartition part : partitions) {
                for (LockEntry e : part.entries.values()) {
                    e.holders.forEach((st, mask) -> {
                        for (int level = 0; level < 8; level++) {
                            if ((mask & (1 << level)) != 0) {
                                rows.add(new LockInfo(e.target, LockMode.ofLevel(level), st.transactionId,
                                    st.owner.pid(), true, null));
                            }
                        }
                    });
                    for (LockWaiter w : e.waiters) {
                        rows.add(new LockInfo(e.target, w.mode.canonical(), w.owner.transactionId,
                            w.owner.owner.pid(), false, w.waitStart));
                    }
                }
            }
        } finally {
            unlockAllPartitions();
        }
        return Collections.unmodifiableList(rows);
    }

    // ---- acquisition -------------------------------------------------------------------------

    private boolean lockEntry(OwnerState st, LockTarget target, LockMode mode, WaitPolicy policy) {
        LockPartition part = partitionOf(target);
        part.latch.lock();
        try {
            LockEntry e = part.entries.computeIfAbsent(target, LockEntry::new);
            int position = e.queuePosition(e.maskOf(st));
            if (!e.conflictsWithHolders(st, mode) && !e.conflictsWithWaitersBefore(position, mode)) {
                e.grant(st, mode);
                return true;
            }
            switch (policy.kind()) {
                case SKIP, NOWAIT -> {
                    // The caller builds the NOWAIT error: naming the relation may call the catalog,
                    // which must never happen under a partition latch.
                    part.forgetIfUnused(e);
                    return false;
                }
                case WAIT -> {
                    LockWaiter w = new LockWaiter(st, mode, e, part.latch.newCondition());
                    e.waiters.add(position, w);
                    st.waiting = w;
                    metrics.waitStarted();
                    long start = System.nanoTime();
                    try {
                        awaitGrant(part, w, policy, start, e.maskOf(st) != 0);
                    } finally {
                        st.waiting = null;
                        metrics.waitEnded(System.nanoTime() - start);
                        part.forgetIfUnused(e);
                    }
                    return true;
                }
                default -> throw new IllegalStateException(policy.kind().name());
            }
        } finally {
            part.latch.unlock();
        }
    }

    /**
     * Sleeps until granted, re-checking at each wake-up: failure set by others, the owner's
     * pending cancel, lock_timeout, and every deadlock_timeout a deadlock check. Called and
     * returns with the partition latch held; the detector runs with it released, because the
     * detector takes all latches in index order.
     */
    private void awaitGrant(LockPartition part, LockWaiter w, WaitPolicy policy, long start, boolean upgrade) {
        boolean hasDeadline = policy.timeout() != null;
        long deadline = hasDeadline ? start + policy.timeout().toNanos() : 0;
        java.time.Duration own = w.owner.owner.deadlockTimeout();
        long checkEvery = (own != null && own.toNanos() > 0 ? own : config.deadlockTimeout()).toNanos();
        // An upgrade (S held, X wanted) is how two readers of one row that both go on to write it
        // deadlock: the second one's cycle exists the moment it waits, so look at once rather than
        // after deadlock_timeout (PostgreSQL has no such case: its readers take no row locks).
        long nextCheck = upgrade ? start : start + checkEvery;
        while (!w.granted) {
            DbException failure = w.failure != null ? w.failure : w.owner.owner.pendingCancel();
            if (failure != null) {
                w.entry.abandon(w);
                throw failure;
            }
            long now = System.nanoTime();
            if (hasDeadline && now - deadline >= 0) {
                w.entry.abandon(w);
                metrics.timeout();
                throw new DbException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
            }
            if (now - nextCheck >= 0) {
                part.latch.unlock();
                try {
                    checkDeadlock(w);
                } finally {
                    part.latch.lock();
                }
                nextCheck = System.nanoTime() + checkEvery;
                continue;
            }
            long wakeAt = hasDeadline && deadline - nextCheck < 0 ? deadline : nextCheck;
            try {
                w.wake.awaitNanos(wakeAt - now);
            } catch (InterruptedException interrupted) {
                if (w.granted) {
                    // Too late to refuse the lock: keep it, and keep the interrupt for the caller.
                    Thread.currentThread().interrupt();
                    return;
                }
                w.entry.abandon(w);
                throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
    }

    private void checkDeadlock(LockWaiter w) {
        lockAllPartitions();
        try {
            if (w.granted || w.failure != null) {
                return;
            }
            List<DeadlockDetector.Edge> cycle = DeadlockDetector.findCycle(w.owner);
            if (cycle != null) {
                // Removing our request now, under all latches, is what makes us the only victim.
                w.failure = DeadlockDetector.deadlockError(cycle);
                w.entry.abandon(w);
                metrics.deadlock();
            }
        } finally {
            unlockAllPartitions();
        }
    }

    // ---- escalation --------------------------------------------------------------------------

    /** Relation-level held levels that make a leaf lock in {@code mode} redundant. */
    private static boolean covers(int parentMask, LockMode mode) {
        if (parentMask == 0) {
            return false;
        }
        return mode.isReadOnly() ? (parentMask & BLOCKS_WRITERS) != 0
            : (parentMask & LockMode.ACCESS_EXCLUSIVE.bit()) != 0;
    }

    private boolean shouldTryEscalation(OwnerState st, LockTarget parent) {
        int threshold = config.escalationThreshold();
        if (threshold == 0) {
            return false;
        }
        int count = st.leafCounts.getOrDefault(parent, 0);
        return count >= st.nextEscalation.getOrDefault(parent, threshold);
    }

    /**
     * Replaces the owner's leaf locks under {@code parent} with one relation lock: S if all of
     * them (and the new request) only read, else X. Tried without waiting — a big transaction
     * must not stall behind every small reader of the table (nor deadlock with them); when the
     * relation lock is not free the owner keeps row locking and tries again after another
     * threshold's worth of locks.
     */
    private boolean escalate(OwnerState st, LockTarget parent, LockMode mode) {
        boolean writes = !mode.isReadOnly();
        List<LockTarget> leaves = new ArrayList<>();
        for (Map.Entry<LockTarget, Integer> h : st.held.entrySet()) {
            if (h.getKey().isLeaf() && parent.equals(h.getKey().parent())) {
                leaves.add(h.getKey());
                for (int level = 0; level < 8; level++) {
                    if ((h.getValue() & (1 << level)) != 0 && !LockMode.ofLevel(level).isReadOnly()) {
                        writes = true;
                    }
                }
            }
        }
        LockMode relationMode = writes ? LockMode.X : LockMode.S;
        if (!lockEntry(st, parent, relationMode, WaitPolicy.SKIP)) {
            st.nextEscalation.put(parent, st.leafCounts.getOrDefault(parent, 0) + config.escalationThreshold());
            return false;
        }
        st.held.merge(parent, relationMode.bit(), (a, b) -> a | b);
        for (LockTarget leaf : leaves) {
            releaseLevels(st.owner, leaf, 0xff);
        }
        st.leafCounts.remove(parent);
        st.nextEscalation.remove(parent);
        metrics.escalation();
        return true;
    }

    // ---- release -----------------------------------------------------------------------------

    private void releaseLevels(LockOwner owner, LockTarget target, int levels) {
        OwnerState st = owners.get(owner.transactionId());
        if (st == null) {
            return;
        }
        int mask = st.heldMask(target);
        if ((mask & levels) == 0) {
            return;
        }
        LockPartition part = partitionOf(target);
        part.latch.lock();
        try {
            LockEntry e = part.entries.get(target);
            if (e != null) {
                e.ungrant(st, levels);
                e.grantWaiters();
                part.forgetIfUnused(e);
            }
        } finally {
            part.latch.unlock();
        }
        int rest = mask & ~levels;
        if (rest != 0) {
            st.held.put(target, rest);
            return;
        }
        st.held.remove(target);
        if (target.isLeaf()) {
            st.leafCounts.computeIfPresent(target.parent(), (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static void checkApplicable(LockTarget target, LockMode mode) {
        boolean ok = switch (mode.family()) {
            case TABLE -> true;
            case GRANULARITY -> !target.isLeaf() || mode == LockMode.S || mode == LockMode.X;
            case ROW -> target.isLeaf();
        };
        if (!ok) {
            throw new IllegalArgumentException("lock mode " + mode.label() + " cannot be taken on " + target.describe());
        }
    }

    private DbException lockNotAvailable(LockTarget target) {
        String what = switch (target) {
            case LockTarget.Tuple t -> "row in relation " + quoted(t.database(), t.relation());
            case LockTarget.Page p -> "row in relation " + quoted(p.database(), p.relation());
            case LockTarget.IndexKey k -> "row in relation " + quoted(k.database(), k.index());
            case LockTarget.Relation r -> "relation " + quoted(r.database(), r.relation());
            case LockTarget.Database d -> "database " + d.database();
            case LockTarget.Transaction x -> "transaction " + x.xid();
        };
        return new DbException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on " + what);
    }

    private String quoted(int database, int relation) {
        String name = names.relationName(database, relation);
        return "\"" + (name != null ? name : String.valueOf(relation)) + "\"";
    }

    private int partitionIndex(LockTarget target) {
        int h = target.hashCode();
        h ^= h >>> 16;
        return h & (partitions.length - 1);
    }

    private LockPartition partitionOf(LockTarget target) {
        return partitions[partitionIndex(target)];
    }

    private void lockAllPartitions() {
        for (LockPartition p : partitions) {
            p.latch.lock();
        }
    }

    private void unlockAllPartitions() {
        for (int i = partitions.length - 1; i >= 0; i--) {
            partitions[i].latch.unlock();
        }
    }
}
