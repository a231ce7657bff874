package org.larchdb.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.larchdb.engine.catalog.Catalog;
import org.larchdb.engine.catalog.DatabaseInfo;
import org.larchdb.engine.config.SettingDefinition;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.AccessControl;
import org.larchdb.engine.security.PasswordEncoder;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.engine.storage.DataDirectory;
import org.larchdb.engine.storage.Storage;
import org.larchdb.engine.tx.Transaction;

/**
 * One open data directory: storage, catalog and the sessions running on it. The server creates
 * one at start ({@link #open}) and closes it at shutdown, which flushes every page to disk.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.larchdb.engine");

    private final DataDirectory dataDirectory;
    private final Storage storage;
    private final Catalog catalog;
    private final Settings settings;
    private final AccessControl accessControl;
    private final PasswordEncoder passwordEncoder;
    private final AtomicInteger nextPid = new AtomicInteger(1000 + (int) (ProcessHandle.current().pid() % 1000) * 10);
    private final AtomicLong nextTransactionId = new AtomicLong(1);
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Database(DataDirectory dataDirectory, Storage storage, Catalog catalog, Settings settings,
                     AccessControl accessControl, PasswordEncoder passwordEncoder) {
        this.dataDirectory = dataDirectory;
        this.storage = storage;
        this.catalog = catalog;
        this.settings = settings;
        this.accessControl = accessControl;
        this.passwordEncoder = passwordEncoder;
    }

    /** Whether {@code dataDir} already holds an initialised data directory. */
    public static boolean isInitialized(Path dataDir) {
        return DataDirectory.isInitialized(dataDir);
    }

    /**
     * Initialises a new data directory (initdb): the layout, the system catalogs, the databases
     * {@code postgres} and {@code template1}, and the bootstrap superuser with the given password
     * verifier (never a plaintext password).
     */
    public static void initialize(Path dataDir, String superuserName, String passwordVerifier) {
        DataDirectory.create(dataDir);
        try (DataDirectory dir = DataDirectory.open(dataDir);
             Storage storage = Storage.open(dir.path(), 64, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
            Catalog.bootstrap(storage, superuserName, passwordVerifier);
        }
    }

    /** Opens an initialised data directory (taking its lock file) with the server's settings. */
    public static Database open(Path dataDir, Settings serverSettings, MeterRegistry registry,
                                AccessControl accessControl, PasswordEncoder passwordEncoder) {
        DataDirectory dir = DataDirectory.open(dataDir);
        Storage storage = null;
        try {
            serverSettings.set("data_directory", dir.path().toAbsolutePath().toString());
            storage = Storage.open(dir.path(), serverSettings.getInt("shared_buffers"), registry);
            Catalog catalog = Catalog.load(storage);
            Database db = new Database(dir, storage, catalog, serverSettings, accessControl, passwordEncoder);
            Gauge.builder("larch.sessions", db.sessions, Map::size)
                    .description("Open sessions").register(registry);
            return db;
        } catch (RuntimeException e) {
            if (storage != null) {
                storage.close();
            }
            dir.close();
            throw e;
        }
    }

    /** The server-wide settings (config file values over defaults). */
    public Settings settings() {
        return settings;
    }

    /** The role named {@code name} from pg_authid. */
    public Optional<RoleInfo> findRole(String name) {
        return Optional.ofNullable(catalog.snapshot().role(name));
    }

    /** Whether a database of that name exists (pg_database). */
    public boolean databaseExists(String name) {
        return catalog.snapshot().database(name) != null;
    }

    /**
     * Starts a session for an authenticated role. {@code startupParameters} are the StartupMessage's
     * parameters (application_name, client_encoding, DateStyle, options "-c name=value"...); invalid
     * ones raise a DbException the front end sends as FATAL.
     */
    public Session openSession(RoleInfo role, String database, Map<String, String> startupParameters) {
        DatabaseInfo db = catalog.snapshot().database(database);
        if (db == null) {
            throw new DbException(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist")
                    .withSeverity(DbException.Severity.FATAL);
        }
        if (!db.allowConnections()) {
            throw new DbException(SqlState.OBJECT_IN_USE /* PostgreSQL: 55000 */,
                    "database \"" + database + "\" is not currently accepting connections")
                    .withSeverity(DbException.Severity.FATAL);
        }
        int pid = nextPid.getAndIncrement();
        Session session = new Session(this, role, database, pid, settings.copy());
        try {
            for (Map.Entry<String, String> p : startupParameters.entrySet()) {
                applyStartupParameter(session, p.getKey(), p.getValue());
            }
            session.settings().markResetValues();
        } catch (DbException e) {
            throw e.withSeverity(DbException.Severity.FATAL);
        }
        sessions.put(pid, session);
        return session;
    }

    private static void applyStartupParameter(Session session, String name, String value) {
        switch (name) {
            case "user", "database", "replication" -> {
            }
            case "options" -> {
                String[] words = value.trim().split("\\s+");
                for (int i = 0; i < words.length; i++) {
                    String w = words[i];
                    String assignment = null;
                    if (w.equals("-c") && i + 1 < words.length) {
                        assignment = words[++i];
                    } else if (w.startsWith("-c")) {
                        assignment = w.substring(2);
                    } else if (w.startsWith("--")) {
                        assignment = w.substring(2);
                    } else if (!w.isEmpty()) {
                        throw new DbException(SqlState.PROTOCOL_VIOLATION, "invalid command-line argument for "
                                + "server process: " + w);
                    }
                    if (assignment != null) {
                        int eq = assignment.indexOf('=');
                        if (eq < 0) {
                            throw new DbException(SqlState.SYNTAX_ERROR, "-c " + assignment + " requires a value");
                        }
                        applyStartupParameter(session, assignment.substring(0, eq).replace('-', '_'),
                                assignment.substring(eq + 1));
                    }
                }
            }
            default -> {
                SettingDefinition def = Settings.definition(name.toLowerCase(Locale.ROOT).equals("datestyle")
                        ? "DateStyle" : name);
                if (!Session.isSettableAtStartup(def)) {
                    throw new DbException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + def.name()
                            + "\" cannot be changed without restarting the server");
                }
                session.applySetting(def, value, false);
            }
        }
    }

    /** The session with that backend pid, if open (for cancel requests). */
    public Optional<Session> session(int pid) {
        return Optional.ofNullable(sessions.get(pid));
    }

    void sessionClosed(Session session) {
        sessions.remove(session.pid());
    }

    Catalog catalog() {
        return catalog;
    }

    Storage storage() {
        return storage;
    }

    AccessControl accessControl() {
        return accessControl;
    }

    PasswordEncoder passwordEncoder() {
        return passwordEncoder;
    }

    Transaction beginTransaction() {
        if (closed) {
            throw new DbException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
        }
        return new Transaction(nextTransactionId.getAndIncrement());
    }

    /** Flushes all data to disk, closes the files and releases the data directory's lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Session s : sessions.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing session " + s.pid(), e);
            }
        }
        try {
            storage.close();
        } finally {
            dataDirectory.close();
        }
    }
}
