package org.larchdb.pgwire.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Server-wide map from BackendKeyData (process id, secret key) to the running session, so that a
 * CancelRequest arriving on another connection can reach it. The secret is never shown anywhere else.
 */
public final class CancelKeyRegistry {
    private record Entry(int secretKey, Runnable cancel) {
    }

    private final ConcurrentMap<Integer, Entry> sessions = new ConcurrentHashMap<>();

    /** Registers how to cancel the statement running under (processId, secretKey). */
    public void register(int processId, int secretKey, Runnable cancel) {
        sessions.put(processId, new Entry(secretKey, cancel));
    }

    public void unregister(int processId, int secretKey) {
        sessions.computeIfPresent(processId, (pid, entry) -> entry.secretKey() == secretKey ? null : entry);
    }

    /** Cancels the session's running statement when the key matches; silently does nothing otherwise, as PostgreSQL. */
    public boolean cancel(int processId, int secretKey) {
        Entry entry = sessions.get(processId);
        if (entry == null || entry.secretKey() != secretKey) {
            return false;
        }
        entry.cancel().run();
        return true;
    }
}
