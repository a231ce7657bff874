package org.larchdb.engine.tx.lock;

import java.time.Instant;

/**
 * One row of a lock-table snapshot (the future pg_locks): a granted canonical mode of an owner,
 * or the mode an owner is waiting for, with the time its wait began (null when granted).
 */
public record LockInfo(LockTarget target, LockMode mode, long transactionId, int pid, boolean granted,
                       Instant waitStart) {
}
