package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.tx.lock.LockManager;
import org.larchdb.engine.tx.lock.LockMode;
import org.larchdb.engine.tx.lock.LockOwner;
import org.larchdb.engine.tx.lock.LockTarget;
import org.larchdb.engine.tx.lock.WaitPolicy;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TextFormat;

/** pg_stat_activity, pg_locks, pg_cancel_backend and pg_terminate_backend through the session API. */
class ActivityViewsTest {
    @TempDir
    Path dir;
    Database db;
    Session admin;
    final List<Session> opened = new ArrayList<>();

    record Owner(long transactionId, int pid) implements LockOwner {
    }

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        admin = session("postgres", Map.of(), null);
    }

    @AfterEach
    void close() {
        for (Session s : opened) {
            s.close();
        }
        db.close();
    }

    Session session(String role, Map<String, String> parameters, InetSocketAddress client) {
        Session s = db.openSession(db.findRole(role).orElseThrow(), "postgres", parameters, client);
        opened.add(s);
        return s;
    }

    /** Runs one statement and syncs, like a simple query; rows as text cells ("NULL" for null). */
    static List<List<String>> run(Session s, String sql) {
        List<List<String>> out = new ArrayList<>();
        try {
            PreparedQuery q = s.prepare(sql, new int[0]);
            Portal p = s.bind(q, new Object[0]);
            s.execute(p, 0, row -> {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.length; i++) {
                    cells.add(row[i] == null ? "NULL"
                            : TextCodec.format(row[i], q.resultColumns().get(i).type(), TextFormat.DEFAULT));
                }
                out.add(cells);
            });
        } finally {
            s.sync();
        }
        return out;
    }

    static List<String> one(Session s, String sql) {
        List<List<String>> rows = run(s, sql);
        assertEquals(1, rows.size(), () -> sql + " -> " + rows);
        return rows.get(0);
    }

    @Test
    void statActivityShowsOtherSessionIdleInTransaction() {
        Session other = session("postgres", Map.of("application_name", "worker"),
                new InetSocketAddress("127.0.0.1", 54321));
        run(other, "BEGIN");
        run(other, "SELECT 42");
        assertEquals(List.of("NULL"), one(admin, "SELECT backend_xid FROM pg_stat_activity WHERE pid = " + other.pid()));
        run(other, "CREATE TABLE act_w (a int)");
        run(other, "SELECT 42");
        List<String> row = one(admin, "SELECT datname, usename, application_name, client_addr, client_port, state,"
                + " query, xact_start IS NOT NULL, backend_xid IS NOT NULL, backend_type, wait_event_type,"
                + " wait_event, client_hostname, leader_pid, backend_start <= now()"
                + " FROM pg_stat_activity WHERE pid = " + other.pid());
        assertEquals(List.of("postgres", "postgres", "worker", "127.0.0.1", "54321", "idle in transaction",
                "SELECT 42", "t", "t", "client backend", "Client", "ClientRead", "NULL", "NULL", "t"), row);

        run(other, "SET application_name = 'renamed'");
        run(other, "COMMIT");
        assertEquals(List.of("renamed", "idle", "COMMIT", "t", "t"), one(admin, "SELECT application_name, state,"
                + " query, xact_start IS NULL, backend_xid IS NULL FROM pg_stat_activity WHERE pid = " + other.pid()));
    }

    @Test
    void statActivityShowsItselfActiveAndAbortedBlocks() {
        String sql = "SELECT state, query, client_addr, client_port, wait_event_type FROM pg_stat_activity"
                + " WHERE pid = pg_backend_pid()";
        assertEquals(List.of("active", sql, "NULL", "-1", "NULL"), one(admin, sql));

        Session other = session("postgres", Map.of(), null);
        run(other, "BEGIN");
        assertThrows(DbException.class, () -> run(other, "SELECT 1/0"));
        assertEquals(List.of("idle in transaction (aborted)", "SELECT 1/0"), one(admin,
                "SELECT state, query FROM pg_stat_activity WHERE pid = " + other.pid()));
        run(other, "ROLLBACK");
        other.close();
        assertEquals(List.of("0"), one(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + other.pid()));
        assertEquals(List.of("1", "1"), one(admin, "SELECT count(*), count(DISTINCT pid) FROM pg_stat_activity"));
    }

    @Test
    void statActivityIsASnapshotUntilTransactionEnd() {
        Session other = session("postgres", Map.of(), null);
        String probe = "SELECT state FROM pg_stat_activity WHERE pid = " + other.pid();
        run(admin, "BEGIN");
        assertEquals(List.of("idle"), one(admin, probe));
        run(other, "BEGIN");
        assertEquals(List.of("idle"), one(admin, probe));
        run(admin, "COMMIT");
        assertEquals(List.of("idle in transaction"), one(admin, probe));
        run(other, "COMMIT");
    }

    @Test
    void nonSuperuserSeesOtherRolesSessionsRedacted() {
        run(admin, "CREATE ROLE act_alice LOGIN");
        Session alice = session("act_alice", Map.of("application_name", "alice_app"), null);
        run(admin, "BEGIN");
        run(admin, "CREATE TABLE act_v (a int)");
        run(admin, "SELECT 7");
        List<String> hidden = one(alice, "SELECT datname, usename, application_name, state, query, xact_start,"
                + " backend_start, client_port, backend_type, backend_xid IS NOT NULL"
                + " FROM pg_stat_activity WHERE pid = " + admin.pid());
        assertEquals(List.of("postgres", "postgres", "", "NULL", "<insufficient privilege>", "NULL", "NULL", "NULL",
                "NULL", "t"), hidden);
        assertEquals(List.of("alice_app", "active"), one(alice,
                "SELECT application_name, state FROM pg_stat_activity WHERE pid = pg_backend_pid()"));
        // The superuser sees everyone's.
        run(admin, "COMMIT");
        assertEquals(List.of("idle", "SELECT application_name, state FROM pg_stat_activity WHERE pid = pg_backend_pid()"),
                one(admin, "SELECT state, query FROM pg_stat_activity WHERE pid = " + alice.pid()));
    }

    @Test
    void locksViewMapsEveryTarget() {
        LockManager locks = db.lockManager();
        Owner owner = new Owner(900_001, 4242);
        locks.acquire(owner, new LockTarget.Relation(5, 16384), LockMode.IX, WaitPolicy.NOWAIT);
        locks.acquire(owner, new LockTarget.Tuple(5, 16384, (3L << 32) | 7), LockMode.FOR_UPDATE, WaitPolicy.NOWAIT);
        locks.acquire(owner, new LockTarget.Transaction(900_001), LockMode.EXCLUSIVE, WaitPolicy.NOWAIT);
        locks.acquire(owner, new LockTarget.Page(5, 16384, 2), LockMode.S, WaitPolicy.NOWAIT);
        locks.acquire(owner, new LockTarget.Relation(5, 16390), LockMode.IS, WaitPolicy.NOWAIT);
        locks.acquire(owner, new LockTarget.IndexKey(5, 16390, new byte[] {1, 2}), LockMode.S, WaitPolicy.NOWAIT);
        locks.acquire(owner, new LockTarget.Database(5), LockMode.IS, WaitPolicy.NOWAIT);
        try {
            List<List<String>> rows = run(admin, "SELECT locktype, database, relation, page, tuple, transactionid,"
                    + " classid, objid, objsubid, virtualtransaction, pid, mode, granted, fastpath, waitstart"
                    + " FROM pg_locks ORDER BY locktype, relation, mode");
            assertEquals(List.of(
                    List.of("key", "5", "16390", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "4242/900001", "4242",
                            "ShareLock", "t", "f", "NULL"),
                    List.of("object", "0", "NULL", "NULL", "NULL", "NULL", "1262", "5", "0", "4242/900001", "4242",
                            "AccessShareLock", "t", "f", "NULL"),
                    List.of("page", "5", "16384", "2", "NULL", "NULL", "NULL", "NULL", "NULL", "4242/900001", "4242",
                            "ShareLock", "t", "f", "NULL"),
                    List.of("relation", "5", "16384", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "4242/900001",
                            "4242", "RowExclusiveLock", "t", "f", "NULL"),
                    List.of("relation", "5", "16390", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "4242/900001",
                            "4242", "AccessShareLock", "t", "f", "NULL"),
                    List.of("transactionid", "NULL", "NULL", "NULL", "NULL", "900001", "NULL", "NULL", "NULL",
                            "4242/900001", "4242", "ExclusiveLock", "t", "f", "NULL"),
                    List.of("tuple", "5", "16384", "3", "7", "NULL", "NULL", "NULL", "NULL", "4242/900001", "4242",
                            "AccessExclusiveLock", "t", "f", "NULL")), rows);
        } finally {
            locks.releaseAll(owner);
        }
        assertEquals(List.of("0"), one(admin, "SELECT count(*) FROM pg_locks"));
    }

    @Test
    void waitingSessionShowsLockWaitInBothViews() throws Exception {
        LockManager locks = db.lockManager();
        Owner holder = new Owner(900_002, 1);
        LockTarget table = new LockTarget.Relation(5, 16500);
        locks.acquire(holder, table, LockMode.ACCESS_EXCLUSIVE, WaitPolicy.NOWAIT);
        Session waiter = session("postgres", Map.of(), null);
        run(waiter, "BEGIN");
        run(waiter, "SELECT 1");
        long xid = waiter.activity().transactionId();
        assertTrue(xid != 0);
        Owner waiting = new Owner(xid, waiter.pid());
        CompletableFuture<Boolean> granted = CompletableFuture.supplyAsync(
                () -> locks.acquire(waiting, table, LockMode.IS, WaitPolicy.WAIT));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (locks.waitingFor(xid) == null) {
                assertTrue(System.nanoTime() < deadline, "waiter never queued");
                Thread.sleep(5);
            }
            assertEquals(table, locks.waitingFor(xid));
            assertEquals(List.of("Lock", "relation"), one(admin,
                    "SELECT wait_event_type, wait_event FROM pg_stat_activity WHERE pid = " + waiter.pid()));
            assertEquals(List.of("AccessShareLock", "f", "t", String.valueOf(waiter.pid())), one(admin,
                    "SELECT mode, granted, waitstart IS NOT NULL, pid FROM pg_locks WHERE NOT granted"));
        } finally {
            locks.releaseAll(holder);
        }
        assertTrue(granted.get(10, TimeUnit.SECONDS));
        assertNull(locks.waitingFor(xid));
        locks.releaseAll(waiting);
        run(waiter, "COMMIT");
    }

    @Test
    void cancelAndTerminateFollowPostgresPermissions() {
        run(admin, "CREATE ROLE act_bob LOGIN");
        run(admin, "CREATE ROLE act_carol LOGIN");
        Session bob = session("act_bob", Map.of(), null);
        Session bob2 = session("act_bob", Map.of(), null);
        Session carol = session("act_carol", Map.of(), null);

        DbException e = assertThrows(DbException.class, () -> run(bob, "SELECT pg_cancel_backend(" + admin.pid() + ")"));
        assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, e.state());
        assertEquals("must be a superuser to cancel superuser query", e.getMessage());
        e = assertThrows(DbException.class, () -> run(bob, "SELECT pg_terminate_backend(" + admin.pid() + ")"));
        assertEquals("must be a superuser to terminate superuser process", e.getMessage());
        e = assertThrows(DbException.class, () -> run(carol, "SELECT pg_cancel_backend(" + bob.pid() + ")"));
        assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, e.state());
        assertEquals("must be a member of the role whose query is being canceled or member of pg_signal_backend",
                e.getMessage());
        e = assertThrows(DbException.class, () -> run(carol, "SELECT pg_terminate_backend(" + bob.pid() + ")"));
        assertEquals("must be a member of the role whose process is being terminated or member of pg_signal_backend",
                e.getMessage());

        assertEquals(List.of("t"), one(bob, "SELECT pg_cancel_backend(" + bob2.pid() + ")"));
        assertEquals(List.of("t"), one(admin, "SELECT pg_cancel_backend(" + carol.pid() + ")"));
        assertEquals(List.of("NULL"), one(admin, "SELECT pg_cancel_backend(NULL)"));
        e = assertThrows(DbException.class, () -> run(admin, "SELECT pg_terminate_backend(" + bob.pid() + ", -1)"));
        assertEquals(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, e.state());
        assertEquals("\"timeout\" must not be negative", e.getMessage());
    }

    @Test
    void signallingItselfEndsTheStatement() {
        DbException e = assertThrows(DbException.class, () -> run(admin, "SELECT pg_cancel_backend(pg_backend_pid())"));
        assertEquals(SqlState.QUERY_CANCELED, e.state());
        assertEquals(List.of("1"), one(admin, "SELECT 1"));
        Session victim = session("postgres", Map.of(), null);
        e = assertThrows(DbException.class, () -> run(victim, "SELECT pg_terminate_backend(pg_backend_pid())"));
        assertEquals(SqlState.ADMIN_SHUTDOWN, e.state());
        assertEquals(DbException.Severity.FATAL, e.severity());
    }

    @Test
    void unknownPidWarnsAndReturnsFalse() {
        List<Notice> notices = new ArrayList<>();
        admin.setListener(new SessionListener() {
            @Override
            public void parameterChanged(String name, String value) {
            }

            @Override
            public void notice(Notice notice) {
                notices.add(notice);
            }
        });
        assertEquals(List.of("f"), one(admin, "SELECT pg_cancel_backend(123)"));
        assertEquals(1, notices.size());
        assertEquals("WARNING", notices.get(0).severity());
        assertEquals(SqlState.WARNING, notices.get(0).state());
        assertEquals("PID 123 is not a PostgreSQL backend process", notices.get(0).message());
    }

    @Test
    void terminateTellsTheFrontEndAndFailsTheNextScanFatally() {
        run(admin, "CREATE TABLE act_t (a int)");
        run(admin, "INSERT INTO act_t VALUES (1)");
        Session victim = session("postgres", Map.of(), null);
        AtomicBoolean told = new AtomicBoolean();
        victim.setListener(new SessionListener() {
            @Override
            public void parameterChanged(String name, String value) {
            }

            @Override
            public void notice(Notice notice) {
            }

            @Override
            public void terminateRequested() {
                told.set(true);
            }
        });
        assertFalse(told.get());
        assertEquals(List.of("t"), one(admin, "SELECT pg_terminate_backend(" + victim.pid() + ")"));
        assertTrue(told.get());
        DbException e = assertThrows(DbException.class, () -> run(victim, "SELECT a FROM act_t"));
        assertEquals(SqlState.ADMIN_SHUTDOWN, e.state());
        assertEquals(DbException.Severity.FATAL, e.severity());
        assertEquals("terminating connection due to administrator command", e.getMessage());
    }

    @Test
    void terminateWithTimeoutWaitsForTheSessionToClose() {
        Session victim = session("postgres", Map.of(), null);
        victim.setListener(new SessionListener() {
            @Override
            public void parameterChanged(String name, String value) {
            }

            @Override
            public void notice(Notice notice) {
            }

            @Override
            public void terminateRequested() {
                victim.close(); // what the front end does: end the connection
            }
        });
        assertEquals(List.of("t"), one(admin, "SELECT pg_terminate_backend(" + victim.pid() + ", 5000)"));
        assertTrue(db.session(victim.pid()).isEmpty());
        assertNotNull(admin.activity().queryStart());
    }
}
