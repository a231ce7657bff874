package org.larchdb.pgwire.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.larchdb.engine.Session;

/**
 * Server-wide map from BackendKeyData (process id, secret key) to the running session, so that a
 * CancelRequest arriving on another connection can reach it. The secret is never shown anywhere else.
 */
public final class CancelKeyRegistry {
    private record Entry(int secretKey, Session session) {
    }

    private final ConcurrentMap<Integer, Entry> sessions = new ConcurrentHashMap<>();

    public void register(int processId, int secretKey, Session session) {
        sessions.put(processId, new Entry(secretKey, session));
    }

    public void unregister(int processId, Session session) {
        sessions.computeIfPresent(processId, (pid, entry) -> entry.session() == session ? null : entry);
    }

    /** Cancels the session's running statement when the key matches; silently does nothing otherwise, as PostgreSQL. */
    public boolean cancel(int processId, int secretKey) {
        Entry entry = sessions.get(processId);
        if (entry == null || entry.secretKey() != secretKey) {
            return false;
        }
        entry.session().cancel();
        return true;
    }
}
