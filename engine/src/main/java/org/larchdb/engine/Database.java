package org.larchdb.engine;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.security.AccessControl;
import org.larchdb.engine.security.PasswordEncoder;
import org.larchdb.engine.security.RoleInfo;

/**
 * One open data directory: storage, catalog and the sessions running on it. The server creates
 * one at start ({@link #open}) and closes it at shutdown, which flushes every page to disk.
 */
public final class Database implements AutoCloseable {

    /** Whether {@code dataDir} already holds an initialised data directory. */
    public static boolean isInitialized(Path dataDir) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /**
     * Initialises a new data directory (initdb): the layout, the system catalogs, the databases
     * {@code postgres} and {@code template1}, and the bootstrap superuser with the given password
     * verifier (never a plaintext password).
     */
    public static void initialize(Path dataDir, String superuserName, String passwordVerifier) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** Opens an initialised data directory (taking its lock file) with the server's settings. */
    public static Database open(Path dataDir, Settings serverSettings, MeterRegistry registry,
                                AccessControl accessControl, PasswordEncoder passwordEncoder) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** The server-wide settings (config file values over defaults). */
    public Settings settings() {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** The role named {@code name} from pg_authid. */
    public Optional<RoleInfo> findRole(String name) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** Whether a database of that name exists (pg_database). */
    public boolean databaseExists(String name) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /**
     * Starts a session for an authenticated role. {@code startupParameters} are the StartupMessage's
     * parameters (application_name, client_encoding, DateStyle, options "-c name=value"...); invalid
     * ones raise a DbException the front end sends as FATAL.
     */
    public Session openSession(RoleInfo role, String database, Map<String, String> startupParameters) {
        throw new UnsupportedOperationException("engine work in progress");
    }

    /** Flushes all data to disk, closes the files and releases the data directory's lock. */
    @Override
    public void close() {
    }
}
