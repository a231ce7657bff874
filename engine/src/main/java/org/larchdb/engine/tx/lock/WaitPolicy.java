package org.larchdb.engine.tx.lock;

import java.time.Duration;

/**
 * What to do when a lock is not free: wait (forever or up to lock_timeout), fail at once
 * (NOWAIT), or report false (SKIP LOCKED).
 */
public record WaitPolicy(Kind kind, Duration timeout) {

    public enum Kind { WAIT, NOWAIT, SKIP }

    public static final WaitPolicy WAIT = new WaitPolicy(Kind.WAIT, null);
    public static final WaitPolicy NOWAIT = new WaitPolicy(Kind.NOWAIT, null);
    public static final WaitPolicy SKIP = new WaitPolicy(Kind.SKIP, null);

    public WaitPolicy {
        if (timeout != null && (kind != Kind.WAIT || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout only for WAIT, and not negative");
        }
    }

    /** Wait up to {@code lockTimeout}; zero means forever, as PostgreSQL's lock_timeout = 0. */
    public static WaitPolicy waitAtMost(Duration lockTimeout) {
        return lockTimeout == null || lockTimeout.isZero() ? WAIT : new WaitPolicy(Kind.WAIT, lockTimeout);
    }
}
