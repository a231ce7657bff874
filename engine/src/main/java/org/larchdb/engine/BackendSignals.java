package org.larchdb.engine;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.RoleInfo;

/**
 * pg_cancel_backend and pg_terminate_backend with PostgreSQL 15's rules (signalfuncs.c): only a
 * superuser may signal a superuser's backend; others only backends of their own role (there are no
 * role memberships nor pg_signal_backend yet, so "member of the role" means "is the role").
 */
final class BackendSignals {
    /** How often pg_terminate_backend(pid, timeout) looks whether the backend has gone. */
    private static final long POLL_MILLIS = 10;

    private BackendSignals() {
    }

    /**
     * Signals backend {@code pid} as {@code caller} (the current role). Returns false with a WARNING
     * when there is no such backend; throws 42501 when not allowed. With a positive
     * {@code timeoutMillis}, terminate waits that long for the session to close.
     */
    static boolean signal(Database db, RoleInfo caller, int ownPid, int pid, boolean terminate, long timeoutMillis,
                          Consumer<Notice> notices) {
        if (terminate && timeoutMillis < 0) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"timeout\" must not be negative");
        }
        Optional<Session> found = db.session(pid);
        if (found.isEmpty()) {
            notices.accept(warning("PID " + pid + " is not a PostgreSQL backend process"));
            return false;
        }
        Session target = found.get();
        RoleInfo owner = db.catalog().snapshot().role(target.activity().roleOid());
        boolean ownerIsSuperuser = owner != null && owner.superuser();
        if (ownerIsSuperuser && !caller.superuser()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, terminate
                    ? "must be a superuser to terminate superuser process"
                    : "must be a superuser to cancel superuser query");
        }
        if (!caller.superuser() && caller.oid() != target.activity().roleOid()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, terminate
                    ? "must be a member of the role whose process is being terminated or member of pg_signal_backend"
                    : "must be a member of the role whose query is being canceled or member of pg_signal_backend");
        }
        if (!terminate) {
            target.cancel();
            if (pid == ownPid) {
                // PostgreSQL's signal interrupts the very statement that sent it.
                throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            return true;
        }
        target.terminate();
        if (pid == ownPid) {
            throw new DbException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command")
                    .withSeverity(DbException.Severity.FATAL);
        }
        return timeoutMillis == 0 || awaitClose(db, pid, timeoutMillis, notices);
    }

    private static boolean awaitClose(Database db, int pid, long timeoutMillis, Consumer<Notice> notices) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (db.session(pid).isPresent()) {
            if (System.nanoTime() - deadline >= 0) {
                notices.accept(warning("backend with PID " + pid + " did not terminate within " + timeoutMillis
                        + " milliseconds"));
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
        return true;
    }

    private static Notice warning(String message) {
        return new Notice("WARNING", SqlState.WARNING, message, null, null);
    }
}
