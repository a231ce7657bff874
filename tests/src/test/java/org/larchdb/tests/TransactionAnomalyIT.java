package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.tests.TxSupport.await;
import static org.larchdb.tests.TxSupport.isSerializationFailure;
import static org.larchdb.tests.TxSupport.rollbackQuietly;
import static org.larchdb.tests.TxSupport.rows;
import static org.larchdb.tests.TxSupport.scalar;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classic anomalies, each staged with two sessions in a fixed interleaving: deadlock, write
 * skew, phantom, dirty read. Both a multiversion server (PostgreSQL: readers see the old version,
 * SSI fails one side with 40001) and a strict-2PL one (LarchDB: readers wait, conflicts end in a
 * wait or a 40P01/40001) pass; a server that lets the anomaly through fails.
 */
class TransactionAnomalyIT {
    @RegisterExtension
    static final TxServer server = new TxServer();

    private static final Duration LIMIT = Duration.ofSeconds(15);

    /** How a transaction run in a thread ended: committed, or the error it failed with. */
    private record Outcome(SQLException error) {
        static final Outcome COMMITTED = new Outcome(null);

        boolean committed() {
            return error == null;
        }

        boolean serializationFailure() {
            return error != null && isSerializationFailure(error);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE tx_dl SET v = v + 1 WHERE id = %d", "SELECT v FROM tx_dl WHERE id = %d FOR UPDATE"})
    void oppositeOrderRowLocksDeadlockExactlyOneVictim(String lockRow) throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_dl");
            st.execute("CREATE TABLE tx_dl (id integer PRIMARY KEY, v integer NOT NULL)");
            st.execute("INSERT INTO tx_dl VALUES (1, 0), (2, 0)");
        }
        CyclicBarrier bothHoldOneRow = new CyclicBarrier(2);
        CompletableFuture<Outcome> a = TxSupport.async(() -> lockInOrder(lockRow, 1, 2, bothHoldOneRow));
        CompletableFuture<Outcome> b = TxSupport.async(() -> lockInOrder(lockRow, 2, 1, bothHoldOneRow));
        Outcome first = await(a, LIMIT);
        Outcome second = await(b, LIMIT);
        assertTrue(first.committed() != second.committed(), () -> "exactly one must commit: " + first + ", " + second);
        SQLException victim = first.committed() ? second.error() : first.error();
        assertEquals("40P01", victim.getSQLState(), victim::getMessage);
        assertEquals("deadlock detected", TxSupport.serverMessage(victim));
        assertTrue(TxSupport.serverDetail(victim).contains("blocked by process"), TxSupport.serverDetail(victim));
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            long expected = lockRow.startsWith("UPDATE") ? 2 : 0;
            assertEquals(expected, scalar(st, "SELECT sum(v) FROM tx_dl"), "only the survivor's updates remain");
            st.execute("DROP TABLE tx_dl");
        }
    }

    private static Outcome lockInOrder(String lockRow, int first, int second, CyclicBarrier barrier) throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("BEGIN");
            try {
                st.execute(lockRow.formatted(first));
                barrier.await(10, TimeUnit.SECONDS);
                st.execute(lockRow.formatted(second));
                st.execute("COMMIT");
                return Outcome.COMMITTED;
            } catch (SQLException e) {
                rollbackQuietly(st);
                return new Outcome(e);
            }
        }
    }

    @Test
    void writeSkewOfTwoOnCallDoctorsLetsAtMostOneGo() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_doctors");
            st.execute("CREATE TABLE tx_doctors (id integer PRIMARY KEY, name text NOT NULL, on_call boolean NOT NULL)");
            st.execute("INSERT INTO tx_doctors VALUES (1, 'alice', true), (2, 'bob', true)");
        }
        CyclicBarrier bothHaveCounted = new CyclicBarrier(2);
        CompletableFuture<Outcome> alice = TxSupport.async(() -> goOffCall(1, bothHaveCounted));
        CompletableFuture<Outcome> bob = TxSupport.async(() -> goOffCall(2, bothHaveCounted));
        Outcome a = await(alice, LIMIT);
        Outcome b = await(bob, LIMIT);
        for (Outcome o : List.of(a, b)) {
            assertTrue(o.committed() || o.serializationFailure(), () -> "unexpected error: " + o.error());
        }
        assertFalse(a.committed() && b.committed(), "both doctors went off call: write skew under SERIALIZABLE");
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            long onCall = scalar(st, "SELECT count(*) FROM tx_doctors WHERE on_call");
            assertEquals((a.committed() || b.committed()) ? 1 : 2, onCall);
            st.execute("DROP TABLE tx_doctors");
        }
    }

    private static Outcome goOffCall(int doctor, CyclicBarrier barrier) throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL SERIALIZABLE");
            try {
                long onCall = scalar(st, "SELECT count(*) FROM tx_doctors WHERE on_call");
                barrier.await(10, TimeUnit.SECONDS);
                if (onCall >= 2) {
                    st.executeUpdate("UPDATE tx_doctors SET on_call = false WHERE id = " + doctor);
                }
                st.execute("COMMIT");
                return Outcome.COMMITTED;
            } catch (SQLException e) {
                rollbackQuietly(st);
                return new Outcome(e);
            }
        }
    }

    /** With and without an index on k: a range scan by index and a sequential scan. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void phantomInsertIntoASerializableRangeRead(boolean indexed) throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_phantom");
            st.execute("CREATE TABLE tx_phantom (k integer " + (indexed ? "PRIMARY KEY" : "NOT NULL") + ", v text)");
            st.execute("INSERT INTO tx_phantom VALUES " + TxSupport.values(1, 30, 3, k -> k + ", 'v" + k + "'"));
        }
        String range = "SELECT count(*) FROM tx_phantom WHERE k BETWEEN 10 AND 20";
        CompletableFuture<Outcome> inserter;
        long firstCount;
        Long secondCount = null;
        Outcome reader;
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL SERIALIZABLE");
            firstCount = scalar(st, range);
            inserter = TxSupport.async(() -> {
                try (Connection c2 = server.connect(); Statement st2 = c2.createStatement()) {
                    st2.executeUpdate("INSERT INTO tx_phantom VALUES (14, 'phantom')");
                    return Outcome.COMMITTED;
                } catch (SQLException e) {
                    return new Outcome(e);
                }
            });
            // Give the insert time to commit (PostgreSQL) or to start waiting (2PL) before the re-read.
            TxSupport.finishesWithin(inserter, Duration.ofSeconds(1));
            try {
                secondCount = scalar(st, range);
                st.execute("COMMIT");
                reader = Outcome.COMMITTED;
            } catch (SQLException e) {
                rollbackQuietly(st);
                reader = new Outcome(e);
            }
        }
        Outcome insert = await(inserter, LIMIT);
        Outcome r = reader;
        assertTrue(r.committed() || r.serializationFailure(), () -> "reader: " + r.error());
        assertTrue(insert.committed() || insert.serializationFailure(), () -> "inserter: " + insert.error());
        assertEquals(4, firstCount);
        if (secondCount != null) {
            assertEquals(firstCount, secondCount, "a phantom row appeared inside a SERIALIZABLE transaction");
        }
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            assertEquals(firstCount + (insert.committed() ? 1 : 0), scalar(st, range));
            st.execute("DROP TABLE tx_phantom");
        }
    }

    @Test
    void uncommittedChangesAreNeverSeenAndVanishOnRollback() throws Exception {
        Map<String, List<List<String>>> expected = new LinkedHashMap<>();
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_dirty");
            st.execute("CREATE TABLE tx_dirty (id integer PRIMARY KEY, v text NOT NULL)");
            st.execute("INSERT INTO tx_dirty VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            for (String q : List.of("SELECT v FROM tx_dirty WHERE id = 1", "SELECT count(*) FROM tx_dirty WHERE id = 100",
                    "SELECT v FROM tx_dirty WHERE id = 2", "SELECT id, v FROM tx_dirty ORDER BY id",
                    "SELECT count(*) FROM tx_dirty WHERE v = 'dirty'", "SELECT sum(id) FROM tx_dirty")) {
                expected.put(q, rows(st, q));
            }
        }
        try (Connection writer = server.connect(); Statement w = writer.createStatement()) {
            w.execute("BEGIN");
            assertEquals(1, w.executeUpdate("UPDATE tx_dirty SET v = 'dirty' WHERE id = 1"));
            assertEquals(1, w.executeUpdate("INSERT INTO tx_dirty VALUES (100, 'dirty')"));
            assertEquals(1, w.executeUpdate("DELETE FROM tx_dirty WHERE id = 2"));

            Map<String, CompletableFuture<List<List<String>>>> reads = new LinkedHashMap<>();
            for (String q : expected.keySet()) {
                reads.put(q, TxSupport.async(() -> readIn("", q)));
                // READ UNCOMMITTED is READ COMMITTED in PostgreSQL: still no dirty read.
                reads.put("READ UNCOMMITTED: " + q, TxSupport.async(() -> readIn("READ UNCOMMITTED", q)));
            }
            // Readers either answer now with the committed state or wait for the writer to end.
            // One shared grace period, so that blocked readers cost 1.5 s in all, not each.
            long graceEnds = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            List<String> answeredEarly = new ArrayList<>();
            for (var e : reads.entrySet()) {
                Duration left = Duration.ofNanos(Math.max(0, graceEnds - System.nanoTime()));
                if (TxSupport.finishesWithin(e.getValue(), left)) {
                    answeredEarly.add(e.getKey());
                    assertEquals(expected.get(stripLevel(e.getKey())), await(e.getValue(), LIMIT),
                            "uncommitted state seen by " + e.getKey());
                }
            }
            w.execute("ROLLBACK");
            for (var e : reads.entrySet()) {
                assertEquals(expected.get(stripLevel(e.getKey())), await(e.getValue(), LIMIT),
                        "state seen by " + e.getKey() + " after the writer rolled back");
            }
            System.out.println("dirty reads: answered while the writer was open: " + answeredEarly);
        }
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            for (var e : expected.entrySet()) {
                assertEquals(e.getValue(), rows(st, e.getKey()), "after rollback: " + e.getKey());
            }
            st.execute("DROP TABLE tx_dirty");
        }
    }

    private static String stripLevel(String key) {
        return key.startsWith("READ UNCOMMITTED: ") ? key.substring("READ UNCOMMITTED: ".length()) : key;
    }

    private static List<List<String>> readIn(String level, String query) throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            if (level.isEmpty()) {
                return rows(st, query);
            }
            st.execute("BEGIN ISOLATION LEVEL " + level);
            List<List<String>> result = rows(st, query);
            st.execute("COMMIT");
            assertNotNull(result);
            return result;
        }
    }
}
