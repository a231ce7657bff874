package org.larchdb.engine;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.larchdb.engine.tx.Transaction;

/**
 * What one backend is doing, as pg_stat_activity shows it (PostgreSQL's PgBackendStatus). The
 * session's own thread writes it at statement and transaction boundaries; any thread may read it.
 * Fields are volatile one by one, so a reader may see a statement's text a moment before its
 * start time — PostgreSQL's reader accepts the same (its changecount only guards torn strings).
 */
public final class SessionActivity {
    /** pg_stat_activity.state values. */
    public static final String ACTIVE = "active";
    public static final String IDLE = "idle";
    public static final String IDLE_IN_TRANSACTION = "idle in transaction";
    public static final String IDLE_IN_FAILED_TRANSACTION = "idle in transaction (aborted)";

    private final int pid;
    private final long databaseOid;
    private final String databaseName;
    private final long roleOid;
    private final String roleName;
    private final InetSocketAddress client;
    private final Instant backendStart = Instant.now();
    private volatile String applicationName = "";
    private volatile String state = IDLE;
    private volatile String query = "";
    private volatile Instant queryStart;
    private volatile Instant stateChange = backendStart;
    private volatile Instant transactionStart;
    /** The running transaction, null when none. */
    private volatile Transaction transaction;

    SessionActivity(int pid, long databaseOid, String databaseName, long roleOid, String roleName,
                    InetSocketAddress client) {
        this.pid = pid;
        this.databaseOid = databaseOid;
        this.databaseName = databaseName;
        this.roleOid = roleOid;
        this.roleName = roleName;
        this.client = client;
    }

    // ---- written by the session's thread

    /** A statement starts (Parse, Execute, simple Query): PostgreSQL's pgstat_report_activity(RUNNING). */
    void running(String sql) {
        Instant now = Instant.now();
        query = sql;
        queryStart = now;
        state = ACTIVE;
        stateChange = now;
    }

    /** ReadyForQuery: the backend waits for the client; {@code status} is its transaction status byte. */
    void idle(char status) {
        state = switch (status) {
            case 'T' -> IDLE_IN_TRANSACTION;
            case 'E' -> IDLE_IN_FAILED_TRANSACTION;
            default -> IDLE;
        };
        stateChange = Instant.now();
    }

    void transactionStarted(Instant start, Transaction t) {
        transactionStart = start;
        transaction = t;
    }

    void transactionEnded() {
        transactionStart = null;
        transaction = null;
    }

    void applicationName(String name) {
        applicationName = name == null ? "" : name;
    }

    // ---- read from any thread

    public int pid() {
        return pid;
    }

    public long databaseOid() {
        return databaseOid;
    }

    public String databaseName() {
        return databaseName;
    }

    /** The session (authenticated) role's OID: SET ROLE does not change it, as in PostgreSQL. */
    public long roleOid() {
        return roleOid;
    }

    public String roleName() {
        return roleName;
    }

    /** The client's address and port, or null for a session opened in-process (or over a Unix socket). */
    public InetSocketAddress client() {
        return client;
    }

    public Instant backendStart() {
        return backendStart;
    }

    public String applicationName() {
        return applicationName;
    }

    public String state() {
        return state;
    }

    /** The running statement's text, or the last one's when idle ("" before the first). */
    public String query() {
        return query;
    }

    /** When the current (or last) statement started, null before the first. */
    public Instant queryStart() {
        return queryStart;
    }

    public Instant stateChange() {
        return stateChange;
    }

    /** The current transaction's start, or null outside a transaction. */
    public Instant transactionStart() {
        return transactionStart;
    }

    /** The current transaction's id (its lock owner's id), or 0 outside a transaction. */
    public long transactionId() {
        Transaction t = transaction;
        return t == null ? 0 : t.id();
    }

    /**
     * The current transaction's id once it has written something, else 0: pg_stat_activity's
     * backend_xid, which PostgreSQL assigns only at a transaction's first change.
     */
    public long writingTransactionId() {
        Transaction t = transaction;
        return t == null || t.firstLsn() == 0 ? 0 : t.id();
    }
}
