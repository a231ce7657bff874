import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client side of scripts/bench/durability: the storage workloads against one server over JDBC,
 * timed. Run with the JDK source launcher:
 *
 * <pre>java -cp postgresql.jar scripts/bench/DurabilityBench.java --url jdbc:postgresql://HOST:PORT/DB \
 *     --user postgres --password secret --workloads load,lookup,commits [--rows 1000000] [--lookups 100000]
 *     [--clients 1,8,32] [--seconds 10] [--recovery-rows 262144] [--seed 42]</pre>
 *
 * Workloads (comma-separated in {@code --workloads}, run in that order on one JVM):
 * <ul>
 *   <li>load: {@code --rows} rows into a fresh {@code bench_load(id bigint PRIMARY KEY, v text)} through
 *       one PreparedStatement, JDBC batches of 1000, autocommit off, a commit per batch;</li>
 *   <li>lookup: {@code --lookups} {@code SELECT v FROM bench_load WHERE id = ?} with random ids, each
 *       answer checked (loads bench_load first, untimed, when it does not hold {@code --rows} rows);</li>
 *   <li>commits: for each count in {@code --clients}, that many connections doing single-row autocommit
 *       INSERTs into a fresh {@code bench_commit(id bigint PRIMARY KEY, client int, v text)} for
 *       {@code --seconds}; ids are partitioned per client; the row count is checked afterwards;</li>
 *   <li>recovery-write: CHECKPOINT (ignored where unsupported), then {@code --recovery-rows} rows of about
 *       1 KB into a fresh {@code bench_recovery(id bigint PRIMARY KEY, v text)}, batches of 100, a commit per
 *       batch; reports the WAL written since the last checkpoint where the server can say (PostgreSQL);</li>
 *   <li>recovery-check: the row count of bench_recovery (after the crash and restart) and whether the
 *       surviving rows hold the values written.</li>
 * </ul>
 * A short unmeasured warm-up lets the client's JIT settle so both servers face an equally warm driver.
 * Results go to stdout as {@code RESULT name value} lines for the driver script (seconds, counts, bytes);
 * progress to stderr. Exit status 1 on any SQL error or wrong answer. With {@code --drop} the tables
 * are dropped at the end (used on the shared reference server).
 */
public final class DurabilityBench {
    private static final int LOAD_BATCH = 1000;
    private static final int RECOVERY_BATCH = 100;
    private static final int RECOVERY_VALUE_BYTES = 1000;
    private static final int WARMUP_ROWS = 3000;
    private static final long CLIENT_ID_STRIDE = 1_000_000_000L;

    private final String url;
    private final Properties props;
    private final long seed;

    private DurabilityBench(String url, Properties props, long seed) {
        this.url = url;
        this.props = props;
        this.seed = seed;
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String user = "postgres";
        String password = null;
        String workloads = "load,lookup,commits";
        int rows = 1_000_000;
        int lookups = 100_000;
        String clients = "1,8,32";
        double seconds = 10;
        int recoveryRows = 262_144;
        long seed = 42;
        boolean drop = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--drop")) {
                drop = true;
                continue;
            }
            String value = required(args[i], i + 1 < args.length ? args[i + 1] : null);
            switch (args[i]) {
                case "--url" -> url = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--workloads" -> workloads = value;
                case "--rows" -> rows = Integer.parseInt(value);
                case "--lookups" -> lookups = Integer.parseInt(value);
                case "--clients" -> clients = value;
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--recovery-rows" -> recoveryRows = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (url == null) {
            usage("--url is required");
        }
        if (rows < 1 || lookups < 0 || seconds <= 0 || recoveryRows < 1) {
            usage("--rows and --recovery-rows must be at least 1, --lookups at least 0, --seconds above 0");
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "larch-durability-bench");
        DurabilityBench bench = new DurabilityBench(url, props, seed);
        try {
            for (String workload : workloads.split(",")) {
                switch (workload.trim()) {
                    case "load" -> bench.load(rows);
                    case "lookup" -> bench.lookup(rows, lookups);
                    case "commits" -> {
                        for (String count : clients.split(",")) {
                            bench.commits(Integer.parseInt(count.trim()), seconds);
                        }
                    }
                    case "recovery-write" -> bench.recoveryWrite(recoveryRows);
                    case "recovery-check" -> bench.recoveryCheck(recoveryRows);
                    default -> usage("unknown workload " + workload);
                }
            }
            if (drop) {
                bench.dropAll();
            }
        } catch (SQLException e) {
            System.err.println("durability-bench: " + e.getSQLState() + ": " + e.getMessage());
            System.exit(1);
        } catch (IllegalStateException e) {
            System.err.println("durability-bench: " + e.getMessage());
            System.exit(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, props);
    }

    // ---- load

    private void load(int rows) throws SQLException {
        try (Connection conn = connect()) {
            warmUp(conn);
            recreate(conn, "bench_load", "id bigint PRIMARY KEY, v text");
            double secs = loadRows(conn, "bench_load", rows);
            checkCount(conn, "bench_load", rows);
            report("load_seconds", secs);
            report("load_rate", rows / secs);
            progress("load %d rows: %.2f s, %.0f rows/s", rows, secs, rows / secs);
        }
    }

    /** Inserts ids 1..rows in batches with a commit per batch; returns the elapsed seconds. */
    private static double loadRows(Connection conn, String table, int rows) throws SQLException {
        conn.setAutoCommit(false);
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " (id, v) VALUES (?, ?)")) {
            long start = System.nanoTime();
            int inBatch = 0;
            for (long id = 1; id <= rows; id++) {
                ps.setLong(1, id);
                ps.setString(2, value(id));
                ps.addBatch();
                if (++inBatch == LOAD_BATCH || id == rows) {
                    checkBatch(ps.executeBatch(), inBatch, id);
                    conn.commit();
                    inBatch = 0;
                }
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    // ---- lookup

    private void lookup(int rows, int lookups) throws SQLException {
        try (Connection conn = connect()) {
            if (!holds(conn, "bench_load", rows)) {
                progress("lookup: loading bench_load with %d rows first (not timed)", rows);
                warmUp(conn);
                recreate(conn, "bench_load", "id bigint PRIMARY KEY, v text");
                loadRows(conn, "bench_load", rows);
            }
            SplittableRandom random = new SplittableRandom(seed);
            // Warm the prepared statement and the client JIT on the same table, untimed.
            lookupRows(conn, rows, Math.min(2000, lookups), random);
            double secs = lookupRows(conn, rows, lookups, random);
            report("lookup_seconds", secs);
            report("lookup_rate", lookups / secs);
            progress("lookup %d: %.2f s, %.0f lookups/s", lookups, secs, lookups / secs);
        }
    }

    private static double lookupRows(Connection conn, int rows, int lookups, SplittableRandom random)
            throws SQLException {
        long[] ids = new long[lookups];
        for (int i = 0; i < lookups; i++) {
            ids[i] = random.nextLong(1, rows + 1L);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT v FROM bench_load WHERE id = ?")) {
            long start = System.nanoTime();
            for (long id : ids) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no row for id " + id);
                    }
                    String v = rs.getString(1);
                    if (!value(id).equals(v)) {
                        throw new IllegalStateException("id " + id + ": expected " + value(id) + ", got " + v);
                    }
                    if (rs.next()) {
                        throw new IllegalStateException("more than one row for id " + id);
                    }
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    // ---- commits

    private void commits(int clients, double seconds) throws Exception {
        try (Connection admin = connect()) {
            recreate(admin, "bench_commit", "id bigint PRIMARY KEY, client int, v text");
        }
        List<Connection> conns = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                conns.add(connect());
            }
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            long[] committed = new long[clients];
            long[] warm = new long[clients];
            AtomicReference<Exception> failure = new AtomicReference<>();
            long[] window = new long[2];
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                Connection conn = conns.get(c);
                threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                    try (PreparedStatement ps = conn.prepareStatement(
                            "INSERT INTO bench_commit (id, client, v) VALUES (?, ?, ?)")) {
                        long next = client * CLIENT_ID_STRIDE + 1;
                        // A few untimed commits so every connection has its statement prepared server-side.
                        for (int i = 0; i < 20; i++) {
                            insertOne(ps, next++, client);
                            warm[client]++;
                        }
                        ready.countDown();
                        go.await();
                        long deadline = window[1];
                        while (System.nanoTime() < deadline) {
                            insertOne(ps, next++, client);
                            committed[client]++;
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                        ready.countDown();
                    }
                }));
            }
            ready.await();
            window[0] = System.nanoTime();
            window[1] = window[0] + (long) (seconds * 1e9);
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - window[0]) / 1e9;
            if (failure.get() instanceof SQLException e) {
                throw e;
            } else if (failure.get() != null) {
                throw new IllegalStateException("a client failed: " + failure.get(), failure.get());
            }
            long total = 0;
            long expected = 0;
            for (int c = 0; c < clients; c++) {
                total += committed[c];
                expected += committed[c] + warm[c];
            }
            try (Connection admin = connect()) {
                checkCount(admin, "bench_commit", expected);
            }
            report("commits_" + clients, total / elapsed);
            progress("commits with %d clients: %d in %.2f s, %.0f commits/s", clients, total, elapsed,
                    total / elapsed);
        } finally {
            for (Connection conn : conns) {
                conn.close();
            }
        }
    }

    private static void insertOne(PreparedStatement ps, long id, int client) throws SQLException {
        ps.setLong(1, id);
        ps.setInt(2, client);
        ps.setString(3, value(id));
        int count = ps.executeUpdate();
        if (count != 1) {
            throw new IllegalStateException("INSERT reported " + count + " rows for id " + id);
        }
    }

    // ---- recovery

    private void recoveryWrite(int rows) throws SQLException {
        try (Connection conn = connect()) {
            recreate(conn, "bench_recovery", "id bigint PRIMARY KEY, v text");
            try (Statement st = conn.createStatement()) {
                // Start the measured stretch of WAL right after a checkpoint, where the server has one.
                st.execute("CHECKPOINT");
            } catch (SQLException e) {
                progress("recovery: CHECKPOINT not available (%s), continuing", e.getSQLState());
            }
            conn.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO bench_recovery (id, v) VALUES (?, ?)")) {
                int inBatch = 0;
                for (long id = 1; id <= rows; id++) {
                    ps.setLong(1, id);
                    ps.setString(2, bigValue(id));
                    ps.addBatch();
                    if (++inBatch == RECOVERY_BATCH || id == rows) {
                        checkBatch(ps.executeBatch(), inBatch, id);
                        conn.commit();
                        inBatch = 0;
                    }
                }
            }
            conn.setAutoCommit(true);
            double secs = (System.nanoTime() - start) / 1e9;
            progress("recovery: wrote %d rows of ~1 KB in %.1f s", rows, secs);
            report("recovery_rows_written", rows);
            walSinceCheckpoint(conn);
        }
    }

    /** PostgreSQL can say how much WAL lies between the last checkpoint's redo point and now. */
    private static void walSinceCheckpoint(Connection conn) {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::bigint"
                     + " FROM pg_control_checkpoint()")) {
            if (rs.next()) {
                report("recovery_wal_bytes", rs.getLong(1));
            }
        } catch (SQLException e) {
            progress("recovery: the server cannot report its WAL position (%s)", e.getSQLState());
        }
    }

    private void recoveryCheck(int rows) throws SQLException {
        try (Connection conn = connect();
             Statement st = conn.createStatement()) {
            long count;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM bench_recovery")) {
                rs.next();
                count = rs.getLong(1);
            } catch (SQLException e) {
                // A table whose creation was lost in the crash has no rows left either.
                if (!"42P01".equals(e.getSQLState())) {
                    throw e;
                }
                progress("recovery: bench_recovery does not exist after the restart");
                report("recovery_rows", 0);
                return;
            }
            report("recovery_rows", count);
            // The surviving rows must hold what was written: sample some by key.
            SplittableRandom random = new SplittableRandom(7);
            try (PreparedStatement ps = conn.prepareStatement("SELECT v FROM bench_recovery WHERE id = ?")) {
                for (int i = 0; i < 200 && count > 0; i++) {
                    long id = random.nextLong(1, rows + 1L);
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && !bigValue(id).equals(rs.getString(1))) {
                            throw new IllegalStateException("bench_recovery id " + id + " holds a wrong value");
                        }
                    }
                }
            }
            progress("recovery: %d of %d rows survived", count, rows);
        }
    }

    // ---- helpers

    private void warmUp(Connection conn) throws SQLException {
        recreate(conn, "bench_warmup", "id bigint PRIMARY KEY, v text");
        loadRows(conn, "bench_warmup", WARMUP_ROWS);
        drop(conn, "bench_warmup");
    }

    private void dropAll() throws SQLException {
        try (Connection conn = connect(); Statement st = conn.createStatement()) {
            for (String table : List.of("bench_load", "bench_commit", "bench_recovery", "bench_warmup")) {
                st.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private static void recreate(Connection conn, String table, String columns) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (" + columns + ")");
        }
    }

    private static void drop(Connection conn, String table) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DROP TABLE " + table);
        }
    }

    private static boolean holds(Connection conn, String table, long rows) {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.next() && rs.getLong(1) == rows;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void checkCount(Connection conn, String table, long rows) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            long count = rs.next() ? rs.getLong(1) : -1;
            if (count != rows) {
                throw new IllegalStateException(table + " holds " + count + " rows, expected " + rows);
            }
        }
    }

    private static void checkBatch(int[] counts, int expected, long lastId) {
        if (counts.length != expected) {
            throw new IllegalStateException("a batch ending at id " + lastId + " reported " + counts.length
                    + " results for " + expected + " rows");
        }
        for (int count : counts) {
            // SUCCESS_NO_INFO (-2) is allowed: the driver may not report per-row counts.
            if (count != 1 && count != java.sql.Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("a batch ending at id " + lastId + " reported " + count + " rows");
            }
        }
    }

    private static String value(long id) {
        return "value-" + id;
    }

    /** About 1 KB, different per id (so nothing compresses it away) and recomputable for the check. */
    private static String bigValue(long id) {
        StringBuilder sb = new StringBuilder(RECOVERY_VALUE_BYTES);
        SplittableRandom random = new SplittableRandom(id);
        while (sb.length() < RECOVERY_VALUE_BYTES) {
            sb.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        }
        sb.setLength(RECOVERY_VALUE_BYTES);
        return sb.toString();
    }

    private static void report(String name, double value) {
        System.out.printf(Locale.ROOT, "RESULT %s %.3f%n", name, value);
        System.out.flush();
    }

    private static void progress(String format, Object... args) {
        System.err.println("durability-bench: " + String.format(Locale.ROOT, format, args));
    }

    private static String required(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("durability-bench: " + problem);
        System.err.println("usage: java -cp postgresql.jar scripts/bench/DurabilityBench.java --url JDBC_URL"
                + " [--user USER] [--password PASSWORD] [--workloads load,lookup,commits,recovery-write,recovery-check]"
                + " [--rows N] [--lookups N] [--clients 1,8,32] [--seconds S] [--recovery-rows N] [--seed N] [--drop]");
        System.exit(2);
    }
}
