package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server with SIGKILL while several connections write, over several rounds, and checks
 * after each restart that every acknowledged commit is there, nothing rolled back or unacknowledged
 * is half there, per-client counters equal their committed increments, and every index checks clean.
 * A client issues CHECKPOINT in a loop (and max_wal_size is small), so kills also land during checkpoints.
 */
class CrashRecoveryIT {
    private static final int ROUNDS = 4;
    private static final int COUNTER_CLIENTS = 2;

    @TempDir
    Path dir;

    /** What clients were told had committed, accumulated over rounds. */
    private final Set<Long> ackedEvents = ConcurrentHashMap.newKeySet();
    private final Set<Long> ackedBatches = ConcurrentHashMap.newKeySet();
    private final Set<Long> attemptedBatches = ConcurrentHashMap.newKeySet();
    private final Set<Long> rolledBackEvents = ConcurrentHashMap.newKeySet();
    private final Set<String> ackedKeys = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicLong> ackedIncrements = new HashMap<>();
    private final Map<Integer, AtomicLong> attemptedIncrements = new HashMap<>();

    @Test
    void committedWorkSurvivesKillNine() throws Exception {
        Path config = dir.resolve("crash.conf");
        Files.writeString(config, """
                # Frequent checkpoints so that kills also hit a checkpoint in progress.
                checkpoint_timeout = 30s
                max_wal_size = 32MB
                shared_buffers = 4MB
                """);
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        for (int c = 0; c < COUNTER_CLIENTS; c++) {
            ackedIncrements.put(c, new AtomicLong());
            attemptedIncrements.put(c, new AtomicLong());
        }
        try (ServerProcess first = new ServerProcess(data, config, log).start(Duration.ofSeconds(60))) {
            try (Connection c = first.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE events (id bigint PRIMARY KEY, client integer NOT NULL, note text)");
                st.execute("CREATE TABLE batch_rows (batch_id bigint, n integer, payload text, PRIMARY KEY (batch_id, n))");
                st.execute("CREATE TABLE counters (id integer PRIMARY KEY, n bigint NOT NULL)");
                st.execute("CREATE TABLE wide (k text PRIMARY KEY, v text)");
                st.execute("CREATE INDEX events_client ON events (client, id)");
                for (int i = 0; i < COUNTER_CLIENTS; i++) {
                    st.execute("INSERT INTO counters VALUES (" + i + ", 0)");
                }
            }
            first.kill();
        }
        Random random = new Random(20261121);
        for (int round = 0; round < ROUNDS; round++) {
            try (ServerProcess server = new ServerProcess(data, config, log).start(Duration.ofSeconds(120))) {
                verify(server, round);
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = startClients(server, round, stop);
                Thread.sleep(800 + random.nextInt(2200));
                server.kill();
                stop.set(true);
                for (Thread t : clients) {
                    t.join(30_000);
                }
            }
        }
        try (ServerProcess last = new ServerProcess(data, config, log).start(Duration.ofSeconds(120))) {
            verify(last, ROUNDS);
            assertTrue(last.log().contains("recovery") || last.log().contains("redo"),
                    "the server should log its crash recovery:\n" + last.log());
        }
    }

    private List<Thread> startClients(ServerProcess server, int round, AtomicBoolean stop) {
        List<Thread> threads = new ArrayList<>();
        long base = (round + 1) * 1_000_000_000L;
        threads.add(client(stop, () -> {
            try (Connection c = server.connect();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO events VALUES (?, 1, 'single')")) {
                for (long i = 0; !stop.get(); i++) {
                    ps.setLong(1, base + i);
                    ps.executeUpdate();
                    ackedEvents.add(base + i);
                }
            }
        }));
        threads.add(client(stop, () -> {
            try (Connection c = server.connect()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_rows VALUES (?, ?, ?)")) {
                    for (long b = base; !stop.get(); b++) {
                        attemptedBatches.add(b);
                        for (int n = 0; n < 5; n++) {
                            ps.setLong(1, b);
                            ps.setInt(2, n);
                            ps.setString(3, "x".repeat(200));
                            ps.executeUpdate();
                        }
                        c.commit();
                        ackedBatches.add(b);
                    }
                }
            }
        }));
        for (int k = 0; k < COUNTER_CLIENTS; k++) {
            int counter = k;
            threads.add(client(stop, () -> {
                try (Connection c = server.connect();
                     PreparedStatement ps = c.prepareStatement("UPDATE counters SET n = n + 1 WHERE id = ?")) {
                    ps.setInt(1, counter);
                    while (!stop.get()) {
                        attemptedIncrements.get(counter).incrementAndGet();
                        assertEquals(1, ps.executeUpdate());
                        ackedIncrements.get(counter).incrementAndGet();
                    }
                }
            }));
        }
        threads.add(client(stop, () -> {
            Random r = new Random(round);
            try (Connection c = server.connect();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO wide VALUES (?, ?)")) {
                while (!stop.get()) {
                    String key = Long.toHexString(r.nextLong()) + "-" + "k".repeat(40) + "-" + Long.toHexString(r.nextLong());
                    ps.setString(1, key);
                    ps.setString(2, "v".repeat(r.nextInt(300)));
                    ps.executeUpdate();
                    ackedKeys.add(key);
                }
            }
        }));
        threads.add(client(stop, () -> {
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    st.execute("CHECKPOINT");
                }
            }
        }));
        threads.add(client(stop, () -> {
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                for (long i = base + 500_000_000L; !stop.get(); i++) {
                    st.execute("BEGIN");
                    st.executeUpdate("INSERT INTO events VALUES (" + i + ", 99, 'rolled back')");
                    st.execute("ROLLBACK");
                    rolledBackEvents.add(i);
                }
            }
        }));
        return threads;
    }

    /** A client loop; connection errors after the kill are the expected end. */
    private static Thread client(AtomicBoolean stop, SqlWork work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (SQLException e) {
                if (!stop.get() && !"08006".equals(e.getSQLState()) && !"57P01".equals(e.getSQLState())
                        && e.getSQLState() != null && !e.getSQLState().startsWith("08")) {
                    // Unexpected SQL errors are recorded by the verification that follows; keep the trace visible.
                    e.printStackTrace();
                }
            }
        });
        t.start();
        return t;
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    private void verify(ServerProcess server, int round) throws SQLException, java.io.IOException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            Set<Long> events = new HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT id, client FROM events")) {
                while (rs.next()) {
                    events.add(rs.getLong(1));
                    assertFalse(rs.getInt(2) == 99, "a rolled-back insert survived: " + rs.getLong(1));
                }
            }
            for (long id : ackedEvents) {
                assertTrue(events.contains(id), "round " + round + ": acknowledged event " + id + " is missing\n"
                        + server.log());
            }
            Map<Long, Integer> batches = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT batch_id FROM batch_rows")) {
                while (rs.next()) {
                    batches.merge(rs.getLong(1), 1, Integer::sum);
                }
            }
            for (Map.Entry<Long, Integer> b : batches.entrySet()) {
                assertEquals(5, b.getValue(), "round " + round + ": batch " + b.getKey() + " is half there");
                assertTrue(attemptedBatches.contains(b.getKey()));
            }
            for (long b : ackedBatches) {
                assertTrue(batches.containsKey(b), "round " + round + ": acknowledged batch " + b + " is missing");
            }
            for (int k = 0; k < COUNTER_CLIENTS; k++) {
                try (ResultSet rs = st.executeQuery("SELECT n FROM counters WHERE id = " + k)) {
                    assertTrue(rs.next());
                    long n = rs.getLong(1);
                    long acked = ackedIncrements.get(k).get();
                    long attempted = attemptedIncrements.get(k).get();
                    assertTrue(n >= acked && n <= attempted, "round " + round + ": counter " + k + " = " + n
                            + ", acknowledged " + acked + ", attempted " + attempted);
                    // Continue from what is durable: an unacknowledged increment that survived now counts.
                    ackedIncrements.get(k).set(n);
                    attemptedIncrements.get(k).set(n);
                }
            }
            Set<String> keys = new HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT k FROM wide")) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            for (String k : ackedKeys) {
                assertTrue(keys.contains(k), "round " + round + ": acknowledged key " + k + " is missing");
            }
            for (String index : List.of("events_pkey", "events_client", "batch_rows_pkey", "counters_pkey",
                    "wide_pkey")) {
                try (ResultSet rs = st.executeQuery("SELECT larch_check_index('" + index + "')")) {
                    assertTrue(rs.next() && rs.getBoolean(1), index);
                }
            }
        }
    }
}
