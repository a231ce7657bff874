import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The client side of scripts/bench/run: one workload against one server over JDBC, timed.
 * Run with the JDK source launcher:
 *
 * <pre>java -cp postgresql.jar scripts/bench/Bench.java --url jdbc:postgresql://127.0.0.1:5432/postgres \
 *     --user postgres --password secret [--rows 10000] [--selects 1000] [--seed 42]</pre>
 *
 * Workloads, each on a fresh {@code bench_t(id int, v text)}:
 * <ul>
 *   <li>insert: {@code --rows} single-row INSERTs through one PreparedStatement, autocommit on
 *       (every row is its own transaction, so this measures the per-statement and commit path);</li>
 *   <li>select: {@code --selects} {@code SELECT v FROM bench_t WHERE id = ?} with random ids, each
 *       answer checked (a fast wrong answer must not count).</li>
 * </ul>
 * A short unmeasured warm-up on another table first lets the client's JIT settle, so both servers
 * are measured with an equally warm driver. Results go to stdout as {@code RESULT name millis} lines
 * for the driver script; progress goes to stderr. Exit status 1 on any SQL error or wrong answer.
 */
public final class Bench {
    private static final int WARMUP_ROWS = 300;
    private static final int WARMUP_SELECTS = 100;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String user = "postgres";
        String password = null;
        int rows = 10_000;
        int selects = 1_000;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--url" -> url = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--rows" -> rows = Integer.parseInt(required(args[i], value));
                case "--selects" -> selects = Integer.parseInt(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                default -> usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (url == null || user == null) {
            usage("--url and --user are required");
        }
        if (rows < 1 || selects < 0) {
            usage("--rows must be at least 1 and --selects at least 0");
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "larch-bench");
        try (Connection conn = DriverManager.getConnection(url, props)) {
            conn.setAutoCommit(true);
            warmUp(conn, seed);
            recreate(conn, "bench_t");
            double insertMs = insertRows(conn, "bench_t", rows);
            checkCount(conn, "bench_t", rows);
            report("insert_" + rows, insertMs, rows);
            double selectMs = selectRows(conn, "bench_t", rows, selects, new SplittableRandom(seed));
            report("select_" + selects, selectMs, selects);
            drop(conn, "bench_t");
        } catch (SQLException e) {
            System.err.println("bench: " + e.getSQLState() + ": " + e.getMessage());
            System.exit(1);
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void warmUp(Connection conn, long seed) throws SQLException {
        recreate(conn, "bench_warmup");
        insertRows(conn, "bench_warmup", WARMUP_ROWS);
        selectRows(conn, "bench_warmup", WARMUP_ROWS, WARMUP_SELECTS, new SplittableRandom(seed + 1));
        drop(conn, "bench_warmup");
    }

    private static void recreate(Connection conn, String table) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id int, v text)");
        }
    }

    private static void drop(Connection conn, String table) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DROP TABLE " + table);
        }
    }

    /** Inserts ids 1..rows; returns the elapsed milliseconds. */
    private static double insertRows(Connection conn, String table, int rows) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " (id, v) VALUES (?, ?)")) {
            long start = System.nanoTime();
            for (int id = 1; id <= rows; id++) {
                ps.setInt(1, id);
                ps.setString(2, value(id));
                int count = ps.executeUpdate();
                if (count != 1) {
                    throw new IllegalStateException("INSERT reported " + count + " rows for id " + id);
                }
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /** Looks up random ids in 1..rows, checking each answer; returns the elapsed milliseconds. */
    private static double selectRows(Connection conn, String table, int rows, int selects, SplittableRandom random)
            throws SQLException {
        int[] ids = new int[selects];
        for (int i = 0; i < selects; i++) {
            ids[i] = random.nextInt(1, rows + 1);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT v FROM " + table + " WHERE id = ?")) {
            long start = System.nanoTime();
            for (int id : ids) {
                ps.setInt(1, id);
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
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static void checkCount(Connection conn, String table, int rows) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            long count = rs.next() ? rs.getLong(1) : -1;
            if (count != rows) {
                throw new IllegalStateException(table + " holds " + count + " rows, expected " + rows);
            }
        }
    }

    private static String value(int id) {
        return "value-" + id;
    }

    private static void report(String name, double millis, int operations) {
        System.err.printf(Locale.ROOT, "bench: %-14s %10.1f ms  %10.0f ops/s%n", name, millis,
                operations * 1000.0 / millis);
        System.out.printf(Locale.ROOT, "RESULT %s %.3f%n", name, millis);
    }

    private static String required(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.err.println("usage: java -cp postgresql.jar scripts/bench/Bench.java --url JDBC_URL --user USER"
                + " [--password PASSWORD] [--rows N] [--selects N] [--seed N]");
        System.exit(2);
    }
}
