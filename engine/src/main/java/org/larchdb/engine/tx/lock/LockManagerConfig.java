package org.larchdb.engine.tx.lock;

import java.time.Duration;

/**
 * Server-wide lock settings.
 *
 * @param deadlockTimeout PostgreSQL's deadlock_timeout: how long a waiter sleeps before it looks
 *        for a cycle (and how often it looks again while still waiting)
 * @param escalationThreshold fine locks one owner may hold under one relation before trying to
 *        replace them with one relation lock; 0 disables escalation
 * @param partitions lock-table partitions (a power of two), each with its own latch
 */
public record LockManagerConfig(Duration deadlockTimeout, int escalationThreshold, int partitions) {

    public static final LockManagerConfig DEFAULTS = new LockManagerConfig(Duration.ofSeconds(1), 5000, 16);

    public LockManagerConfig {
        if (deadlockTimeout.isNegative() || deadlockTimeout.isZero()) {
            throw new IllegalArgumentException("deadlock_timeout must be positive");
        }
        if (escalationThreshold < 0 || partitions < 1 || Integer.bitCount(partitions) != 1) {
            throw new IllegalArgumentException("bad escalation threshold or partition count");
        }
    }

    public LockManagerConfig withDeadlockTimeout(Duration d) {
        return new LockManagerConfig(d, escalationThreshold, partitions);
    }

    public LockManagerConfig withEscalationThreshold(int n) {
        return new LockManagerConfig(deadlockTimeout, n, partitions);
    }
}
