package org.larchdb.pgwire.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.larchdb.auth.acl.LarchPasswordEncoder;
import org.larchdb.auth.acl.RoleAccessControl;
import org.larchdb.engine.Database;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.metrics.Metrics;
import org.larchdb.metrics.MetricsHttpServer;
import org.larchdb.pgwire.session.CancelKeyRegistry;
import org.larchdb.pgwire.session.ClientAuthentication;
import org.larchdb.pgwire.session.ProtocolMetrics;
import org.larchdb.pgwire.session.ServerContext;

/**
 * A running LarchDB server: the database, the PostgreSQL protocol listener and the metrics endpoint.
 * {@link #close()} stops accepting, ends every connection (57P01), then closes the database, which
 * flushes all pages and releases the data directory.
 */
public final class LarchServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LarchServer.class.getName());
    private static final String SUPERUSER = "postgres";

    private final Database database;
    private final MeterRegistry registry;
    private final ProtocolListener listener;
    private final MetricsHttpServer metricsServer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LarchServer(Database database, MeterRegistry registry, ProtocolListener listener,
                        MetricsHttpServer metricsServer) {
        this.database = database;
        this.registry = registry;
        this.listener = listener;
        this.metricsServer = metricsServer;
    }

    /** Loads the configuration, initialises the data directory if new, opens it and starts listening. */
    public static LarchServer start(ServerOptions options) {
        Settings settings = Settings.defaults();
        if (options.configFile() != null) {
            ConfigFile.apply(options.configFile(), settings);
        }
        options.overrides().forEach(settings::set);
        Path dataDir = options.dataDir().toAbsolutePath();
        settings.set("data_directory", dataDir.toString());

        SecureRandom random = new SecureRandom();
        byte[] mockSecret = new byte[32];
        random.nextBytes(mockSecret);
        ClientAuthentication authentication = loadHba(settings, options.configFile(), mockSecret);
        initializeIfNeeded(dataDir, options.initialPassword(), random);

        var registry = Metrics.newRegistry();
        Database database = null;
        ProtocolListener listener = null;
        MetricsHttpServer metricsServer = null;
        try {
            database = Database.open(dataDir, settings, registry, new RoleAccessControl(), new LarchPasswordEncoder());
            ProtocolMetrics metrics = new ProtocolMetrics(registry);
            ServerContext context = new ServerContext(database, authentication, new CancelKeyRegistry(), metrics,
                    settings.getInt("max_connections"),
                    TimeUnit.SECONDS.toMillis(settings.getLong("authentication_timeout")),
                    settings.getBool("log_connections"), random);
            int maxMessageBytes = (int) Math.min(Integer.MAX_VALUE - 16, settings.getLong("max_message_size") * 1024);
            List<InetAddress> addresses = listenAddresses(settings.get("listen_addresses"));
            listener = ProtocolListener.start(context, addresses, settings.getInt("port"), maxMessageBytes);
            int metricsPort = settings.getInt("metrics_port");
            if (metricsPort >= 0) {
                String host = addresses.isEmpty() ? "127.0.0.1" : addresses.get(0).getHostAddress();
                metricsServer = MetricsHttpServer.start(registry, host, metricsPort);
                LOG.log(System.Logger.Level.INFO, "metrics available on http://{0}:{1}/metrics",
                        host, Integer.toString(metricsServer.port()));
            }
            return new LarchServer(database, registry, listener, metricsServer);
        } catch (RuntimeException e) {
            if (metricsServer != null) {
                metricsServer.close();
            }
            if (listener != null) {
                listener.close();
            }
            if (database != null) {
                database.close();
            }
            registry.close();
            throw e;
        }
    }

    /** The PostgreSQL protocol port (the chosen one when started with port 0). */
    public int port() {
        return listener.port();
    }

    /** The metrics endpoint's port, or -1 when metrics are disabled. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close();
        try {
            database.close();
        } finally {
            if (metricsServer != null) {
                metricsServer.close();
            }
            registry.close();
        }
        LOG.log(System.Logger.Level.INFO, "LarchDB shut down");
    }

    /** hba_file if set, else hba.conf beside the config file, else the built-in rules. */
    private static ClientAuthentication loadHba(Settings settings, Path configFile, byte[] mockSecret) {
        String configured = settings.get("hba_file");
        Path configDir = configFile == null ? null : configFile.toAbsolutePath().getParent();
        if (configured != null && !configured.isEmpty()) {
            Path hba = Path.of(configured);
            if (!hba.isAbsolute() && configDir != null) {
                hba = configDir.resolve(hba);
            }
            return ClientAuthentication.fromHbaFile(hba, mockSecret);
        }
        if (configDir != null && Files.isRegularFile(configDir.resolve("hba.conf"))) {
            return ClientAuthentication.fromHbaFile(configDir.resolve("hba.conf"), mockSecret);
        }
        return ClientAuthentication.withDefaultRules(mockSecret);
    }

    private static void initializeIfNeeded(Path dataDir, String initialPassword, SecureRandom random) {
        if (Database.isInitialized(dataDir)) {
            return;
        }
        String password = initialPassword;
        boolean generated = false;
        if (password == null || password.isEmpty()) {
            password = System.getenv("LARCH_PASSWORD");
        }
        if (password == null || password.isEmpty()) {
            password = generatePassword(random);
            generated = true;
        }
        String verifier = new LarchPasswordEncoder().encode(SUPERUSER, password, "scram-sha-256");
        Database.initialize(dataDir, SUPERUSER, verifier);
        LOG.log(System.Logger.Level.INFO, "initialised data directory {0}", dataDir);
        if (generated) {
            System.out.println("LarchDB: superuser \"" + SUPERUSER + "\" created with password: " + password);
            System.out.flush();
        }
    }

    static String generatePassword(SecureRandom random) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    /** listen_addresses: comma-separated host names or addresses; '*' means every interface. */
    static List<InetAddress> listenAddresses(String value) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String host = part.trim();
            if (host.isEmpty()) {
                continue;
            }
            try {
                if ("*".equals(host)) {
                    addresses.add(InetAddress.getByName("0.0.0.0"));
                } else {
                    addresses.add(InetAddress.getByName(host));
                }
            } catch (UnknownHostException e) {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                        "could not translate host name \"" + host + "\" to address: " + e.getMessage());
            }
        }
        if (addresses.isEmpty()) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "listen_addresses is empty: no address to listen on");
        }
        return new ArrayList<>(addresses);
    }
}
