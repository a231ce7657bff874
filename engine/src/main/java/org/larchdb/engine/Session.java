package org.larchdb.engine;

import java.util.List;
import java.util.Map;

/**
 * A client's session: its settings, transaction state, and the statements it runs. Not
 * thread-safe except {@link #cancel()}: the front end calls everything else from the session's
 * own execution thread.
 */
public final class Session implements AutoCloseable {

    /** The backend process id reported in BackendKeyData and pg_stat_activity. */
    public int pid() {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** Parameters to report with ParameterStatus after authentication, in order. */
    public Map<String, String> reportedParameters() {
        throw new UnsupportedOperationException("engine work in progress");
    }

    public void setListener(SessionListener listener) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /**
     * Cuts a simple-query string into statements at top-level semicolons (quotes, comments and
     * dollar quotes respected). An empty or whitespace/comment-only string gives an empty list.
     */
    public List<StatementText> split(String sql) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /**
     * Parses and analyzes one statement. {@code parameterTypeOids} are the types the client gave
     * for $1.. (0 = unspecified, to be inferred). Throws DbException (42601 with position, 42P01...).
     */
    public PreparedQuery prepare(String sql, int[] parameterTypeOids) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** Binds parameter values (already decoded to their Java representation) to a prepared statement. */
    public Portal bind(PreparedQuery query, Object[] parameters) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /**
     * Runs a portal, sending at most {@code maxRows} rows (0 = all) to {@code sink}. Returns the
     * command tag, or {@link ExecResult#SUSPENDED} when rows remain for a later call.
     */
    public ExecResult execute(Portal portal, long maxRows, RowSink sink) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /**
     * Ends an implicit transaction (the extended protocol's Sync, the end of a simple query):
     * commits it if no error happened, otherwise rolls it back. No effect inside BEGIN … COMMIT.
     */
    public void sync() {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** ReadyForQuery's status: 'I' idle, 'T' in a transaction block, 'E' in a failed block. */
    public char transactionStatus() {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** Asks the running statement to stop with 57014; callable from any thread. */
    public void cancel() {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** Rolls back any open transaction and releases everything the session holds. */
    @Override
    public void close() {
    }
}
