package org.larchdb.engine.tx.lock;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Shared helpers: run work on a virtual thread, and wait until an owner is queued. */
final class LockTesting {
    static final int DB = 5;
    static final int REL = 16384;

    private LockTesting() {
    }

    static LockTarget.Relation rel(int oid) {
        return new LockTarget.Relation(DB, oid);
    }

    static LockTarget.Tuple tuple(int rel, int block, int slot) {
        return new LockTarget.Tuple(DB, rel, ((long) block << 32) | slot);
    }

    static <T> CompletableFuture<T> async(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /**
     * Blocks until the lock table shows {@code xid} waiting. The lock manager has no waiting hook
     * by design, so this polls the snapshot; the test outcome never depends on timing.
     */
    static void awaitWaiting(LockManager mgr, long xid) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            if (mgr.snapshot().stream().anyMatch(i -> i.transactionId() == xid && !i.granted())) {
                return;
            }
            Thread.sleep(1);
        }
        fail("transaction " + xid + " never waited");
    }
}
