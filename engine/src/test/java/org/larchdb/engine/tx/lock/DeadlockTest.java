package org.larchdb.engine.tx.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.engine.tx.lock.LockTesting.*;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

class DeadlockTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LockManager mgr = new LockManager(
        LockManagerConfig.DEFAULTS.withDeadlockTimeout(Duration.ofMillis(40)), null, registry);

    /** Outcome of one transaction: null when it committed, else the error that ended it. */
    private CompletableFuture<DbException> lockThenCommit(TestOwner owner, LockTarget target, LockMode mode) {
        return async(() -> {
            try {
                mgr.acquire(owner, target, mode, WaitPolicy.WAIT);
                return null;
            } catch (DbException e) {
                return e;
            } finally {
                mgr.releaseAll(owner);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void cycleHasExactlyOneVictimAndTheOthersProceed(int n) throws Exception {
        List<TestOwner> owners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestOwner o = new TestOwner(10 + i);
            owners.add(o);
            assertTrue(mgr.acquire(o, tuple(REL, 0, i), LockMode.FOR_UPDATE, WaitPolicy.NOWAIT));
        }
        List<CompletableFuture<DbException>> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            outcomes.add(lockThenCommit(owners.get(i), tuple(REL, 0, (i + 1) % n), LockMode.FOR_UPDATE));
        }
        List<DbException> victims = new ArrayList<>();
        for (CompletableFuture<DbException> f : outcomes) {
            DbException e = f.get(30, TimeUnit.SECONDS);
            if (e != null) {
                victims.add(e);
            }
        }
        assertEquals(1, victims.size(), "victims: " + victims);
        DbException e = victims.get(0);
        assertEquals(SqlState.DEADLOCK_DETECTED, e.state());
        assertEquals("deadlock detected", e.getMessage());
        String[] lines = e.detail().split("\n");
        assertEquals(2 * n, lines.length, e.detail());
        for (int i = 0; i < n; i++) {
            assertTrue(lines[i].matches("Process 10\\d\\d waits for AccessExclusiveLock on tuple \\(0,\\d\\) of relation "
                + REL + " of database " + DB + "; blocked by process 10\\d\\d\\."), lines[i]);
            assertTrue(lines[n + i].matches("Process 10\\d\\d: UPDATE accounts SET balance = 0 WHERE id = \\d+"), lines[n + i]);
        }
        assertEquals("See server log for query details.", e.hint());
        assertEquals(1.0, registry.get("larch.lock.deadlocks").counter().count());
        assertEquals(List.of(), mgr.snapshot());
    }

    @Test
    void twoUpgradersDeadlockAndOneWins() throws Exception {
        TestOwner a = new TestOwner(1);
        TestOwner b = new TestOwner(2);
        mgr.acquire(a, rel(REL), LockMode.S, WaitPolicy.WAIT);
        mgr.acquire(b, rel(REL), LockMode.S, WaitPolicy.WAIT);
        CompletableFuture<DbException> fa = lockThenCommit(a, rel(REL), LockMode.X);
        CompletableFuture<DbException> fb = lockThenCommit(b, rel(REL), LockMode.X);
        DbException ea = fa.get(30, TimeUnit.SECONDS);
        DbException eb = fb.get(30, TimeUnit.SECONDS);
        assertTrue(ea == null ^ eb == null, "exactly one victim: " + ea + " / " + eb);
        DbException e = ea != null ? ea : eb;
        assertEquals(SqlState.DEADLOCK_DETECTED, e.state());
        assertTrue(e.detail().contains("waits for AccessExclusiveLock on relation " + REL + " of database " + DB),
            e.detail());
        assertEquals(List.of(), mgr.snapshot());
    }

    @Test
    void waitingForATransactionReadsLikePostgres() throws Exception {
        TestOwner a = new TestOwner(7);
        TestOwner b = new TestOwner(8);
        // Each transaction holds its own id; a row-lock waiter waits for the holder's end.
        mgr.acquire(a, new LockTarget.Transaction(7), LockMode.EXCLUSIVE, WaitPolicy.WAIT);
        mgr.acquire(b, new LockTarget.Transaction(8), LockMode.EXCLUSIVE, WaitPolicy.WAIT);
        CompletableFuture<DbException> fa = lockThenCommit(a, new LockTarget.Transaction(8), LockMode.SHARE);
        awaitWaiting(mgr, 7);
        CompletableFuture<DbException> fb = lockThenCommit(b, new LockTarget.Transaction(7), LockMode.SHARE);
        DbException ea = fa.get(30, TimeUnit.SECONDS);
        DbException eb = fb.get(30, TimeUnit.SECONDS);
        DbException e = ea != null ? ea : eb;
        assertTrue(ea == null ^ eb == null);
        assertTrue(e.detail().contains("Process 1008 waits for ShareLock on transaction 7; blocked by process 1007.")
            || e.detail().contains("Process 1007 waits for ShareLock on transaction 8; blocked by process 1008."), e.detail());
    }

    @Test
    void aChainWithoutCycleIsNotADeadlock() throws Exception {
        TestOwner a = new TestOwner(1);
        TestOwner b = new TestOwner(2);
        TestOwner c = new TestOwner(3);
        mgr.acquire(c, tuple(REL, 0, 3), LockMode.X, WaitPolicy.WAIT);
        mgr.acquire(b, tuple(REL, 0, 2), LockMode.X, WaitPolicy.WAIT);
        CompletableFuture<DbException> fb = lockThenCommit(b, tuple(REL, 0, 3), LockMode.X);
        CompletableFuture<DbException> fa = lockThenCommit(a, tuple(REL, 0, 2), LockMode.X);
        awaitWaiting(mgr, 1);
        awaitWaiting(mgr, 2);
        // Several deadlock checks run meanwhile; none may pick a victim.
        Thread.sleep(200);
        assertFalse(fa.isDone());
        assertFalse(fb.isDone());
        mgr.releaseAll(c);
        assertEquals(null, fb.get(30, TimeUnit.SECONDS));
        assertEquals(null, fa.get(30, TimeUnit.SECONDS));
        assertEquals(0.0, registry.get("larch.lock.deadlocks").counter().count());
    }

    @Test
    void fifoQueueEdgeClosesACycle() throws Exception {
        // a holds S on R; b queues for X on R; a then waits for b's row; b's X waits on a's S:
        // a cycle through a holder edge and a lock held by b.
        TestOwner a = new TestOwner(1);
        TestOwner b = new TestOwner(2);
        TestOwner c = new TestOwner(3);
        mgr.acquire(a, rel(REL), LockMode.S, WaitPolicy.WAIT);
        mgr.acquire(b, tuple(99, 0, 1), LockMode.X, WaitPolicy.WAIT);
        CompletableFuture<DbException> fb = lockThenCommit(b, rel(REL), LockMode.X);
        awaitWaiting(mgr, 2);
        // c's S request is queued behind b's X (FIFO): c waits for b although a only holds S.
        CompletableFuture<DbException> fc = lockThenCommit(c, rel(REL), LockMode.S);
        awaitWaiting(mgr, 3);
        CompletableFuture<DbException> fa = lockThenCommit(a, tuple(99, 0, 1), LockMode.X);
        DbException ea = fa.get(30, TimeUnit.SECONDS);
        DbException eb = fb.get(30, TimeUnit.SECONDS);
        assertEquals(null, fc.get(30, TimeUnit.SECONDS));
        assertTrue(ea == null ^ eb == null, ea + " / " + eb);
        assertEquals(List.of(), mgr.snapshot());
    }
}
