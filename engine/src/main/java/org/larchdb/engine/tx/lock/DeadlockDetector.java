package org.larchdb.engine.tx.lock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Looks for a cycle through one waiter in the wait-for graph, as PostgreSQL's deadlock.c does
 * after deadlock_timeout. The caller holds every partition latch, so the graph is frozen.
 *
 * <p>An owner waiting for request R points at (a) every other owner holding a mode that
 * conflicts with R ("hard" edges) and (b) every owner queued ahead of it on the same target whose
 * request conflicts with R ("soft" edges: FIFO makes them real waits). PostgreSQL tries to break
 * soft-edge cycles by reordering queues; we do not, so such a cycle costs a victim (README).
 * Only the owner that runs the check can become the victim, so exactly one member of a cycle is
 * chosen: the first to check removes its own request while still holding all latches.
 */
final class DeadlockDetector {

    /** One wait-for edge: {@code waiter} (in {@code request}) is blocked by {@code blocker}. */
    record Edge(LockWaiter request, OwnerState blocker) {
    }

    private DeadlockDetector() {
    }

    /** The cycle of edges from {@code start} back to itself, or null when there is none. */
    static List<Edge> findCycle(OwnerState start) {
        List<Edge> path = new ArrayList<>();
        return search(start, start, path, new HashSet<>()) ? path : null;
    }

    private static boolean search(OwnerState start, OwnerState at, List<Edge> path, Set<OwnerState> visited) {
        LockWaiter w = at.waiting;
        if (w == null || w.granted || w.failure != null) {
            return false;
        }
        for (OwnerState blocker : blockers(w)) {
            path.add(new Edge(w, blocker));
            if (blocker == start) {
                return true;
            }
            // An owner already explored cannot lead back to start by another route either.
            if (visited.add(blocker) && search(start, blocker, path, visited)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    static List<OwnerState> blockers(LockWaiter w) {
        List<OwnerState> result = new ArrayList<>();
        int conflicts = w.mode.conflictMask();
        w.entry.holders.forEach((owner, mask) -> {
            if (owner != w.owner && (mask & conflicts) != 0) {
                result.add(owner);
            }
        });
        for (LockWaiter ahead : w.entry.waiters) {
            if (ahead == w) {
                break;
            }
            if (ahead.owner != w.owner && ahead.mode.conflictsWith(w.mode) && !result.contains(ahead.owner)) {
                result.add(ahead.owner);
            }
        }
        return result;
    }

    /** PostgreSQL's report: one "waits for … blocked by" line per edge, then the statements. */
    static DbException deadlockError(List<Edge> cycle) {
        StringBuilder detail = new StringBuilder();
        for (Edge e : cycle) {
            if (!detail.isEmpty()) {
                detail.append('\n');
            }
            detail.append("Process ").append(e.request.owner.owner.pid()).append(" waits for ")
                .append(e.request.mode.pgName()).append(" on ").append(e.request.entry.target.describe())
                .append("; blocked by process ").append(e.blocker.owner.pid()).append('.');
        }
        for (Edge e : cycle) {
            String statement = e.request.owner.owner.statement();
            if (statement != null) {
                detail.append("\nProcess ").append(e.request.owner.owner.pid()).append(": ").append(statement);
            }
        }
        return new DbException(SqlState.DEADLOCK_DETECTED, "deadlock detected")
            .withDetail(detail.toString()).withHint("See server log for query details.");
    }
}
