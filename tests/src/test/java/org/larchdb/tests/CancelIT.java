package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Statement.cancel() sends a CancelRequest on a second connection. Without joins a query may
 * finish before the cancel lands, so either outcome is accepted; what must hold is that the
 * cancel path works and never breaks the session.
 */
class CancelIT {
    private static final int ROWS = 300_000;

    @RegisterExtension
    static final TestServer server = new TestServer();

    @BeforeAll
    static void load() throws SQLException {
        try (Connection c = server.connect()) {
            BulkLoad.createNumbered(c, "cancel_rows", ROWS);
        }
    }

    @Test
    void cancelDuringLongScanEndsWith57014OrCompletes() throws Exception {
        ExecutorService canceller = Executors.newSingleThreadExecutor();
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                CountDownLatch started = new CountDownLatch(1);
                long delayMillis = 20L * (attempt + 1);
                Future<?> cancel = canceller.submit(() -> {
                    started.await();
                    Thread.sleep(delayMillis);
                    st.cancel();
                    return null;
                });
                started.countDown();
                try (ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM cancel_rows WHERE id * 3 + 1 > id AND payload <> 'x' AND NOT (id = -1)")) {
                    rs.next();
                    assertEquals(ROWS, rs.getInt(1));
                } catch (SQLException e) {
                    assertEquals("57014", e.getSQLState(), () -> "cancel gave " + e);
                    assertEquals("canceling statement due to user request",
                            ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getMessage());
                }
                cancel.get(30, TimeUnit.SECONDS);
                // A cancel that arrives after the statement finished must not hit the next one.
                Thread.sleep(100);
                assertEquals(List.of("1"), BasicSqlIT.column(st, "SELECT 1"));
            }
        } finally {
            canceller.shutdownNow();
        }
    }

    @Test
    void cancelWhileIdleIsHarmless() throws SQLException, InterruptedException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.cancel();
            Thread.sleep(100);
            assertEquals(List.of("300000"), BasicSqlIT.column(st, "SELECT count(*) FROM cancel_rows"));
        }
    }

    @Test
    void cancelInsideTransactionAbortsOnlyThatTransaction() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            Thread canceller = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(10);
                    st.cancel();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            boolean cancelled = false;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM cancel_rows WHERE payload <> 'x'")) {
                rs.next();
            } catch (SQLException e) {
                assertEquals("57014", e.getSQLState());
                cancelled = true;
            }
            canceller.join();
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(List.of("2"), BasicSqlIT.column(st, "SELECT 1 + 1"));
            System.out.println("CancelIT: statement in transaction " + (cancelled ? "was cancelled" : "finished first"));
        }
    }
}
