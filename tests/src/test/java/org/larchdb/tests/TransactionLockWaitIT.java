package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.tests.TxSupport.column;
import static org.larchdb.tests.TxSupport.expectError;
import static org.larchdb.tests.TxSupport.scalar;
import static org.larchdb.tests.TxSupport.serverMessage;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waiting for a row lock and how the wait ends: lock_timeout (55P03), statement_timeout (57014),
 * NOWAIT (55P03), SKIP LOCKED, and the locks of a client that vanished mid-transaction being released.
 */
class TransactionLockWaitIT {
    @RegisterExtension
    static final TxServer server = new TxServer();

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_lock");
            st.execute("CREATE TABLE tx_lock (id integer PRIMARY KEY, v text NOT NULL)");
            st.execute("INSERT INTO tx_lock VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        }
    }

    @AfterEach
    void dropTable() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_lock");
        }
    }

    /** Opens a transaction on {@code holder} that holds row 1 by {@code lockingStatement}. */
    private static void holdRowOne(Statement holder, String lockingStatement) throws SQLException {
        holder.execute("BEGIN");
        holder.execute(lockingStatement);
    }

    @Test
    void lockTimeoutCancelsTheWaitingStatement() throws Exception {
        try (Connection h = server.connect(); Statement holder = h.createStatement();
                Connection w = server.connect(); Statement waiter = w.createStatement()) {
            holdRowOne(holder, "UPDATE tx_lock SET v = 'held' WHERE id = 1");
            waiter.execute("SET lock_timeout = '200ms'");
            long t0 = System.nanoTime();
            SQLException e = expectError(waiter, "UPDATE tx_lock SET v = 'waiter' WHERE id = 1", "55P03");
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("canceling statement due to lock timeout", serverMessage(e));
            assertTrue(waitedMs >= 150 && waitedMs < 5000, "waited " + waitedMs + " ms for a 200 ms lock_timeout");
            // The same inside a transaction block: the block is then aborted.
            waiter.execute("BEGIN");
            expectError(waiter, "DELETE FROM tx_lock WHERE id = 1", "55P03");
            expectError(waiter, "SELECT 1", "25P02");
            waiter.execute("ROLLBACK");
            holder.execute("ROLLBACK");
            waiter.execute("SET lock_timeout = '20s'");
            assertEquals(1, waiter.executeUpdate("UPDATE tx_lock SET v = 'waiter' WHERE id = 1"));
            assertEquals(List.of("waiter"), column(waiter, "SELECT v FROM tx_lock WHERE id = 1"));
        }
    }

    @Test
    void statementTimeoutCancelsALockWait() throws Exception {
        try (Connection h = server.connect(); Statement holder = h.createStatement();
                Connection w = server.connect(); Statement waiter = w.createStatement()) {
            holdRowOne(holder, "SELECT v FROM tx_lock WHERE id = 1 FOR UPDATE");
            waiter.execute("SET statement_timeout = '200ms'");
            long t0 = System.nanoTime();
            SQLException e = expectError(waiter, "UPDATE tx_lock SET v = 'waiter' WHERE id = 1", "57014");
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("canceling statement due to statement timeout", serverMessage(e));
            assertTrue(waitedMs >= 150 && waitedMs < 5000, "waited " + waitedMs + " ms for a 200 ms statement_timeout");
            holder.execute("ROLLBACK");
            assertEquals(1, waiter.executeUpdate("UPDATE tx_lock SET v = 'waiter' WHERE id = 1"));
        }
    }

    @Test
    void statementTimeoutCancelsPgSleep() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            try {
                st.execute("SELECT pg_sleep(0)");
            } catch (SQLException e) {
                // A server without pg_sleep (LarchDB so far): the lock-wait test above covers the timeout.
                Assumptions.assumeFalse("42883".equals(e.getSQLState()), "no pg_sleep");
                throw e;
            }
            st.execute("SET statement_timeout = '200ms'");
            long t0 = System.nanoTime();
            SQLException e = expectError(st, "SELECT pg_sleep(5)", "57014");
            assertEquals("canceling statement due to statement timeout", serverMessage(e));
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 4000, "pg_sleep was not cut short");
        }
    }

    @Test
    void nowaitFailsAtOnceOnALockedRow() throws Exception {
        try (Connection h = server.connect(); Statement holder = h.createStatement();
                Connection w = server.connect(); Statement waiter = w.createStatement()) {
            holdRowOne(holder, "UPDATE tx_lock SET v = 'held' WHERE id = 1");
            long t0 = System.nanoTime();
            SQLException e = expectError(waiter, "SELECT * FROM tx_lock WHERE id = 1 FOR UPDATE NOWAIT", "55P03");
            assertEquals("could not obtain lock on row in relation \"tx_lock\"", serverMessage(e));
            e = expectError(waiter, "SELECT * FROM tx_lock WHERE id = 1 FOR SHARE NOWAIT", "55P03");
            assertEquals("could not obtain lock on row in relation \"tx_lock\"", serverMessage(e));
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000, "NOWAIT waited");
            // Unlocked rows are not in the way.
            assertEquals(List.of("2"), column(waiter, "SELECT id FROM tx_lock WHERE id = 2 FOR UPDATE NOWAIT"));
            holder.execute("COMMIT");
            assertEquals(List.of("held"), column(waiter, "SELECT v FROM tx_lock WHERE id = 1 FOR UPDATE NOWAIT"));
        }
    }

    @Test
    void skipLockedReturnsTheOtherRows() throws Exception {
        try (Connection h = server.connect(); Statement holder = h.createStatement();
                Connection w = server.connect(); Statement waiter = w.createStatement()) {
            holdRowOne(holder, "SELECT v FROM tx_lock WHERE id = 1 FOR UPDATE");
            waiter.execute("BEGIN");
            assertEquals(List.of("2", "3"), column(waiter, "SELECT id FROM tx_lock ORDER BY id FOR UPDATE SKIP LOCKED"));
            // A queue consumer: the next free row, skipping those taken by this and the other transaction.
            assertEquals(List.of(), column(waiter, "SELECT id FROM tx_lock WHERE id = 1 FOR UPDATE SKIP LOCKED"));
            waiter.execute("COMMIT");
            waiter.execute("BEGIN");
            assertEquals(List.of("2"), column(waiter, "SELECT id FROM tx_lock ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"));
            try (Connection third = server.connect(); Statement st3 = third.createStatement()) {
                assertEquals(List.of("3"), column(st3, "SELECT id FROM tx_lock ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"));
            }
            waiter.execute("COMMIT");
            holder.execute("COMMIT");
            assertEquals(List.of("1", "2", "3"), column(waiter, "SELECT id FROM tx_lock ORDER BY id FOR UPDATE SKIP LOCKED"));
        }
    }

    @Test
    void locksOfAJdbcClientWhoseSocketDiedAreReleased() throws Exception {
        Properties props = new Properties();
        props.setProperty("socketFactory", KillableSocketFactory.class.getName());
        props.setProperty("socketFactoryArg", "lock-holder");
        Connection h = server.connect(props);
        try {
            holdRowOne(h.createStatement(), "UPDATE tx_lock SET v = 'dead client' WHERE id = 1");
        } finally {
            // The socket closes without a Terminate message, as when a client process crashes.
            KillableSocketFactory.kill("lock-holder");
        }
        expectRowOneFreedAndUnchanged();
    }

    @Test
    void locksOfAVanishedRawSocketClientAreReleased() throws Exception {
        URI uri = URI.create(server.url().substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        PgWireClient raw = PgWireClient.connect(uri.getHost(), uri.getPort());
        try {
            raw.startup(server.user(), database);
            PgWireClient.Message refused = raw.authenticate(server.password());
            assertEquals(null, refused, "login");
            raw.query("BEGIN; UPDATE tx_lock SET v = 'dead client' WHERE id = 1; SELECT v FROM tx_lock FOR UPDATE");
            List<PgWireClient.Message> replies = raw.readUntilReady();
            assertTrue(replies.stream().noneMatch(m -> m.type() == 'E'), "the locking statements failed");
            assertEquals('T', (char) replies.get(replies.size() - 1).body()[0], "still in a transaction block");
        } finally {
            raw.close();
        }
        expectRowOneFreedAndUnchanged();
    }

    /** Another session can take row 1 within a few seconds, and the dead client's change is gone. */
    private static void expectRowOneFreedAndUnchanged() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '10s'");
            long t0 = System.nanoTime();
            assertEquals(1, st.executeUpdate("UPDATE tx_lock SET v = v || '!' WHERE id = 1"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(List.of("one!"), column(st, "SELECT v FROM tx_lock WHERE id = 1"));
            assertEquals(3, scalar(st, "SELECT count(*) FROM tx_lock"));
            System.out.println("row lock of the vanished client released after " + ms + " ms");
        }
    }
}
