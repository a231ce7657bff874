package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.tests.TxSupport.attempt;
import static org.larchdb.tests.TxSupport.await;
import static org.larchdb.tests.TxSupport.scalar;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many clients, one invariant: money moved between accounts in transactions is never created or
 * lost, and read-then-write increments are never lost. Every write is an absolute value computed
 * from what the transaction read, so only isolation (row locks, SSI or 2PL) keeps the invariant.
 * Serialization failures (40001, 40P01) are retried and counted; anything else fails the test.
 */
class TransactionBankIT {
    @RegisterExtension
    static final TxServer server = new TxServer();

    private static final int ACCOUNTS = 20;
    private static final long START_BALANCE = 1000;
    private static final int CLIENTS = 8;
    private static final Duration RUN = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(40);

    /** How one transfer client reads before it writes. */
    private enum Mode {
        READ_COMMITTED_FOR_UPDATE("BEGIN ISOLATION LEVEL READ COMMITTED", " FOR UPDATE"),
        REPEATABLE_READ("BEGIN ISOLATION LEVEL REPEATABLE READ", ""),
        SERIALIZABLE("BEGIN ISOLATION LEVEL SERIALIZABLE", "");

        final String begin;
        final String lockClause;

        Mode(String begin, String lockClause) {
            this.begin = begin;
            this.lockClause = lockClause;
        }
    }

    @Test
    void concurrentTransfersKeepTheTotal() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_bank");
            st.execute("CREATE TABLE tx_bank (id integer PRIMARY KEY, balance bigint NOT NULL)");
            st.execute("INSERT INTO tx_bank VALUES " + TxSupport.values(1, ACCOUNTS, 1, id -> id + ", " + START_BALANCE));
        }
        long expectedTotal = ACCOUNTS * START_BALANCE;
        long stopAt = System.nanoTime() + RUN.toNanos();
        AtomicLong transfers = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicLong checks = new AtomicLong();
        AtomicLong checkRetries = new AtomicLong();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Mode mode = Mode.values()[i % Mode.values().length];
            long seed = 4242L + i;
            workers.add(TxSupport.async(() -> {
                transferLoop(mode, new Random(seed), stopAt, transfers, retries);
                return null;
            }));
        }
        for (String begin : List.of("BEGIN ISOLATION LEVEL REPEATABLE READ", "BEGIN ISOLATION LEVEL SERIALIZABLE")) {
            workers.add(TxSupport.async(() -> {
                checkLoop(begin, expectedTotal, stopAt, checks, checkRetries, violations);
                return null;
            }));
        }
        for (CompletableFuture<Void> w : workers) {
            await(w, LIMIT);
        }

        assertTrue(violations.isEmpty(), () -> "a reader saw money appear or vanish: " + violations);
        assertTrue(transfers.get() > 0, "no transfer committed (retries: " + retries.get() + ")");
        assertTrue(checks.get() > 0, "no total check committed (retries: " + checkRetries.get() + ")");
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            assertEquals(expectedTotal, scalar(st, "SELECT sum(balance) FROM tx_bank"));
            assertEquals(ACCOUNTS, scalar(st, "SELECT count(*) FROM tx_bank"));
            assertEquals(0, scalar(st, "SELECT count(*) FROM tx_bank WHERE balance < 0"));
            st.execute("DROP TABLE tx_bank");
        }
        System.out.printf("bank: %d transfers, %d retried; %d checks, %d retried%n",
                transfers.get(), retries.get(), checks.get(), checkRetries.get());
    }

    private static void transferLoop(Mode mode, Random random, long stopAt, AtomicLong transfers,
            AtomicLong retries) throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            while (System.nanoTime() < stopAt) {
                int from = 1 + random.nextInt(ACCOUNTS);
                int to = 1 + (from + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long amount = 1 + random.nextInt(100);
                boolean committed = attempt(st, mode.begin, s -> {
                    long fromBalance = scalar(s, "SELECT balance FROM tx_bank WHERE id = " + from + mode.lockClause);
                    long toBalance = scalar(s, "SELECT balance FROM tx_bank WHERE id = " + to + mode.lockClause);
                    if (fromBalance >= amount) {
                        s.executeUpdate("UPDATE tx_bank SET balance = " + (fromBalance - amount) + " WHERE id = " + from);
                        s.executeUpdate("UPDATE tx_bank SET balance = " + (toBalance + amount) + " WHERE id = " + to);
                    }
                });
                (committed ? transfers : retries).incrementAndGet();
            }
        }
    }

    private static void checkLoop(String begin, long expectedTotal, long stopAt, AtomicLong checks,
            AtomicLong retries, ConcurrentLinkedQueue<String> violations) throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            while (System.nanoTime() < stopAt) {
                boolean committed = attempt(st, begin, s -> {
                    long sum = scalar(s, "SELECT sum(balance) FROM tx_bank");
                    long rowByRow = 0;
                    try (ResultSet rs = s.executeQuery("SELECT balance FROM tx_bank")) {
                        while (rs.next()) {
                            rowByRow += rs.getLong(1);
                        }
                    }
                    if (sum != expectedTotal || rowByRow != expectedTotal) {
                        violations.add(begin + ": sum(balance) = " + sum + ", row by row " + rowByRow);
                    }
                });
                (committed ? checks : retries).incrementAndGet();
            }
        }
    }

    @Test
    void serializableReadThenIncrementLosesNoUpdate() throws Exception {
        incrementRace("BEGIN ISOLATION LEVEL SERIALIZABLE", "");
    }

    @Test
    void selectForUpdateReadThenIncrementLosesNoUpdate() throws Exception {
        incrementRace("BEGIN ISOLATION LEVEL READ COMMITTED", " FOR UPDATE");
    }

    /**
     * 6 clients for 3 s: read the counter, write back read + 1, commit (retrying serialization
     * failures). The counter must equal the number of commits.
     */
    private static void incrementRace(String begin, String lockClause) throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_counter");
            st.execute("CREATE TABLE tx_counter (id integer PRIMARY KEY, n bigint NOT NULL)");
            st.execute("INSERT INTO tx_counter VALUES (1, 0), (2, 0)");
        }
        long stopAt = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        AtomicLong commits = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            workers.add(TxSupport.async(() -> {
                try (Connection c = server.connect(); Statement st = c.createStatement()) {
                    while (System.nanoTime() < stopAt) {
                        boolean committed = attempt(st, begin, s -> {
                            long n = scalar(s, "SELECT n FROM tx_counter WHERE id = 1" + lockClause);
                            assertEquals(1, s.executeUpdate("UPDATE tx_counter SET n = " + (n + 1) + " WHERE id = 1"));
                        });
                        (committed ? commits : retries).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (CompletableFuture<Void> w : workers) {
            await(w, LIMIT);
        }
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            assertTrue(commits.get() > 0, "no increment committed");
            assertEquals(commits.get(), scalar(st, "SELECT n FROM tx_counter WHERE id = 1"),
                    "counter after " + commits.get() + " committed increments (" + retries.get() + " retried)");
            assertEquals(0, scalar(st, "SELECT n FROM tx_counter WHERE id = 2"));
            st.execute("DROP TABLE tx_counter");
        }
    }
}
