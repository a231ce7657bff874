package org.larchdb.engine.tx.lock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared state of one locked target: who holds which canonical modes, and the wait queue.
 * Guarded by its partition's latch. Mirrors PostgreSQL's LOCK: {@code granted} counts how many
 * owners hold each level, so a conflict check is eight array reads, not a walk over holders.
 */
final class LockEntry {
    final LockTarget target;
    final Map<OwnerState, Integer> holders = new LinkedHashMap<>(4);
    private final int[] granted = new int[8];
    /** FIFO, except that owners already holding the target may be queued ahead (see README). */
    final List<LockWaiter> waiters = new ArrayList<>(2);

    LockEntry(LockTarget target) {
        this.target = target;
    }

    int maskOf(OwnerState owner) {
        Integer m = holders.get(owner);
        return m == null ? 0 : m;
    }

    /** True if some OTHER owner holds a mode conflicting with {@code mode}. */
    boolean conflictsWithHolders(OwnerState owner, LockMode mode) {
        int own = maskOf(owner);
        int conflicts = mode.conflictMask();
        for (int level = 0; level < 8; level++) {
            if ((conflicts & (1 << level)) != 0 && granted[level] - ((own >>> level) & 1) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a new request of an owner that already holds {@code ownMask} joins the queue: ahead of
     * the first waiter that waits for something this owner holds (it could never be granted before
     * us anyway; queueing behind it would be a certain deadlock), else at the end.
     */
    int queuePosition(int ownMask) {
        if (ownMask != 0) {
            for (int i = 0; i < waiters.size(); i++) {
                if ((waiters.get(i).mode.conflictMask() & ownMask) != 0) {
                    return i;
                }
            }
        }
        return waiters.size();
    }

    boolean conflictsWithWaitersBefore(int position, LockMode mode) {
        for (int i = 0; i < position; i++) {
            if (waiters.get(i).mode.conflictsWith(mode)) {
                return true;
            }
        }
        return false;
    }

    void grant(OwnerState owner, LockMode mode) {
        int own = maskOf(owner);
        if ((own & mode.bit()) == 0) {
            granted[mode.level()]++;
            holders.put(owner, own | mode.bit());
        }
    }

    /** Drops the given levels of an owner; returns the mask it still holds. */
    int ungrant(OwnerState owner, int levels) {
        int own = maskOf(owner);
        int dropped = own & levels;
        for (int level = 0; level < 8; level++) {
            if ((dropped & (1 << level)) != 0) {
                granted[level]--;
            }
        }
        int rest = own & ~levels;
        if (rest == 0) {
            holders.remove(owner);
        } else {
            holders.put(owner, rest);
        }
        return rest;
    }

    /**
     * Grants every waiter, in queue order, that conflicts neither with the holders nor with a
     * waiter still ahead of it (PostgreSQL's ProcLockWakeup): a compatible latecomer never
     * overtakes an incompatible earlier waiter, so nobody starves.
     */
    void grantWaiters() {
        int aheadRequests = 0;
        for (int i = 0; i < waiters.size(); ) {
            LockWaiter w = waiters.get(i);
            if ((w.mode.conflictMask() & aheadRequests) == 0 && !conflictsWithHolders(w.owner, w.mode)) {
                grant(w.owner, w.mode);
                w.granted = true;
                waiters.remove(i);
                w.wake.signal();
            } else {
                aheadRequests |= w.mode.bit();
                i++;
            }
        }
    }

    /** Removes a waiter that gives up, and lets those behind it move. */
    void abandon(LockWaiter w) {
        if (waiters.remove(w)) {
            grantWaiters();
        }
    }

    boolean isUnused() {
        return holders.isEmpty() && waiters.isEmpty();
    }
}
