package org.larchdb.engine.tx.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.engine.tx.lock.LockTesting.*;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Many virtual threads run short transactions locking random rows of two tables in random order
 * (with upgrades and escalation), retrying deadlock victims. Checks mutual exclusion while the
 * locks are held, that every transaction eventually commits, and that nothing leaks.
 */
class LockStressTest {
    private static final int THREADS = 24;
    private static final int TXNS = 60;
    private static final int ROWS = 12;

    private final AtomicInteger[] writers = new AtomicInteger[2 * ROWS];
    private final AtomicInteger[] readers = new AtomicInteger[2 * ROWS];

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void randomTransactionsFinishWithoutLeaks(int escalationThreshold) throws Exception {
        for (int i = 0; i < writers.length; i++) {
            writers[i] = new AtomicInteger();
            readers[i] = new AtomicInteger();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LockManager mgr = new LockManager(LockManagerConfig.DEFAULTS.withDeadlockTimeout(Duration.ofMillis(5))
            .withEscalationThreshold(escalationThreshold), null, registry);
        AtomicLong xids = new AtomicLong(1);
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger victims = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(async(() -> {
                for (int n = 0; n < TXNS; n++) {
                    while (true) {
                        TestOwner owner = new TestOwner(xids.getAndIncrement());
                        try {
                            runTransaction(mgr, owner);
                            committed.incrementAndGet();
                            break;
                        } catch (DbException e) {
                            assertEquals(SqlState.DEADLOCK_DETECTED, e.state(), e.getMessage());
                            victims.incrementAndGet();
                        } finally {
                            mgr.releaseAll(owner);
                            assertEquals(0, mgr.heldCount(owner));
                        }
                    }
                }
                return null;
            }));
        }
        for (CompletableFuture<Void> w : workers) {
            w.get(120, TimeUnit.SECONDS);
        }
        System.out.printf("lock stress (escalation %d): %d commits, %d deadlock victims, %.0f waits, %.0f escalations%n",
            escalationThreshold, committed.get(), victims.get(), registry.get("larch.lock.waits").counter().count(),
            registry.get("larch.lock.escalations").counter().count());
        assertEquals(THREADS * TXNS, committed.get());
        assertEquals(List.of(), mgr.snapshot());
        assertEquals((double) victims.get(), registry.get("larch.lock.deadlocks").counter().count());
        assertTrue(registry.get("larch.lock.waits").counter().count() > 0);
    }

    private void runTransaction(LockManager mgr, TestOwner owner) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        // row index (0..2*ROWS) → strongest mode taken (true = write)
        Map<Integer, Boolean> rows = new LinkedHashMap<>();
        int count = 2 + rnd.nextInt(4);
        for (int i = 0; i < count; i++) {
            int row = rnd.nextInt(2 * ROWS);
            boolean write = rnd.nextInt(3) == 0;
            int table = row / ROWS;
            mgr.acquire(owner, rel(100 + table), write ? LockMode.IX : LockMode.IS, WaitPolicy.WAIT);
            mgr.acquire(owner, tuple(100 + table, 0, row % ROWS), write ? LockMode.X : LockMode.S, WaitPolicy.WAIT);
            rows.merge(row, write, Boolean::logicalOr);
        }
        // All locks held: check that nobody else holds a conflicting one.
        List<Integer> entered = new ArrayList<>();
        try {
            rows.forEach((row, write) -> {
                if (write) {
                    assertEquals(1, writers[row].incrementAndGet(), "two writers on row " + row);
                    entered.add(row);
                    assertEquals(0, readers[row].get(), "reader beside writer on row " + row);
                } else {
                    readers[row].incrementAndGet();
                    entered.add(-row - 1);
                    assertEquals(0, writers[row].get(), "writer beside reader on row " + row);
                }
            });
            Thread.yield();
        } finally {
            for (int e : entered) {
                if (e >= 0) {
                    writers[e].decrementAndGet();
                } else {
                    readers[-e - 1].decrementAndGet();
                }
            }
        }
    }
}
