package org.larchdb.engine.tx.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.engine.tx.lock.LockTesting.*;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

class LockManagerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LockManager mgr = new LockManager(
        LockManagerConfig.DEFAULTS.withDeadlockTimeout(Duration.ofMillis(50)).withEscalationThreshold(10),
        (db, rel) -> rel == REL ? "accounts" : null, registry);
    private final TestOwner t1 = new TestOwner(1);
    private final TestOwner t2 = new TestOwner(2);
    private final TestOwner t3 = new TestOwner(3);

    private static DbException failure(CompletableFuture<?> f) throws InterruptedException {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return (DbException) e.getCause();
    }

    @Test
    void everyModePairIsEnforcedOnRelations() {
        long xid = 100;
        for (LockMode held : LockMode.values()) {
            if (held.family() == LockMode.Family.ROW) {
                continue;
            }
            for (LockMode asked : LockMode.values()) {
                if (asked.family() == LockMode.Family.ROW) {
                    continue;
                }
                TestOwner a = new TestOwner(xid++);
                TestOwner b = new TestOwner(xid++);
                assertTrue(mgr.acquire(a, rel(REL), held, WaitPolicy.NOWAIT));
                assertEquals(!held.conflictsWith(asked), mgr.acquire(b, rel(REL), asked, WaitPolicy.SKIP),
                    held + " then " + asked);
                mgr.releaseAll(a);
                mgr.releaseAll(b);
            }
        }
        for (LockMode held : List.of(LockMode.FOR_KEY_SHARE, LockMode.FOR_SHARE, LockMode.FOR_NO_KEY_UPDATE,
            LockMode.FOR_UPDATE, LockMode.S, LockMode.X)) {
            for (LockMode asked : List.of(LockMode.FOR_KEY_SHARE, LockMode.FOR_SHARE, LockMode.FOR_NO_KEY_UPDATE,
                LockMode.FOR_UPDATE, LockMode.S, LockMode.X)) {
                TestOwner a = new TestOwner(xid++);
                TestOwner b = new TestOwner(xid++);
                assertTrue(mgr.acquire(a, tuple(REL, 0, 1), held, WaitPolicy.NOWAIT));
                assertEquals(!held.conflictsWith(asked), mgr.acquire(b, tuple(REL, 0, 1), asked, WaitPolicy.SKIP));
                mgr.releaseAll(a);
                mgr.releaseAll(b);
            }
        }
        assertEquals(List.of(), mgr.snapshot());
    }

    @Test
    void nowaitAndSkip() {
        mgr.acquire(t1, rel(REL), LockMode.ACCESS_EXCLUSIVE, WaitPolicy.WAIT);
        DbException e = assertThrows(DbException.class,
            () -> mgr.acquire(t2, rel(REL), LockMode.IS, WaitPolicy.NOWAIT));
        assertEquals(SqlState.LOCK_NOT_AVAILABLE, e.state());
        assertEquals("could not obtain lock on relation \"accounts\"", e.getMessage());
        assertFalse(mgr.acquire(t2, rel(REL), LockMode.IS, WaitPolicy.SKIP));

        mgr.acquire(t1, tuple(7, 0, 3), LockMode.FOR_UPDATE, WaitPolicy.WAIT);
        e = assertThrows(DbException.class,
            () -> mgr.acquire(t2, tuple(7, 0, 3), LockMode.FOR_SHARE, WaitPolicy.NOWAIT));
        assertEquals("could not obtain lock on row in relation \"7\"", e.getMessage());
        assertTrue(mgr.acquire(t2, tuple(7, 0, 4), LockMode.FOR_SHARE, WaitPolicy.SKIP));
        // Failed attempts leave nothing behind.
        assertEquals(3, mgr.snapshot().size());
    }

    @Test
    void reacquireIsFreeAndKeyShareCoexistsWithNoKeyUpdate() {
        assertTrue(mgr.acquire(t1, tuple(REL, 1, 1), LockMode.FOR_NO_KEY_UPDATE, WaitPolicy.NOWAIT));
        assertTrue(mgr.acquire(t1, tuple(REL, 1, 1), LockMode.FOR_NO_KEY_UPDATE, WaitPolicy.NOWAIT));
        assertTrue(mgr.acquire(t2, tuple(REL, 1, 1), LockMode.FOR_KEY_SHARE, WaitPolicy.NOWAIT));
        assertFalse(mgr.acquire(t3, tuple(REL, 1, 1), LockMode.FOR_SHARE, WaitPolicy.SKIP));
        assertEquals(2, mgr.snapshot().size());
    }

    @Test
    void shareToExclusiveUpgradeWaitsForOtherSharers() throws Exception {
        mgr.acquire(t1, rel(REL), LockMode.S, WaitPolicy.WAIT);
        mgr.acquire(t2, rel(REL), LockMode.S, WaitPolicy.WAIT);
        CompletableFuture<Boolean> upgrade = async(() -> mgr.acquire(t1, rel(REL), LockMode.X, WaitPolicy.WAIT));
        awaitWaiting(mgr, 1);
        assertFalse(upgrade.isDone());
        mgr.releaseAll(t2);
        assertTrue(upgrade.get(10, TimeUnit.SECONDS));
        assertTrue(mgr.holds(t1, rel(REL), LockMode.X));
        assertTrue(mgr.holds(t1, rel(REL), LockMode.S));
    }

    @Test
    void intentionUpgradesAndSix() {
        mgr.acquire(t1, rel(REL), LockMode.IS, WaitPolicy.NOWAIT);
        mgr.acquire(t1, rel(REL), LockMode.IX, WaitPolicy.NOWAIT);
        mgr.acquire(t1, rel(REL), LockMode.S, WaitPolicy.NOWAIT);
        mgr.acquire(t1, rel(REL), LockMode.SIX, WaitPolicy.NOWAIT);
        assertTrue(mgr.acquire(t2, rel(REL), LockMode.IS, WaitPolicy.NOWAIT));
        assertFalse(mgr.acquire(t3, rel(REL), LockMode.IX, WaitPolicy.SKIP));
        assertFalse(mgr.acquire(t3, rel(REL), LockMode.S, WaitPolicy.SKIP));
    }

    @Test
    void fifoExclusiveWaiterBlocksLaterSharers() throws Exception {
        mgr.acquire(t1, rel(REL), LockMode.S, WaitPolicy.WAIT);
        CompletableFuture<Boolean> writer = async(() -> mgr.acquire(t2, rel(REL), LockMode.X, WaitPolicy.WAIT));
        awaitWaiting(mgr, 2);
        // Compatible with the holder, but must not overtake the queued writer.
        assertFalse(mgr.acquire(t3, rel(REL), LockMode.S, WaitPolicy.SKIP));
        CompletableFuture<Boolean> reader = async(() -> mgr.acquire(t3, rel(REL), LockMode.S, WaitPolicy.WAIT));
        awaitWaiting(mgr, 3);
        mgr.releaseAll(t1);
        assertTrue(writer.get(10, TimeUnit.SECONDS));
        assertFalse(reader.isDone());
        mgr.releaseAll(t2);
        assertTrue(reader.get(10, TimeUnit.SECONDS));
    }

    @Test
    void holderMayStrengthenAheadOfQueuedConflictingWaiter() throws Exception {
        // PostgreSQL's rule: an owner that already holds the lock is not queued behind a waiter
        // that waits for it — here the IS holder takes S although an X request is queued.
        mgr.acquire(t1, rel(REL), LockMode.IS, WaitPolicy.WAIT);
        CompletableFuture<Boolean> writer = async(() -> mgr.acquire(t2, rel(REL), LockMode.X, WaitPolicy.WAIT));
        awaitWaiting(mgr, 2);
        assertTrue(mgr.acquire(t1, rel(REL), LockMode.S, WaitPolicy.NOWAIT));
        mgr.releaseAll(t1);
        assertTrue(writer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void releaseAllWakesEveryCompatibleWaiter() throws Exception {
        mgr.acquire(t1, rel(REL), LockMode.X, WaitPolicy.WAIT);
        CompletableFuture<Boolean> r2 = async(() -> mgr.acquire(t2, rel(REL), LockMode.S, WaitPolicy.WAIT));
        CompletableFuture<Boolean> r3 = async(() -> mgr.acquire(t3, rel(REL), LockMode.IS, WaitPolicy.WAIT));
        awaitWaiting(mgr, 2);
        awaitWaiting(mgr, 3);
        mgr.releaseAll(t1);
        assertTrue(r2.get(10, TimeUnit.SECONDS));
        assertTrue(r3.get(10, TimeUnit.SECONDS));
        mgr.releaseAll(t2);
        mgr.releaseAll(t3);
        assertEquals(List.of(), mgr.snapshot());
    }

    @Test
    void earlyReleaseOfOneModeKeepsTheOther() throws Exception {
        LockTarget row = tuple(REL, 2, 2);
        mgr.acquire(t1, row, LockMode.FOR_SHARE, WaitPolicy.WAIT);
        mgr.acquire(t1, row, LockMode.FOR_UPDATE, WaitPolicy.WAIT);
        mgr.release(t1, row, LockMode.FOR_SHARE);
        assertTrue(mgr.holds(t1, row, LockMode.FOR_UPDATE));
        assertFalse(mgr.acquire(t2, row, LockMode.FOR_KEY_SHARE, WaitPolicy.SKIP));
        mgr.release(t1, row);
        assertTrue(mgr.acquire(t2, row, LockMode.FOR_KEY_SHARE, WaitPolicy.SKIP));
        assertEquals(1, mgr.snapshot().size());
    }

    @Test
    void lockTimeoutCancelsTheWait() throws Exception {
        mgr.acquire(t1, tuple(REL, 0, 1), LockMode.X, WaitPolicy.WAIT);
        CompletableFuture<Boolean> w = async(() ->
            mgr.acquire(t2, tuple(REL, 0, 1), LockMode.S, WaitPolicy.waitAtMost(Duration.ofMillis(120))));
        DbException e = failure(w);
        assertEquals(SqlState.LOCK_NOT_AVAILABLE, e.state());
        assertEquals("canceling statement due to lock timeout", e.getMessage());
        assertEquals(1, mgr.snapshot().size());
        assertEquals(1.0, registry.get("larch.lock.timeouts").counter().count());
        assertEquals(1.0, registry.get("larch.lock.waits").counter().count());
        assertEquals(1, registry.get("larch.lock.wait.seconds").timer().count());
    }

    @Test
    void cancelRequestEndsTheWait() throws Exception {
        mgr.acquire(t1, rel(REL), LockMode.X, WaitPolicy.WAIT);
        CompletableFuture<Boolean> w = async(() -> mgr.acquire(t2, rel(REL), LockMode.IS, WaitPolicy.WAIT));
        awaitWaiting(mgr, 2);
        mgr.cancelWait(t2, new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request"));
        DbException e = failure(w);
        assertEquals(SqlState.QUERY_CANCELED, e.state());
        assertEquals("canceling statement due to user request", e.getMessage());
        assertEquals(1, mgr.snapshot().size());
    }

    @Test
    void pendingCancelWithWakeUpEndsTheWait() throws Exception {
        mgr.acquire(t1, rel(REL), LockMode.X, WaitPolicy.WAIT);
        CompletableFuture<Boolean> w = async(() -> mgr.acquire(t2, rel(REL), LockMode.IS, WaitPolicy.WAIT));
        awaitWaiting(mgr, 2);
        t2.cancel().set(new DbException(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout"));
        mgr.wakeUp(t2);
        assertEquals("canceling statement due to statement timeout", failure(w).getMessage());
    }

    @Test
    void interruptEndsTheWaitWith57014() throws Exception {
        mgr.acquire(t1, rel(REL), LockMode.X, WaitPolicy.WAIT);
        CompletableFuture<Thread> started = new CompletableFuture<>();
        CompletableFuture<Boolean> w = async(() -> {
            started.complete(Thread.currentThread());
            return mgr.acquire(t2, rel(REL), LockMode.IS, WaitPolicy.WAIT);
        });
        awaitWaiting(mgr, 2);
        started.get().interrupt();
        assertEquals(SqlState.QUERY_CANCELED, failure(w).state());
        // The queue is clean: a later compatible request is granted at once after release.
        mgr.releaseAll(t1);
        assertTrue(mgr.acquire(t3, rel(REL), LockMode.X, WaitPolicy.NOWAIT));
    }

    @Test
    void escalatesPastThresholdToExclusiveRelationLock() {
        mgr.acquire(t1, rel(REL), LockMode.IX, WaitPolicy.WAIT);
        for (int i = 0; i < 10; i++) {
            mgr.acquire(t1, tuple(REL, 0, i), i % 2 == 0 ? LockMode.FOR_SHARE : LockMode.FOR_UPDATE, WaitPolicy.WAIT);
        }
        assertEquals(11, mgr.heldCount(t1));
        mgr.acquire(t1, tuple(REL, 0, 10), LockMode.FOR_SHARE, WaitPolicy.WAIT);
        assertEquals(1, mgr.heldCount(t1));
        assertTrue(mgr.holds(t1, rel(REL), LockMode.X));
        assertTrue(mgr.holds(t1, tuple(REL, 0, 3), LockMode.FOR_UPDATE));
        // Further row locks are covered and cost nothing.
        for (int i = 11; i < 100; i++) {
            assertTrue(mgr.acquire(t1, tuple(REL, 1, i), LockMode.FOR_UPDATE, WaitPolicy.NOWAIT));
        }
        assertEquals(1, mgr.heldCount(t1));
        assertTrue(mgr.snapshot().stream().allMatch(i -> i.target().equals(rel(REL))));
        assertFalse(mgr.acquire(t2, rel(REL), LockMode.IS, WaitPolicy.SKIP));
        assertEquals(1.0, registry.get("larch.lock.escalations").counter().count());
    }

    @Test
    void readOnlyRowLocksEscalateToShare() {
        mgr.acquire(t1, rel(REL), LockMode.IS, WaitPolicy.WAIT);
        for (int i = 0; i <= 10; i++) {
            mgr.acquire(t1, tuple(REL, 0, i), LockMode.S, WaitPolicy.WAIT);
        }
        assertTrue(mgr.holds(t1, rel(REL), LockMode.S));
        assertFalse(mgr.holds(t1, rel(REL), LockMode.X));
        assertTrue(mgr.acquire(t2, rel(REL), LockMode.IS, WaitPolicy.NOWAIT));
        assertFalse(mgr.acquire(t2, rel(REL), LockMode.IX, WaitPolicy.SKIP));
        // A write under an S relation lock is not covered: it needs its own row lock.
        assertTrue(mgr.acquire(t1, tuple(REL, 0, 0), LockMode.X, WaitPolicy.NOWAIT));
        assertEquals(2, mgr.heldCount(t1));
    }

    @Test
    void escalationBlockedByAnotherWriterKeepsRowLocksAndRetriesLater() {
        mgr.acquire(t2, rel(REL), LockMode.IX, WaitPolicy.WAIT);
        mgr.acquire(t1, rel(REL), LockMode.IX, WaitPolicy.WAIT);
        for (int i = 0; i <= 10; i++) {
            mgr.acquire(t1, tuple(REL, 0, i), LockMode.X, WaitPolicy.WAIT);
        }
        assertEquals(12, mgr.heldCount(t1));
        assertFalse(mgr.holds(t1, rel(REL), LockMode.X));
        mgr.releaseAll(t2);
        for (int i = 11; i < 20; i++) {
            mgr.acquire(t1, tuple(REL, 0, i), LockMode.X, WaitPolicy.WAIT);
        }
        assertFalse(mgr.holds(t1, rel(REL), LockMode.X), "retried only after another threshold");
        mgr.acquire(t1, tuple(REL, 0, 20), LockMode.X, WaitPolicy.WAIT);
        assertTrue(mgr.holds(t1, rel(REL), LockMode.X));
        assertEquals(1, mgr.heldCount(t1));
    }

    @Test
    void snapshotShowsHoldersAndWaiters() throws Exception {
        mgr.acquire(t1, rel(REL), LockMode.IX, WaitPolicy.WAIT);
        mgr.acquire(t1, tuple(REL, 3, 4), LockMode.FOR_NO_KEY_UPDATE, WaitPolicy.WAIT);
        CompletableFuture<Boolean> w = async(() -> mgr.acquire(t2, tuple(REL, 3, 4), LockMode.FOR_SHARE, WaitPolicy.WAIT));
        awaitWaiting(mgr, 2);
        List<LockInfo> rows = mgr.snapshot();
        assertEquals(3, rows.size());
        LockInfo waiting = rows.stream().filter(i -> !i.granted()).findFirst().orElseThrow();
        assertEquals(new LockTarget.Tuple(DB, REL, (3L << 32) | 4), waiting.target());
        assertEquals(LockMode.ROW_SHARE, waiting.mode());
        assertEquals(1002, waiting.pid());
        assertTrue(waiting.waitStart() != null);
        LockInfo held = rows.stream().filter(i -> i.granted() && i.target().equals(waiting.target())).findFirst().orElseThrow();
        assertEquals(LockMode.EXCLUSIVE, held.mode());
        assertNull(held.waitStart());
        mgr.releaseAll(t1);
        assertTrue(w.get(10, TimeUnit.SECONDS));
    }

    @Test
    void indexKeysCompareByContent() {
        var k1 = new LockTarget.IndexKey(DB, 900, new byte[] {1, 2, 3});
        var k2 = new LockTarget.IndexKey(DB, 900, new byte[] {1, 2, 3});
        mgr.acquire(t1, k1, LockMode.S, WaitPolicy.WAIT);
        assertFalse(mgr.acquire(t2, k2, LockMode.X, WaitPolicy.SKIP));
        assertTrue(mgr.acquire(t2, new LockTarget.IndexKey(DB, 900, new byte[] {1, 2, 4}), LockMode.X, WaitPolicy.SKIP));
        assertEquals(rel(900), k1.parent());
    }

    @Test
    void rejectsIntentionModesOnRowsAndRowModesOnRelations() {
        assertThrows(IllegalArgumentException.class, () -> mgr.acquire(t1, tuple(REL, 0, 0), LockMode.IX, WaitPolicy.WAIT));
        assertThrows(IllegalArgumentException.class, () -> mgr.acquire(t1, rel(REL), LockMode.FOR_UPDATE, WaitPolicy.WAIT));
    }
}
