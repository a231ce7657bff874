package org.larchdb.engine.tx.lock;

import java.util.HashMap;
import java.util.Map;

/**
 * The lock manager's per-transaction bookkeeping. {@link #held}, {@link #leafCounts} and
 * {@link #nextEscalation} are confined to the owner's thread (acquire/release come from its
 * session); {@link #waiting} is written under the waited entry's partition latch and read by the
 * deadlock detector (which holds every latch) and by wake-ups.
 */
final class OwnerState {
    final long transactionId;
    volatile LockOwner owner;
    /** Target → mask of canonical levels this owner holds there (mirror of the lock entries). */
    final Map<LockTarget, Integer> held = new HashMap<>();
    /** Parent relation → number of leaf targets held under it (escalation). */
    final Map<LockTarget, Integer> leafCounts = new HashMap<>();
    /** Parent relation → leaf count at which escalation is next tried, after a failed try. */
    final Map<LockTarget, Integer> nextEscalation = new HashMap<>();
    volatile LockWaiter waiting;

    OwnerState(LockOwner owner) {
        this.transactionId = owner.transactionId();
        this.owner = owner;
    }

    int heldMask(LockTarget target) {
        Integer m = held.get(target);
        return m == null ? 0 : m;
    }
}
