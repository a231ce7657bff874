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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client side of scripts/bench/transactions: transactional throughput of one server over JDBC.
 * Run with the JDK source launcher:
 *
 * <pre>java -cp postgresql.jar scripts/bench/TxBench.java --url jdbc:postgresql://HOST:PORT/DB \
 *     --user postgres --password secret [--workloads load,tpcb,bank] [--scale 10] [--seconds 20]
 *     [--clients 1,8,32] [--bank-clients 8] [--bank-accounts 100] [--seed 42] [--drop]</pre>
 *
 * Workloads (run in this order):
 * <ul>
 *   <li>load: pgbench's tables (pgbench_branches/tellers/accounts/history, primary keys declared inline)
 *       created afresh and filled for {@code --scale} (100,000 accounts per unit) through batched prepared
 *       INSERTs (batches of 1000, a commit per 10 batches); then VACUUM ANALYZE where the server has it;</li>
 *   <li>tpcb: pgbench's default "TPC-B (sort of)" transaction — UPDATE an account, SELECT its balance,
 *       UPDATE a teller and a branch, INSERT a history row — at READ COMMITTED, for each count in
 *       {@code --clients}, {@code --seconds} each after an unmeasured warm-up; afterwards the balances of
 *       accounts, tellers, branches and the history deltas must all have the same sum;</li>
 *   <li>bank: transfers between {@code --bank-accounts} accounts of {@code bench_bank} by
 *       {@code --bank-clients} connections at SERIALIZABLE: read both balances, then move the amount
 *       (the two rows in random order, so a locking server can deadlock); the total is checked after.</li>
 * </ul>
 * A transaction failing with 40001 (serialization failure) or 40P01 (deadlock) is rolled back, counted
 * as an abort and retried with the same parameters, as pgbench --max-tries does; any other error ends
 * the run with exit status 1. Results go to stdout as {@code RESULT name value} lines (tps, abort rate
 * in [0,1], seconds); progress to stderr. {@code --drop} drops the tables at the end.
 */
public final class TxBench {
    private static final int ACCOUNTS_PER_SCALE = 100_000;
    private static final int TELLERS_PER_SCALE = 10;
    private static final int LOAD_BATCH = 1000;
    private static final long BANK_START_BALANCE = 10_000;

    private final String url;
    private final Properties props;
    private final long seed;

    private TxBench(String url, Properties props, long seed) {
        this.url = url;
        this.props = props;
        this.seed = seed;
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String user = "postgres";
        String password = null;
        String workloads = "load,tpcb,bank";
        int scale = 10;
        double seconds = 20;
        String clients = "1,8,32";
        int bankClients = 8;
        int bankAccounts = 100;
        long seed = 42;
        boolean drop = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--drop")) {
                drop = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage(args[i] + " needs a value");
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--url" -> url = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--workloads" -> workloads = value;
                case "--scale" -> scale = Integer.parseInt(value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--clients" -> clients = value;
                case "--bank-clients" -> bankClients = Integer.parseInt(value);
                case "--bank-accounts" -> bankAccounts = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> usage("unknown option " + args[i - 1]);
            }
        }
        if (url == null) {
            usage("--url is required");
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "30");
        // A server that hangs must not hang the benchmark forever.
        props.setProperty("socketTimeout", "600");
        TxBench bench = new TxBench(url, props, seed);
        List<String> selected = List.of(workloads.split(","));
        try {
            if (selected.contains("load")) {
                bench.load(scale);
            }
            if (selected.contains("tpcb")) {
                for (String c : clients.split(",")) {
                    bench.tpcb(scale, Integer.parseInt(c.trim()), seconds);
                }
                bench.checkTpcb();
            }
            if (selected.contains("bank")) {
                bench.bank(bankClients, bankAccounts, seconds);
            }
            if (drop) {
                bench.drop();
            }
        } catch (SQLException e) {
            System.err.println("txbench: " + e.getSQLState() + " " + e.getMessage());
            System.exit(1);
        } catch (IllegalStateException e) {
            System.err.println("txbench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage(String problem) {
        System.err.println("txbench: " + problem);
        System.err.println("usage: TxBench.java --url URL [--user U] [--password P] [--workloads load,tpcb,bank]"
                + " [--scale N] [--seconds S] [--clients 1,8,32] [--bank-clients N] [--bank-accounts N] [--drop]");
        System.exit(2);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, props);
    }

    private static void result(String name, double value) {
        System.out.println(String.format(Locale.ROOT, "RESULT %s %.4f", name, value));
    }

    private static void progress(String format, Object... args) {
        System.err.println("txbench: " + String.format(Locale.ROOT, format, args));
    }

    // ---- load

    private void load(int scale) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String t : List.of("pgbench_history", "pgbench_tellers", "pgbench_accounts", "pgbench_branches")) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
            // pgbench -i's definitions; the keys are inline because they are added by ALTER TABLE there.
            st.execute("CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
            st.execute("CREATE TABLE pgbench_tellers (tid int NOT NULL PRIMARY KEY, bid int, tbalance int, filler char(84))");
            st.execute("CREATE TABLE pgbench_accounts (aid int NOT NULL PRIMARY KEY, bid int, abalance int, filler char(84))");
            st.execute("CREATE TABLE pgbench_branches (bid int NOT NULL PRIMARY KEY, bbalance int, filler char(88))");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pgbench_branches (bid, bbalance) VALUES (?, 0)")) {
                for (int bid = 1; bid <= scale; bid++) {
                    insert.setInt(1, bid);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO pgbench_tellers (tid, bid, tbalance) VALUES (?, ?, 0)")) {
                for (int tid = 1; tid <= TELLERS_PER_SCALE * scale; tid++) {
                    insert.setInt(1, tid);
                    insert.setInt(2, (tid - 1) / TELLERS_PER_SCALE + 1);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            int accounts = ACCOUNTS_PER_SCALE * scale;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO pgbench_accounts (aid, bid, abalance, filler) VALUES (?, ?, 0, '')")) {
                for (int aid = 1; aid <= accounts; aid++) {
                    insert.setInt(1, aid);
                    insert.setInt(2, (aid - 1) / ACCOUNTS_PER_SCALE + 1);
                    insert.addBatch();
                    if (aid % LOAD_BATCH == 0 || aid == accounts) {
                        insert.executeBatch();
                    }
                    if (aid % (10 * LOAD_BATCH) == 0 || aid == accounts) {
                        c.commit();
                    }
                    if (aid % 200_000 == 0) {
                        progress("loaded %d of %d accounts", aid, accounts);
                    }
                }
            }
            c.setAutoCommit(true);
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        // As pgbench -i does; a server without VACUUM is measured without it.
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            progress("VACUUM ANALYZE not run (%s %s)", e.getSQLState(), e.getMessage());
        }
        progress("loaded scale %d in %.1f s", scale, loadSeconds);
        result("load_seconds", loadSeconds);
    }

    // ---- workloads run by many clients

    /** One transaction attempt; throws SQLException, 40001/40P01 meaning "retry". */
    @FunctionalInterface
    private interface Attempt {
        void run() throws SQLException;
    }

    /** Per-client state: its connection and the transaction it runs with fresh random parameters. */
    private interface Client extends AutoCloseable {
        /** Draws new parameters and returns the attempt that runs them (retried as is). */
        Attempt next();

        @Override
        void close() throws SQLException;
    }

    @FunctionalInterface
    private interface ClientFactory {
        Client open(int index) throws SQLException;
    }

    private record Counts(long commits, long aborts, double seconds) {
        double tps() {
            return commits / seconds;
        }

        double abortRate() {
            return commits + aborts == 0 ? 0 : (double) aborts / (commits + aborts);
        }
    }

    /**
     * Runs {@code clients} connections for {@code seconds}: each loops on transactions, retrying
     * serialization failures with the same parameters. Counts commits and aborts that end inside the
     * window; the transaction in flight at the end is finished but not counted.
     */
    private static Counts drive(int clients, double seconds, ClientFactory factory) throws SQLException {
        AtomicLong commits = new AtomicLong();
        AtomicLong aborts = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Client> opened = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                opened.add(factory.open(i));
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Thread> threads = new ArrayList<>();
            for (Client client : opened) {
                Thread t = Thread.ofPlatform().name("txbench-client").start(() -> {
                    try {
                        while (System.nanoTime() < end && failure.get() == null) {
                            Attempt attempt = client.next();
                            while (true) {
                                try {
                                    attempt.run();
                                    if (System.nanoTime() < end) {
                                        commits.incrementAndGet();
                                    }
                                    break;
                                } catch (SQLException e) {
                                    if (!"40001".equals(e.getSQLState()) && !"40P01".equals(e.getSQLState())) {
                                        throw e;
                                    }
                                    if (System.nanoTime() < end) {
                                        aborts.incrementAndGet();
                                    }
                                }
                            }
                        }
                    } catch (SQLException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
                threads.add(t);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
            double elapsed = Math.min((System.nanoTime() - start) / 1e9, seconds);
            switch (failure.get()) {
                case null -> { }
                case SQLException e -> throw e;
                case RuntimeException e -> throw new IllegalStateException(e.getMessage(), e);
                default -> throw new IllegalStateException(failure.get());
            }
            return new Counts(commits.get(), aborts.get(), elapsed);
        } finally {
            for (Client c : opened) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Closing after a failure: the failure is what is reported.
                }
            }
        }
    }

    /** Rolls back after a failed attempt and rethrows it. */
    private static void rollbackAndRethrow(Connection c, SQLException e) throws SQLException {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection may be gone; the original error says why.
        }
        throw e;
    }

    // ---- TPC-B (sort of)

    private void tpcb(int scale, int clients, double seconds) throws SQLException {
        ClientFactory factory = index -> tpcbClient(scale, new SplittableRandom(seed * 1000 + clients * 100 + index));
        // Unmeasured warm-up: JIT of client and server, caches.
        drive(Math.min(clients, 8), Math.min(5, Math.max(1, seconds / 4)), factory);
        Counts counts = drive(clients, seconds, factory);
        progress("tpcb %d client(s): %d commits, %d aborts in %.1f s: %.1f tps", clients, counts.commits(),
                counts.aborts(), counts.seconds(), counts.tps());
        result("tpcb_tps_" + clients, counts.tps());
        result("tpcb_abort_" + clients, counts.abortRate());
    }

    private Client tpcbClient(int scale, SplittableRandom random) throws SQLException {
        Connection c = connect();
        c.setAutoCommit(false);
        PreparedStatement updAccount = c.prepareStatement("UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?");
        PreparedStatement selAccount = c.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?");
        PreparedStatement updTeller = c.prepareStatement("UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?");
        PreparedStatement updBranch = c.prepareStatement("UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?");
        PreparedStatement insHistory = c.prepareStatement(
                "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)");
        return new Client() {
            @Override
            public Attempt next() {
                int aid = 1 + random.nextInt(ACCOUNTS_PER_SCALE * scale);
                int bid = 1 + random.nextInt(scale);
                int tid = 1 + random.nextInt(TELLERS_PER_SCALE * scale);
                int delta = random.nextInt(-5000, 5001);
                return () -> {
                    try {
                        updAccount.setInt(1, delta);
                        updAccount.setInt(2, aid);
                        expectOneRow(updAccount.executeUpdate(), "pgbench_accounts", aid);
                        selAccount.setInt(1, aid);
                        try (ResultSet rs = selAccount.executeQuery()) {
                            if (!rs.next()) {
                                throw new IllegalStateException("account " + aid + " not found");
                            }
                        }
                        updTeller.setInt(1, delta);
                        updTeller.setInt(2, tid);
                        expectOneRow(updTeller.executeUpdate(), "pgbench_tellers", tid);
                        updBranch.setInt(1, delta);
                        updBranch.setInt(2, bid);
                        expectOneRow(updBranch.executeUpdate(), "pgbench_branches", bid);
                        insHistory.setInt(1, tid);
                        insHistory.setInt(2, bid);
                        insHistory.setInt(3, aid);
                        insHistory.setInt(4, delta);
                        insHistory.executeUpdate();
                        c.commit();
                    } catch (SQLException e) {
                        rollbackAndRethrow(c, e);
                    }
                };
            }

            @Override
            public void close() throws SQLException {
                c.close();
            }
        };
    }

    private static void expectOneRow(int updated, String table, int key) {
        if (updated != 1) {
            throw new IllegalStateException("UPDATE of " + table + " key " + key + " changed " + updated + " rows");
        }
    }

    /** Each committed transaction added the same delta to one account, teller, branch and history row. */
    private void checkTpcb() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT sum(abalance) FROM pgbench_accounts),"
                        + " (SELECT sum(tbalance) FROM pgbench_tellers), (SELECT sum(bbalance) FROM pgbench_branches),"
                        + " (SELECT sum(delta) FROM pgbench_history)")) {
            rs.next();
            long a = rs.getLong(1);
            long t = rs.getLong(2);
            long b = rs.getLong(3);
            long h = rs.getLong(4);
            if (a != t || t != b || b != h) {
                throw new IllegalStateException("TPC-B sums differ: accounts " + a + ", tellers " + t
                        + ", branches " + b + ", history " + h);
            }
            progress("tpcb consistent: every table sums to %d", a);
        }
    }

    // ---- bank transfers under SERIALIZABLE

    private void bank(int clients, int accounts, double seconds) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_bank");
            st.execute("CREATE TABLE bench_bank (id int PRIMARY KEY, balance bigint NOT NULL)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_bank VALUES (?, " + BANK_START_BALANCE + ")")) {
                for (int id = 1; id <= accounts; id++) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        ClientFactory factory = index -> bankClient(accounts, new SplittableRandom(seed * 7 + index));
        drive(clients, Math.min(5, Math.max(1, seconds / 4)), factory);
        Counts counts = drive(clients, seconds, factory);
        progress("bank %d clients: %d commits, %d aborts in %.1f s: %.1f tps", clients, counts.commits(),
                counts.aborts(), counts.seconds(), counts.tps());
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sum(balance), count(*) FROM bench_bank")) {
            rs.next();
            if (rs.getLong(1) != BANK_START_BALANCE * accounts || rs.getLong(2) != accounts) {
                throw new IllegalStateException("bank total " + rs.getLong(1) + " over " + rs.getLong(2)
                        + " accounts, expected " + BANK_START_BALANCE * accounts + " over " + accounts);
            }
        }
        result("bank_tps", counts.tps());
        result("bank_abort", counts.abortRate());
    }

    private Client bankClient(int accounts, SplittableRandom random) throws SQLException {
        Connection c = connect();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        PreparedStatement read = c.prepareStatement("SELECT balance FROM bench_bank WHERE id = ?");
        PreparedStatement move = c.prepareStatement("UPDATE bench_bank SET balance = balance + ? WHERE id = ?");
        return new Client() {
            @Override
            public Attempt next() {
                int from = 1 + random.nextInt(accounts);
                int to = 1 + (from + random.nextInt(accounts - 1)) % accounts;
                int amount = 1 + random.nextInt(100);
                return () -> {
                    try {
                        long fromBalance = balance(read, from);
                        balance(read, to);
                        if (fromBalance >= amount) {
                            move.setInt(1, -amount);
                            move.setInt(2, from);
                            expectOneRow(move.executeUpdate(), "bench_bank", from);
                            move.setInt(1, amount);
                            move.setInt(2, to);
                            expectOneRow(move.executeUpdate(), "bench_bank", to);
                        }
                        c.commit();
                    } catch (SQLException e) {
                        rollbackAndRethrow(c, e);
                    }
                };
            }

            @Override
            public void close() throws SQLException {
                c.close();
            }
        };
    }

    private static long balance(PreparedStatement read, int id) throws SQLException {
        read.setInt(1, id);
        try (ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("account " + id + " not found");
            }
            return rs.getLong(1);
        }
    }

    private void drop() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String t : List.of("pgbench_history", "pgbench_tellers", "pgbench_accounts", "pgbench_branches",
                    "bench_bank")) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
        }
    }
}
