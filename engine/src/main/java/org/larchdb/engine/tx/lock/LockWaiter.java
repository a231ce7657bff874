package org.larchdb.engine.tx.lock;

import java.time.Instant;
import java.util.concurrent.locks.Condition;
import org.larchdb.engine.error.DbException;

/**
 * One queued request. All fields except the final ones are read and written only under the latch
 * of the partition holding {@link #entry} (the deadlock detector holds every latch).
 */
final class LockWaiter {
    final OwnerState owner;
    final LockMode mode;
    final LockEntry entry;
    /** Signalled when granted, failed, or woken for a cancel; created from the partition latch. */
    final Condition wake;
    final Instant waitStart;
    boolean granted;
    /** Set by another thread (detector, cancel) to end the wait with this error. */
    DbException failure;

    LockWaiter(OwnerState owner, LockMode mode, LockEntry entry, Condition wake) {
        this.owner = owner;
        this.mode = mode;
        this.entry = entry;
        this.wake = wake;
        this.waitStart = Instant.now();
    }
}
