package org.larchdb.engine.tx.lock;

import org.larchdb.engine.error.DbException;

/**
 * Who holds a lock: one transaction. The lock manager keys owners by {@link #transactionId()};
 * everything else is for reports and for ending a wait. An owner's acquire/release calls must
 * come from one thread at a time (its session's virtual thread).
 */
public interface LockOwner {

    long transactionId();

    /** The backend's process id as clients see it (pg_backend_pid), for reports and pg_locks. */
    int pid();

    /** The statement being executed, for the deadlock DETAIL; null when unknown. */
    default String statement() {
        return null;
    }

    /**
     * A cancel that must end any lock wait (cancel request, statement_timeout), or null. Checked
     * when a wait starts and whenever the waiter wakes; whoever sets it then calls
     * {@link LockManager#wakeUp(LockOwner)} so a sleeping waiter notices at once.
     */
    default DbException pendingCancel() {
        return null;
    }

    /** This owner's deadlock_timeout (a superuser may SET it per session), or null for the server's. */
    default java.time.Duration deadlockTimeout() {
        return null;
    }
}
