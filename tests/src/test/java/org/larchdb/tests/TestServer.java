package org.larchdb.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.larchdb.pgwire.server.LarchServer;
import org.larchdb.pgwire.server.ServerOptions;

/**
 * One LarchDB server per test class, started in-process on a fresh temporary data directory with
 * free ports. Register it as {@code @RegisterExtension static final TestServer server = new TestServer();}
 * so the class shares it (starting a server per test would make the suite slow).
 *
 * <p>Setting {@code -Dlarch.it.external=host:port} (and {@code -Dlarch.it.password}) points the
 * tests at an already running server instead, e.g. the reference PostgreSQL, which is how the
 * tests' own expectations are checked against real PostgreSQL 15. Tests that need the in-process
 * server (restart, metrics) skip themselves there via {@link #assumeInProcess}.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The bootstrap superuser's password for in-process servers. */
    public static final String PASSWORD = "larch-test-pw";
    public static final String SUPERUSER = "postgres";
    public static final String DATABASE = "postgres";

    private final String externalHost;
    private final int externalPort;
    private Path dataDir;
    private LarchServer server;

    public TestServer() {
        String external = System.getProperty("larch.it.external", "").trim();
        if (external.isEmpty()) {
            externalHost = null;
            externalPort = -1;
        } else {
            int colon = external.lastIndexOf(':');
            externalHost = external.substring(0, colon);
            externalPort = Integer.parseInt(external.substring(colon + 1));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the server on a new data directory (no-op against an external server). */
    public void start() {
        if (isExternal() || server != null) {
            return;
        }
        try {
            dataDir = Files.createTempDirectory("larch-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server = LarchServer.start(options());
        } catch (RuntimeException | Error e) {
            deleteTree(dataDir);
            throw e;
        }
    }

    /** Stops the server and starts a new one on the same data directory (fresh ports). */
    public void restart() {
        assumeInProcess("restart needs the in-process server");
        server.close();
        server = null;
        server = LarchServer.start(options());
    }

    private ServerOptions options() {
        return new ServerOptions(dataDir, null, Map.of("port", "0", "metrics_port", "0"), PASSWORD);
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
                deleteTree(dataDir);
            }
        }
    }

    public boolean isExternal() {
        return externalHost != null;
    }

    /** Skips the calling test when the tests run against an external server. */
    public void assumeInProcess(String why) {
        Assumptions.assumeFalse(isExternal(), why);
    }

    public String host() {
        return isExternal() ? externalHost : "127.0.0.1";
    }

    public int port() {
        return isExternal() ? externalPort : running().port();
    }

    public int metricsPort() {
        assumeInProcess("metrics need the in-process server");
        return running().metricsPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The superuser's password on this server. */
    public String password() {
        return isExternal() ? System.getProperty("larch.it.password", "postgres") : PASSWORD;
    }

    /** The JDBC URL of database postgres, with extra URL parameters ({@code "a=b&c=d"}) if given. */
    public String url(String parameters) {
        String base = "jdbc:postgresql://" + host() + ":" + port() + "/" + DATABASE;
        return parameters == null || parameters.isEmpty() ? base : base + "?" + parameters;
    }

    public String url() {
        return url(null);
    }

    /** A connection as the superuser. */
    public Connection connect() throws SQLException {
        return connect(SUPERUSER, password(), null);
    }

    public Connection connect(String parameters) throws SQLException {
        return connect(SUPERUSER, password(), parameters);
    }

    public Connection connect(String user, String password, String parameters) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        // Fail fast instead of hanging the build when the server misbehaves.
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "120");
        return DriverManager.getConnection(url(parameters), props);
    }

    private LarchServer running() {
        if (server == null) {
            throw new IllegalStateException("server not started");
        }
        return server;
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temp directory must not fail the test that used it.
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
