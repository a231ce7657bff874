package org.larchdb.engine.tx.lock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One slice of the lock table, chosen by the target's hash: its latch guards its entries, their
 * queues and the waiters' fields. Latches are short-held; code that needs several takes them in
 * index order (only the deadlock detector and snapshots do).
 */
final class LockPartition {
    final ReentrantLock latch = new ReentrantLock();
    final Map<LockTarget, LockEntry> entries = new HashMap<>();

    /** Drops an entry nobody holds or waits for, so the table's memory follows what is locked. */
    void forgetIfUnused(LockEntry entry) {
        if (entry.isUnused()) {
            entries.remove(entry.target, entry);
        }
    }
}
