package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Shared pieces of the transaction ITs: SQLSTATE checks, a retry loop for serialization failures
 * (40001 from PostgreSQL's SSI, 40P01 from a deadlock — a strict-2PL server such as LarchDB may
 * answer either), result reading, and work in other threads with a time limit.
 */
final class TxSupport {
    private TxSupport() {
    }

    /** A unit of work on one connection; may throw SQLException. */
    @FunctionalInterface
    interface SqlWork {
        void run(Statement st) throws SQLException;
    }

    static String sqlState(SQLException e) {
        return e.getSQLState();
    }

    /** 40001 serialization_failure or 40P01 deadlock_detected: the transaction may simply be retried. */
    static boolean isSerializationFailure(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /** The server's primary message (without pgjdbc's "ERROR: " prefix and position). */
    static String serverMessage(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        return e.getMessage();
    }

    static String serverDetail(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return m.getDetail() == null ? "" : m.getDetail();
        }
        return "";
    }

    /**
     * Runs BEGIN {@code begin}; work; COMMIT once. Returns true when it committed, false when it
     * failed with a serialization failure (then it has been rolled back); other errors roll back and
     * propagate. COMMIT itself may be where the failure shows (PostgreSQL's SSI).
     */
    static boolean attempt(Statement st, String begin, SqlWork work) throws SQLException {
        st.execute(begin);
        try {
            work.run(st);
            st.execute("COMMIT");
            return true;
        } catch (SQLException e) {
            rollbackQuietly(st);
            if (isSerializationFailure(e)) {
                return false;
            }
            throw e;
        }
    }

    static void rollbackQuietly(Statement st) {
        try {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // Already ended (a failed COMMIT ends the transaction) or the connection is gone.
        }
    }

    /**
     * {@code "(f(from)), (f(from + step)), ..."} up to {@code to}: the rows of a multi-row VALUES
     * (LarchDB has no generate_series as a FROM item yet).
     */
    static String values(int from, int to, int step, IntFunction<String> row) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i += step) {
            sb.append(sb.isEmpty() ? "" : ", ").append('(').append(row.apply(i)).append(')');
        }
        return sb.toString();
    }

    /** All rows of a query as strings, one list per row. */
    static List<List<String>> rows(Statement st, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** The single value of a one-row, one-column query. */
    static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                fail("no row from " + sql);
            }
            long v = rs.getLong(1);
            if (rs.next()) {
                fail("more than one row from " + sql);
            }
            return v;
        }
    }

    /** The first column of every row. */
    static List<String> column(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<String> row : rows(st, sql)) {
            out.add(row.get(0));
        }
        return out;
    }

    /** Runs {@code sql}, which must fail with {@code state}; returns the exception. */
    static SQLException expectError(Statement st, String sql, String state) {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            assertEquals(state, e.getSQLState(), () -> "SQLSTATE of " + sql + ": " + e.getMessage());
            return e;
        }
        return fail("expected SQLSTATE " + state + " from " + sql);
    }

    /** Starts work on its own (daemon) thread. */
    static <T> CompletableFuture<T> async(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "tx-it-worker");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The result within {@code limit}, rethrowing the work's own exception unwrapped. */
    static <T> T await(Future<T> f, Duration limit) throws Exception {
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case Exception ex -> throw ex;
                case Error err -> throw err;
                default -> throw e;
            }
        } catch (TimeoutException e) {
            return fail("no result within " + limit);
        }
    }

    /** True if the work finished (successfully or not) within {@code limit}. */
    static boolean finishesWithin(Future<?> f, Duration limit) throws InterruptedException {
        try {
            f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
