package org.larchdb.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.larchdb.engine.storage.Checkpointer;
import org.larchdb.engine.storage.DataDirectory;
import org.larchdb.engine.storage.PendingDelete;
import org.larchdb.engine.storage.Recovery;
import org.larchdb.engine.storage.Storage;
import org.larchdb.engine.storage.wal.ControlFile;
import org.larchdb.engine.storage.wal.WalOptions;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalSegments;
import org.larchdb.engine.storage.wal.WalWriter;
import org.larchdb.engine.tx.Transaction;
import org.larchdb.engine.tx.lock.LockManager;
import org.larchdb.engine.tx.lock.LockManagerConfig;

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
    /** The running transactions (the checkpoint's transaction table). */
    private final Map<Long, Transaction> active = new ConcurrentHashMap<>();
    private final WalWriter wal;
    private final LockManager lockManager;
    private final org.larchdb.engine.sequence.SequenceStore sequences;
    private Checkpointer checkpointer;
    private volatile boolean closed;

    private Database(DataDirectory dataDirectory, Storage storage, Catalog catalog, Settings settings,
                     AccessControl accessControl, PasswordEncoder passwordEncoder, MeterRegistry registry) {
        this.dataDirectory = dataDirectory;
        this.storage = storage;
        this.wal = storage.wal();
        this.catalog = catalog;
        this.sequences = new org.larchdb.engine.sequence.SequenceStore(storage);
        this.settings = settings;
        this.accessControl = accessControl;
        this.passwordEncoder = passwordEncoder;
        LockManagerConfig lockConfig = LockManagerConfig.DEFAULTS
                .withDeadlockTimeout(java.time.Duration.ofMillis(settings.getLong("deadlock_timeout")))
                .withEscalationThreshold(settings.getInt("lock_escalation_threshold"));
        this.lockManager = new LockManager(lockConfig, this::relationName, registry);
    }

    /** A relation's name for lock error messages (null when the OID is unknown). */
    private String relationName(int database, int relation) {
        var r = catalog.snapshot().relation(relation);
        return r == null ? null : r.name();
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
        initialize(dataDir, superuserName, passwordVerifier, WalOptions.defaults());
    }

    /** As above with WAL options (the segment size must then be the same at every open). */
    public static void initialize(Path dataDir, String superuserName, String passwordVerifier, WalOptions walOptions) {
        DataDirectory.create(dataDir);
        try (DataDirectory dir = DataDirectory.open(dataDir);
             WalWriter wal = WalWriter.open(dir.path().resolve(WAL_DIR), walOptions.withWalWriterDelay(null));
             Storage storage = Storage.open(dir.path(), 64, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                     wal)) {
            Catalog.bootstrap(storage, superuserName, passwordVerifier);
            // The first checkpoint: the control file recovery starts from.
            new Checkpointer(dir.path(), storage, java.util.List::of, () -> Catalog.BOOTSTRAP_XID + 1, () -> 0)
                    .checkpoint(ControlFile.State.SHUT_DOWN);
        }
    }

    /** Where the WAL segments live under the data directory. */
    public static final String WAL_DIR = "pg_wal";

    /** Opens an initialised data directory (taking its lock file) with the server's settings. */
    public static Database open(Path dataDir, Settings serverSettings, MeterRegistry registry,
                                AccessControl accessControl, PasswordEncoder passwordEncoder) {
        return open(dataDir, serverSettings, registry, accessControl, passwordEncoder, WalOptions.defaults());
    }

    /**
     * As above with explicit WAL options (tests use small segments). Runs crash recovery first if
     * the server did not shut down cleanly (docs/storage.md §9): nothing is served before it ends.
     */
    public static Database open(Path dataDir, Settings serverSettings, MeterRegistry registry,
                                AccessControl accessControl, PasswordEncoder passwordEncoder, WalOptions walOptions) {
        DataDirectory dir = DataDirectory.open(dataDir);
        Storage storage = null;
        WalWriter wal = null;
        try {
            serverSettings.set("data_directory", dir.path().toAbsolutePath().toString());
            long t0 = System.nanoTime();
            Recovery.Analysis analysis = analyzeLog(dir.path(), walOptions);
            wal = WalWriter.open(dir.path().resolve(WAL_DIR), walOptions.withRegistry(registry));
            storage = Storage.open(dir.path(), serverSettings.getInt("shared_buffers"), registry, wal);
            storage.bufferPool().setRedoLsn(analysis.redoLsn()); // undo's changes get their images too
            recover(dir.path(), storage, analysis, t0);
            // Rows deleted by transactions that committed just before the crash, not purged yet:
            // catalog rows before the catalog is read, user rows (with their index entries) after.
            for (PendingDelete d : analysis.pendingDeletes()) {
                if (d.relfilenode() < FIRST_USER_RELFILENODE) {
                    storage.heap(d.relfilenode()).purge(d.tid());
                }
            }
            Catalog catalog = Catalog.load(storage);
            purgeLeftovers(storage, catalog, analysis.pendingDeletes());
            Database db = new Database(dir, storage, catalog, serverSettings, accessControl, passwordEncoder,
                    registry);
            db.nextTransactionId.set(Math.max(analysis.nextXid(), Catalog.BOOTSTRAP_XID + 1));
            db.checkpointer = new Checkpointer(dir.path(), storage, db::activeTransactions,
                    db.nextTransactionId::get, db::oldestFirstLsn);
            db.checkpointer.checkpoint(ControlFile.State.IN_PRODUCTION);
            db.checkpointer.start(java.time.Duration.ofSeconds(serverSettings.getLong("checkpoint_timeout")),
                    serverSettings.getLong("max_wal_size") * 1024 * 1024);
            Gauge.builder("larch.sessions", db.sessions, Map::size)
                    .description("Open sessions").register(registry);
            return db;
        } catch (RuntimeException e) {
            if (storage != null) {
                storage.close();
            }
            if (wal != null) {
                wal.close();
            }
            dir.close();
            throw e;
        }
    }

    /** Relation files below this belong to the system catalogs (their relfilenode is their OID). */
    private static final int FIRST_USER_RELFILENODE = 16384;

    private static void purgeLeftovers(Storage storage, Catalog catalog, java.util.List<PendingDelete> leftovers) {
        for (PendingDelete d : leftovers) {
            if (d.relfilenode() < FIRST_USER_RELFILENODE) {
                continue;
            }
            for (var rel : catalog.snapshot().relationsByOid().values()) {
                if (rel.relfilenode() == d.relfilenode() && !rel.isIndex()) {
                    org.larchdb.engine.exec.TableWriter.purgeAfterCrash(rel, storage.heap(d.relfilenode()),
                            index -> storage.btree(index.relfilenode()), d.tid());
                }
            }
        }
        if (!leftovers.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "purged %d row(s) deleted just before the crash".formatted(leftovers.size()));
        }
    }

    /** Analysis, before the WAL writer cuts a torn tail (so the cut can be reported). */
    private static Recovery.Analysis analyzeLog(Path dataDir, WalOptions walOptions) {
        ControlFile control = ControlFile.read(dataDir).orElseThrow(() -> new DbException(SqlState.IO_ERROR,
                "could not open file \"global/pg_control\": No such file or directory")
                .withSeverity(DbException.Severity.FATAL));
        if (control.state() != ControlFile.State.SHUT_DOWN) {
            LOG.log(System.Logger.Level.INFO, "database system was interrupted; last known up at "
                    + java.time.Instant.ofEpochMilli(control.timeMillis()));
            LOG.log(System.Logger.Level.INFO,
                    "database system was not properly shut down; automatic recovery in progress");
        }
        Recovery.Analysis a = Recovery.analyze(dataDir.resolve(WAL_DIR), new WalSegments(walOptions.segmentSize()),
                control);
        if (a.tornTail()) {
            LOG.log(System.Logger.Level.INFO, a.stopReason() + "; WAL truncated at " + WalSegments.format(a.endLsn()));
        }
        if (control.state() != ControlFile.State.SHUT_DOWN) {
            new ControlFile(ControlFile.State.IN_CRASH_RECOVERY, control.checkpointLsn(), control.redoLsn(),
                    control.nextXid(), control.timeMillis()).write(dataDir);
        }
        return a;
    }

    /** Redo and undo; the caller then writes the end-of-recovery checkpoint. */
    private static void recover(Path dataDir, Storage storage, Recovery.Analysis a, long t0) {
        var pageStorage = (org.larchdb.engine.storage.PageStorage) storage;
        boolean report = a.crashed() || a.losers() > 0;
        if (report) {
            LOG.log(System.Logger.Level.INFO, "redo starts at " + WalSegments.format(a.redoLsn()));
        }
        long redone = Recovery.redo(dataDir.resolve(WAL_DIR), pageStorage, a);
        if (report) {
            LOG.log(System.Logger.Level.INFO, "redo done at %s: %d records read, %d page changes applied"
                    .formatted(WalSegments.format(a.endLsn()), a.records(), redone));
        }
        long undone = Recovery.undo(dataDir.resolve(WAL_DIR), pageStorage, a);
        if (a.losers() > 0) {
            LOG.log(System.Logger.Level.INFO, "undo done: %d transaction(s) rolled back, %d changes undone"
                    .formatted(a.losers(), undone));
        }
        if (report) {
            LOG.log(System.Logger.Level.INFO, "database system recovery finished in %d ms"
                    .formatted((System.nanoTime() - t0) / 1_000_000));
        }
    }

    private java.util.List<WalRecord.ActiveTransaction> activeTransactions() {
        java.util.List<WalRecord.ActiveTransaction> out = new java.util.ArrayList<>();
        for (Transaction t : active.values()) {
            WalRecord.ActiveTransaction entry = t.checkpointEntry();
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }

    private long oldestFirstLsn() {
        long oldest = 0;
        for (Transaction t : active.values()) {
            long first = t.firstLsn();
            if (first != 0 && (oldest == 0 || first < oldest)) {
                oldest = first;
            }
        }
        return oldest;
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
        return openSession(role, database, startupParameters, null);
    }

    /**
     * As above for a client at {@code client} (pg_stat_activity's client_addr and client_port);
     * null for a Unix-socket or in-process client.
     */
    public Session openSession(RoleInfo role, String database, Map<String, String> startupParameters,
                               InetSocketAddress client) {
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
        SessionActivity activity = new SessionActivity(pid, db.oid(), db.name(), role.oid(), role.name(), client);
        Session session = new Session(this, role, database, pid, settings.copy(), activity);
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

    /** CHECKPOINT: writes every dirty page and a checkpoint record now (what the checkpointer does when due). */
    void checkpoint() {
        checkpointer.checkpoint(ControlFile.State.IN_PRODUCTION);
    }

    /** The session with that backend pid, if open (for cancel requests). */
    public Optional<Session> session(int pid) {
        return Optional.ofNullable(sessions.get(pid));
    }

    /** What every open session is doing (pg_stat_activity), in no particular order. */
    public List<SessionActivity> activities() {
        List<SessionActivity> out = new ArrayList<>(sessions.size());
        for (Session s : sessions.values()) {
            out.add(s.activity());
        }
        return out;
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

    private final java.util.concurrent.ScheduledExecutorService timers =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "larch-timers");
                t.setDaemon(true);
                return t;
            });

    /** Runs statement_timeout timers (they only flag a session; the session's thread does the rest). */
    java.util.concurrent.ScheduledExecutorService timers() {
        return timers;
    }

    /** The current values of the sequences (shared by all sessions). */
    org.larchdb.engine.sequence.SequenceStore sequences() {
        return sequences;
    }

    /** The server's lock manager (strict two-phase locking; tx/lock/README.md). */
    public LockManager lockManager() {
        return lockManager;
    }

    /** The checkpointer (tests force checkpoints through it). */
    Checkpointer checkpointer() {
        return checkpointer;
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
        Transaction t = new Transaction(nextTransactionId.getAndIncrement(), storage, done -> active.remove(done.id()));
        active.put(t.id(), t);
        return t;
    }

    /** Flushes all data to disk, closes the files and releases the data directory's lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.shutdownNow();
        for (Session s : sessions.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing session " + s.pid(), e);
            }
        }
        try {
            checkpointer.close();
            // The shutdown checkpoint: every page on disk, nothing to redo at the next start.
            checkpointer.checkpoint(ControlFile.State.SHUT_DOWN);
            storage.close();
            wal.close();
        } finally {
            dataDirectory.close();
        }
    }

    /**
     * Test hook simulating kill -9: stops the checkpointer, forgets every buffered page unwritten,
     * and abandons the WAL (whatever was not yet flushed may or may not be on disk, as after a
     * crash — here it is what the OS got), then releases the directory lock.
     */
    public void crashForTesting() {
        closed = true;
        checkpointer.close();
        ((org.larchdb.engine.storage.PageStorage) storage).crashForTesting();
        wal.abandonForTesting();
        dataDirectory.close();
    }
}
