package org.larchdb.tests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server the transaction ITs talk to: an in-process {@link TestServer} by default, or any
 * running server given by {@code -Dit.external.url=jdbc:postgresql://HOST:PORT/DB} (with
 * {@code -Dit.external.user}, default postgres, and {@code -Dit.external.password}, default
 * postgres) — how the tests' expectations are proven on real PostgreSQL 15 (pg-ref).
 * Register as {@code @RegisterExtension static final TxServer server = new TxServer();}.
 *
 * <p>Every connection gets {@code deadlock_timeout = 100ms}: the tests provoke deadlocks on
 * purpose and the default 1 s would make them slow (the test user is a superuser, which this
 * setting needs); and {@code lock_timeout = 20s}, so that a wait that never ends fails instead of hanging.
 */
public final class TxServer implements BeforeAllCallback, AfterAllCallback {
    private final String externalUrl = System.getProperty("it.external.url", "").trim();
    private final TestServer local = externalUrl.isEmpty() ? new TestServer() : null;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (local != null) {
            local.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (local != null) {
            local.close();
        }
    }

    public boolean isExternal() {
        return local == null;
    }

    public String url() {
        return isExternal() ? externalUrl : local.url();
    }

    public String user() {
        return isExternal() ? System.getProperty("it.external.user", "postgres") : TestServer.SUPERUSER;
    }

    public String password() {
        return isExternal() ? System.getProperty("it.external.password", "postgres") : local.password();
    }

    /** A new autocommit connection as the superuser, with a short deadlock_timeout. */
    public Connection connect() throws SQLException {
        return connect(new Properties());
    }

    /** As {@link #connect()}, with extra pgjdbc connection properties. */
    public Connection connect(Properties extra) throws SQLException {
        Properties props = new Properties();
        props.putAll(extra);
        props.setProperty("user", user());
        props.setProperty("password", password());
        // Fail fast instead of hanging the build when a lock wait never ends.
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "60");
        Connection c = DriverManager.getConnection(url(), props);
        try (Statement st = c.createStatement()) {
            st.execute("SET deadlock_timeout = '100ms'");
            // A safety net: a lock wait that never ends (a lost wake-up) fails the test with 55P03
            // instead of hanging it. Tests that time out on purpose set their own lock_timeout.
            st.execute("SET lock_timeout = '20s'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
