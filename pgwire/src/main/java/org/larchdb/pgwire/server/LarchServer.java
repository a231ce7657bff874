package org.larchdb.pgwire.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.larchdb.pgwire.protocol.FrontendFrameDecoder;
import org.larchdb.pgwire.session.CancelKeyRegistry;
import org.larchdb.pgwire.session.ClientAuthentication;
import org.larchdb.pgwire.session.ClientConnection;
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
    private static final long CONNECTION_DRAIN_MILLIS = 5_000;

    private final Database database;
    private final MeterRegistry registry;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final List<Channel> listeners;
    private final MetricsHttpServer metricsServer;
    private final Map<ClientConnection, Boolean> connections;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LarchServer(Database database, MeterRegistry registry, EventLoopGroup acceptGroup, EventLoopGroup ioGroup,
                        List<Channel> listeners, MetricsHttpServer metricsServer,
                        Map<ClientConnection, Boolean> connections, int port) {
        this.database = database;
        this.registry = registry;
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.listeners = listeners;
        this.metricsServer = metricsServer;
        this.connections = connections;
        this.port = port;
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
        EventLoopGroup acceptGroup = null;
        EventLoopGroup ioGroup = null;
        MetricsHttpServer metricsServer = null;
        try {
            database = Database.open(dataDir, settings, registry, new RoleAccessControl(), new LarchPasswordEncoder());
            ProtocolMetrics metrics = new ProtocolMetrics(registry);
            ServerContext context = new ServerContext(database, authentication, new CancelKeyRegistry(), metrics,
                    settings.getInt("max_connections"),
                    TimeUnit.SECONDS.toMillis(settings.getLong("authentication_timeout")),
                    settings.getBool("log_connections"), random);
            Map<ClientConnection, Boolean> connections = new ConcurrentHashMap<>();
            int maxMessageBytes = (int) Math.min(Integer.MAX_VALUE - 16, settings.getLong("max_message_size") * 1024);

            acceptGroup = new NioEventLoopGroup(1);
            ioGroup = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptGroup, ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("frames", new FrontendFrameDecoder(maxMessageBytes));
                            ch.pipeline().addLast("connection", new ConnectionHandler(context,
                                    c -> connections.put(c, Boolean.TRUE), connections::remove));
                        }
                    });
            List<Channel> listeners = new ArrayList<>();
            int port = settings.getInt("port");
            List<InetAddress> addresses = listenAddresses(settings.get("listen_addresses"));
            for (InetAddress address : addresses) {
                Channel listener = bootstrap.bind(new InetSocketAddress(address, port)).syncUninterruptibly().channel();
                listeners.add(listener);
                // Port 0 picks a free port on the first address; the others share it.
                port = ((InetSocketAddress) listener.localAddress()).getPort();
                LOG.log(System.Logger.Level.INFO, "LarchDB ready to accept connections on {0}:{1}",
                        address.getHostAddress(), Integer.toString(port));
            }
            int metricsPort = settings.getInt("metrics_port");
            if (metricsPort >= 0) {
                String host = addresses.isEmpty() ? "127.0.0.1" : addresses.get(0).getHostAddress();
                metricsServer = MetricsHttpServer.start(registry, host, metricsPort);
                LOG.log(System.Logger.Level.INFO, "metrics available on http://{0}:{1}/metrics",
                        host, Integer.toString(metricsServer.port()));
            }
            return new LarchServer(database, registry, acceptGroup, ioGroup, listeners, metricsServer, connections, port);
        } catch (RuntimeException e) {
            if (metricsServer != null) {
                metricsServer.close();
            }
            shutdownGroup(acceptGroup);
            shutdownGroup(ioGroup);
            if (database != null) {
                database.close();
            }
            registry.close();
            throw e;
        }
    }

    /** The PostgreSQL protocol port (the chosen one when started with port 0). */
    public int port() {
        return port;
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
        for (Channel listener : listeners) {
            listener.close().syncUninterruptibly();
        }
        for (ClientConnection connection : connections.keySet()) {
            connection.shutdown();
        }
        long deadline = System.currentTimeMillis() + CONNECTION_DRAIN_MILLIS;
        while (!connections.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!connections.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "{0} connection(s) did not end in time", connections.size());
        }
        shutdownGroup(acceptGroup);
        shutdownGroup(ioGroup);
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

    private static void shutdownGroup(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
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
