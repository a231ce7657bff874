package org.larchdb.engine;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.config.SettingContext;
import org.larchdb.engine.config.SettingDefinition;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.IndexCheck;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.engine.sql.AnalysisContext;
import org.larchdb.engine.sql.Analyzer;
import org.larchdb.engine.sql.BoundStatement;
import org.larchdb.engine.sql.SqlSplitter;
import org.larchdb.engine.sql.SystemView;
import org.larchdb.engine.sql.UtilityParser;
import org.larchdb.engine.sql.UtilityStatement;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.catalog.SystemTable;
import org.larchdb.engine.tx.IsolationLevel;
import org.larchdb.engine.tx.Transaction;
import org.larchdb.engine.tx.TransactionLocks;
import org.larchdb.engine.tx.lock.LockMode;
import org.larchdb.engine.types.TextFormat;

/**
 * A client's session: its settings, transaction state, and the statements it runs. Not
 * thread-safe except {@link #cancel()}: the front end calls everything else from the session's
 * own execution thread.
 *
 * <p>Transactions: outside BEGIN … COMMIT every statement runs in an implicit transaction that
 * ends at {@link #sync()} (the extended protocol's Sync, the end of a simple query); an error rolls
 * it back. Inside a block an error puts the block in the failed state (25P02 until ROLLBACK).
 */
public final class Session implements AutoCloseable {
    private final Database database;
    private final RoleInfo sessionRole;
    private final String databaseName;
    private final int pid;
    private final Settings settings;
    private final UtilityCommands utility;
    private volatile SessionListener listener = SessionListener.NONE;
    private final org.larchdb.engine.sequence.SequenceFunctions sequenceFunctions;
    private volatile boolean cancelRequested;
    /** Why the running statement must stop (user request or statement_timeout), with cancelRequested. */
    private volatile DbException cancelReason;
    private final int databaseOid;
    private volatile boolean terminateRequested;
    private final SessionActivity activity;
    /** pg_stat_activity as first read in this transaction: PostgreSQL keeps it until the transaction ends. */
    private List<Object[]> statActivitySnapshot;
    private Transaction transaction;
    /** The transaction's locks (strict 2PL); null exactly when {@code transaction} is. */
    private volatile TransactionLocks locks;
    /** The open transaction's pending foreign-key checks and actions (exec/ForeignKeyChecks). */
    private org.larchdb.engine.exec.ForeignKeyChecks foreignKeyChecks;
    /** Statements run in the current transaction (SET TRANSACTION must come first). */
    private int statementsInTransaction;
    private final List<NamedSavepoint> savepoints = new ArrayList<>();
    private Instant transactionStart;
    private boolean inBlock;
    private boolean failed;
    /** Settings changed in the current transaction and their values before, restored on rollback. */
    private final Map<String, String> settingsBeforeTransaction = new LinkedHashMap<>();
    /** SET LOCAL values' previous values, restored at transaction end. */
    private final Map<String, String> localSettings = new LinkedHashMap<>();
    private ZoneId timeZone;

    Session(Database database, RoleInfo role, String databaseName, int pid, Settings settings,
            SessionActivity activity) {
        this.database = database;
        this.activity = activity;
        this.sessionRole = role;
        this.databaseName = databaseName;
        this.pid = pid;
        this.settings = settings;
        this.utility = new UtilityCommands(this, database);
        var db = database.catalog().snapshot().database(databaseName);
        this.databaseOid = db == null ? 0 : (int) db.oid();
        this.sequenceFunctions = new org.larchdb.engine.sequence.SequenceFunctions(database.catalog(),
                database.sequences(), this::searchPath, this::role,
                () -> "on".equals(settings.get("transaction_read_only")));
        settings.set("is_superuser", role.superuser() ? "on" : "off");
        settings.set("session_authorization", role.name());
        this.timeZone = zoneOf(settings.get("TimeZone"));
    }

    // ---- facts

    /** The backend process id reported in BackendKeyData and pg_stat_activity. */
    public int pid() {
        return pid;
    }

    public RoleInfo role() {
        RoleInfo current = database.catalog().snapshot().role(sessionRole.oid());
        return current != null ? current : sessionRole;
    }

    public String databaseName() {
        return databaseName;
    }

    /** What this session is doing, as pg_stat_activity shows it. */
    public SessionActivity activity() {
        return activity;
    }

    Settings settings() {
        return settings;
    }

    /**
     * The session's settings for text input and output of values: TimeZone, extra_float_digits and the field
     * order of DateStyle.
     */
    public TextFormat textFormat() {
        return new TextFormat(timeZone, settings.getInt("extra_float_digits"),
                TextFormat.dateOrderOf(settings.get("DateStyle")),
                TextFormat.intervalStyleOf(settings.get("IntervalStyle")));
    }

    /** The session's TimeZone, for text output of timestamptz values. */
    public ZoneId timeZone() {
        return timeZone;
    }

    SessionListener listener() {
        return listener;
    }

    /** Parameters to report with ParameterStatus after authentication, in order. */
    public Map<String, String> reportedParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<SettingDefinition, String> e : settings.all()) {
            if (e.getKey().reported()) {
                out.put(e.getKey().name(), e.getValue());
            }
        }
        return out;
    }

    public void setListener(SessionListener listener) {
        this.listener = listener == null ? SessionListener.NONE : listener;
    }

    /**
     * Cuts a simple-query string into statements at top-level semicolons (quotes, comments and
     * dollar quotes respected). An empty or whitespace/comment-only string gives an empty list.
     */
    public List<StatementText> split(String sql) {
        return SqlSplitter.split(sql);
    }

    // ---- prepare, bind, execute

    /**
     * Parses and analyzes one statement. {@code parameterTypeOids} are the types the client gave
     * for $1.. (0 = unspecified, to be inferred). Throws DbException (42601 with position, 42P01...).
     */
    public PreparedQuery prepare(String sql, int[] parameterTypeOids) {
        activity.running(sql);
        try {
            if (failed && !isTransactionExit(sql)) {
                throw abortedError();
            }
            CatalogSnapshot snapshot = database.catalog().snapshot();
            Analyzer.Result result = Analyzer.analyze(sql, analysisContext(snapshot), parameterTypeOids);
            return new StatementHandle(sql, parameterTypeOids, result.parameterTypes(), result.statement(), snapshot);
        } catch (DbException e) {
            noteError();
            throw e;
        } catch (RuntimeException e) {
            noteError();
            throw internalError(e);
        }
    }

    /** Binds parameter values (already decoded to their Java representation) to a prepared statement. */
    public Portal bind(PreparedQuery query, Object[] parameters) {
        try {
            StatementHandle handle = (StatementHandle) query;
            if (failed && !isTransactionExit(handle.sql())) {
                throw abortedError();
            }
            BoundStatement statement = handle.statement();
            CatalogSnapshot now = database.catalog().snapshot();
            if (now != handle.snapshot() && !(statement instanceof BoundStatement.Utility)) {
                // The catalog changed since PREPARE: analyze again so names resolve to current objects.
                Analyzer.Result again = Analyzer.analyze(handle.sql(), analysisContext(now), handle.declaredTypes());
                if (!java.util.Objects.equals(again.statement().resultColumns(), handle.resultColumns())) {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
                }
                statement = again.statement();
            }
            if (parameters.length != handle.parameterTypes().size()) {
                throw new DbException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + parameters.length
                        + " parameters, but prepared statement requires " + handle.parameterTypes().size());
            }
            return new PortalState(handle, statement, parameters, now);
        } catch (DbException e) {
            noteError();
            throw e;
        } catch (RuntimeException e) {
            noteError();
            throw internalError(e);
        }
    }

    /**
     * Runs a portal, sending at most {@code maxRows} rows (0 = all) to {@code sink}. Returns the
     * command tag, or {@link ExecResult#SUSPENDED} when rows remain for a later call.
     */
    public ExecResult execute(Portal portal, long maxRows, RowSink sink) {
        PortalState p = (PortalState) portal;
        cancelRequested = false;
        cancelReason = null;
        activity.running(((StatementHandle) p.query()).sql());
        java.util.concurrent.Future<?> timeout = startStatementTimer();
        boolean statementDone = true;
        try {
            ExecResult r = executeInner(p, maxRows, sink);
            statementDone = r != ExecResult.SUSPENDED;
            return r;
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            TransactionLocks l = locks;
            if (l != null && statementDone) {
                l.endStatement();
            }
        }
    }

    /** statement_timeout: a timer that cancels this statement (57014) when it runs too long. */
    private java.util.concurrent.Future<?> startStatementTimer() {
        long ms = settings.getLong("statement_timeout");
        if (ms <= 0) {
            return null;
        }
        return database.timers().schedule(() -> requestCancel(new DbException(SqlState.QUERY_CANCELED,
                "canceling statement due to statement timeout")), ms, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private ExecResult executeInner(PortalState p, long maxRows, RowSink sink) {
        try {
            if (p.completedTag != null) {
                return ExecResult.complete(p.completedTag);
            }
            BoundStatement statement = p.statement();
            if (failed && !(statement instanceof BoundStatement.Utility u && isTransactionExit(u.statement()))) {
                throw abortedError();
            }
            if (statement instanceof BoundStatement.Utility u && isTransactionControl(u.statement())) {
                return complete(p, utility.transactionControl(u.statement()));
            }
            ensureTransaction();
            if (p.cursor == null && p.utilityRows == null) {
                database.accessControl().checkStatement(role(), oid -> database.catalog().snapshot().role(oid),
                        statement.privileges());
                beginStatement(p, statement);
                statement = replanIfCatalogChanged(p);
            }
            ExecContext ctx = new SessionExecContext(p);
            return switch (statement) {
                case BoundStatement.Query q -> {
                    if (p.cursor == null) {
                        p.cursor = q.plan().open(ctx);
                    }
                    yield stream(p, p.cursor, maxRows, sink);
                }
                case BoundStatement.Modify m -> {
                    if (m.returning() == null) {
                        long n = m.plan().execute(ctx);
                        endOfModify(ctx);
                        yield complete(p, modifyTag(m, n));
                    }
                    if (p.utilityRows == null) {
                        // PostgreSQL runs the whole change on the first Execute; the rows wait in the portal.
                        List<Object[]> rows = new ArrayList<>();
                        long n = m.plan().execute(ctx, stored -> rows.add(project(m.returning(), stored, ctx)));
                        endOfModify(ctx);
                        p.utilityRows = rows;
                        p.pendingTag = modifyTag(m, n);
                    }
                    yield sendRows(p, maxRows, sink, p.pendingTag);
                }
                case BoundStatement.CreateTable c -> complete(p, utility.createTable(c, ctx));
                case BoundStatement.CreateIndex c -> complete(p, utility.createIndex(c, ctx));
                case BoundStatement.CreateTableAs c -> complete(p, new TableCommands(this, database)
                        .createTableAs(c, ctx));
                case BoundStatement.Utility u -> {
                    if (u.resultColumns() == null) {
                        yield complete(p, utility.run(u.statement(), ctx));
                    }
                    if (p.utilityRows == null) {
                        p.utilityRows = utility.show((UtilityStatement.ShowVariable) u.statement());
                    }
                    yield sendRows(p, maxRows, sink, "SHOW");
                }
            };
        } catch (DbException e) {
            p.close();
            noteError();
            throw e;
        } catch (RuntimeException e) {
            p.close();
            noteError();
            throw internalError(e);
        }
    }

    /**
     * The foreign-key work a data-changing statement queued: at its end, and the deferred checks
     * too when no transaction block is open (its commit follows).
     */
    private void endOfModify(ExecContext ctx) {
        if (foreignKeyChecks != null) {
            foreignKeyChecks.endStatement(ctx);
            if (!inBlock) {
                foreignKeyChecks.beforeCommit(ctx);
            }
        }
    }

    private ExecResult stream(PortalState p, RowSource cursor, long maxRows, RowSink sink) {
        long sent = 0;
        while (maxRows <= 0 || sent < maxRows) {
            Object[] row = cursor.next();
            if (row == null) {
                p.close();
                return complete(p, "SELECT " + p.rowsSent);
            }
            sink.accept(row);
            sent++;
            p.rowsSent++;
        }
        return ExecResult.SUSPENDED;
    }

    /** Sends the portal's next rows of {@code p.utilityRows}; completes with {@code tag} after the last. */
    private static ExecResult sendRows(PortalState p, long maxRows, RowSink sink, String tag) {
        int from = (int) p.rowsSent;
        int to = maxRows <= 0 ? p.utilityRows.size() : (int) Math.min(p.utilityRows.size(), from + maxRows);
        for (int i = from; i < to; i++) {
            sink.accept(p.utilityRows.get(i));
        }
        p.rowsSent = to;
        return to < p.utilityRows.size() ? ExecResult.SUSPENDED : complete(p, tag);
    }

    private static String modifyTag(BoundStatement.Modify m, long n) {
        return switch (m.kind()) {
            case INSERT -> "INSERT 0 " + n;
            case UPDATE -> "UPDATE " + n;
            default -> "DELETE " + n;
        };
    }

    /** One RETURNING row: the list's expressions over a row as stored. */
    private static Object[] project(List<Expr> exprs, Object[] stored, ExecContext ctx) {
        Object[] out = new Object[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Evaluator.eval(exprs.get(i), stored, ctx);
        }
        return out;
    }

    private static ExecResult complete(PortalState p, String tag) {
        p.completedTag = tag;
        return ExecResult.complete(tag);
    }

    /**
     * Ends an implicit transaction (the extended protocol's Sync, the end of a simple query):
     * commits it if no error happened, otherwise rolls it back. No effect inside BEGIN … COMMIT.
     */
    public void sync() {
        try {
            if (!inBlock && transaction != null) {
                finishTransaction(true);
            }
        } finally {
            activity.idle(transactionStatus());
        }
    }

    /** ReadyForQuery's status: 'I' idle, 'T' in a transaction block, 'E' in a failed block. */
    public char transactionStatus() {
        return !inBlock ? 'I' : failed ? 'E' : 'T';
    }

    /** Asks the running statement to stop with 57014; callable from any thread. */
    public void cancel() {
        requestCancel(new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request"));
    }

    /** Stops the running statement with {@code reason}, also when it waits for a lock. */
    private void requestCancel(DbException reason) {
        cancelReason = reason;
        cancelRequested = true;
        TransactionLocks l = locks;
        if (l != null) {
            l.wakeUp();
        }
    }

    /** The pending cancel the lock manager checks while this session waits (consumed by the throw). */
    private DbException pendingCancel() {
        if (!cancelRequested) {
            return null;
        }
        cancelRequested = false;
        DbException r = cancelReason;
        return r != null ? r : new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    }

    /**
     * pg_terminate_backend: the running statement fails FATAL 57P01 and the front end closes the
     * connection (told through {@link SessionListener#terminateRequested()}); callable from any thread.
     */
    public void terminate() {
        terminateRequested = true;
        requestCancel(new DbException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command")
                .withSeverity(DbException.Severity.FATAL));
        listener.terminateRequested();
    }

    /** Rolls back any open transaction and releases everything the session holds. */
    @Override
    public void close() {
        if (transaction != null) {
            finishTransaction(false);
        }
        database.sessionClosed(this);
    }

    // ---- transactions

    private void ensureTransaction() {
        if (transaction == null) {
            transaction = database.beginTransaction();
            transactionStart = Instant.now();
            statementsInTransaction = 0;
            locks = new TransactionLocks(database.lockManager(), databaseOid, transaction.id(), pid,
                    this::pendingCancel);
            foreignKeyChecks = new org.larchdb.engine.exec.ForeignKeyChecks(database.catalog()::snapshot,
                    this::searchPath);
            // Each transaction starts with the session's defaults (SET TRANSACTION / BEGIN … change them).
            applySetting(Settings.definition("transaction_isolation"),
                    settings.get("default_transaction_isolation"), true);
            applySetting(Settings.definition("transaction_read_only"),
                    settings.get("default_transaction_read_only"), true);
            activity.transactionStarted(transactionStart, transaction);
        }
    }

    /**
     * A statement's first Execute: its locks on the relations it names (IS to read, IX to write;
     * DDL also takes the catalog lock that serialises DDL), after the read-only check.
     */
    private void beginStatement(PortalState p, BoundStatement statement) {
        if (statement instanceof BoundStatement.Query || statement instanceof BoundStatement.Modify) {
            statementsInTransaction++;
        }
        locks.beginStatement(p.sqlText(), IsolationLevel.of(settings.get("transaction_isolation")),
                java.time.Duration.ofMillis(settings.getLong("lock_timeout")),
                java.time.Duration.ofMillis(settings.getLong("deadlock_timeout")));
        boolean writes = statement instanceof BoundStatement.Modify || statement.kind() == StatementKind.DDL;
        if (writes && settings.getBool("transaction_read_only")) {
            throw new DbException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute "
                    + (statement instanceof BoundStatement.CreateTableAs ? "CREATE TABLE AS" : commandName(p.sqlText()))
                    + " in a read-only transaction");
        }
        if (statement.kind() == StatementKind.DDL) {
            locks.lockRelation(SystemTable.PG_CLASS.oid(), LockMode.ACCESS_EXCLUSIVE);
        }
        lockRelations(statement);
    }

    /** IS on each table the statement reads, IX on each it writes (from its privilege list). */
    private void lockRelations(BoundStatement statement) {
        for (RequiredPrivilege r : statement.privileges()) {
            if (r.kind() == ObjectKind.TABLE && r.objectOid() >= 16384) {
                LockMode mode = switch (r.privilege()) {
                    case INSERT, UPDATE, DELETE -> LockMode.IX;
                    default -> LockMode.IS;
                };
                locks.lockRelation(r.objectOid(), mode);
            }
        }
    }

    /**
     * A statement that waited for its table locks may have been planned before DDL that has now
     * committed (a dropped table, a rewrite that gave the table new files): as PostgreSQL does
     * after taking its locks, analyze it again against the catalog as it is now, then check and
     * lock what the new plan names. Statements of the session's own transaction see no change.
     */
    private BoundStatement replanIfCatalogChanged(PortalState p) {
        BoundStatement statement = p.statement();
        for (int attempt = 0; attempt < 3 && !(statement instanceof BoundStatement.Utility)
                && database.catalog().snapshot() != p.snapshot(); attempt++) {
            CatalogSnapshot now = database.catalog().snapshot();
            Analyzer.Result again = Analyzer.analyze(p.sqlText(), analysisContext(now), p.handle().declaredTypes());
            if (!java.util.Objects.equals(again.statement().resultColumns(), p.resultColumns())) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
            }
            p.replaceStatement(again.statement(), now);
            statement = again.statement();
            database.accessControl().checkStatement(role(), oid -> database.catalog().snapshot().role(oid),
                    statement.privileges());
            lockRelations(statement);
        }
        return statement;
    }

    /** The command named in "cannot execute X in a read-only transaction": INSERT, CREATE TABLE... */
    private static String commandName(String sql) {
        String[] words = sql.trim().split("\\s+", 4);
        String first = words[0].toUpperCase(Locale.ROOT);
        if (first.equals("TRUNCATE")) {
            return "TRUNCATE TABLE";
        }
        if ((first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER")) && words.length > 1) {
            String second = words[1].toUpperCase(Locale.ROOT);
            if (second.equals("UNIQUE") && words.length > 2) {
                return first + " " + words[2].toUpperCase(Locale.ROOT);
            }
            return first + " " + second.replaceAll("[^A-Z]", "");
        }
        return first.replaceAll("[^A-Z]", "");
    }

    // ---- savepoints

    /** A savepoint: the transaction's position and every setting's value at that moment. */
    private record NamedSavepoint(String name, Transaction.Savepoint mark, Map<String, String> settings) {
    }

    private Map<String, String> settingValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<SettingDefinition, String> e : settings.all()) {
            values.put(e.getKey().name(), e.getValue());
        }
        return values;
    }

    private void requireBlock(String command) {
        if (!inBlock) {
            throw new DbException(SqlState.NO_ACTIVE_SQL_TRANSACTION, command + " can only be used in transaction blocks");
        }
    }

    private int findSavepoint(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new DbException(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
    }

    /** SAVEPOINT name. */
    void savepoint(String name) {
        requireBlock("SAVEPOINT");
        ensureTransaction();
        savepoints.add(new NamedSavepoint(name, transaction.savepoint(), settingValues()));
    }

    /** RELEASE SAVEPOINT name: forgets it and every later one; their changes stay. */
    void releaseSavepoint(String name) {
        requireBlock("RELEASE SAVEPOINT");
        int i = findSavepoint(name);
        savepoints.subList(i, savepoints.size()).clear();
    }

    /**
     * ROLLBACK TO SAVEPOINT name: undoes what the transaction did since (rows, indexes, catalog,
     * settings), ends the failed state, keeps the savepoint and forgets later ones. Locks stay.
     */
    void rollbackToSavepoint(String name) {
        requireBlock("ROLLBACK TO SAVEPOINT");
        int i = findSavepoint(name);
        NamedSavepoint sp = savepoints.get(i);
        transaction.rollbackTo(sp.mark());
        savepoints.subList(i + 1, savepoints.size()).clear();
        sp.settings().forEach((settingName, value) -> {
            if (!value.equals(settings.get(settingName))) {
                restoreSetting(settingName, value);
            }
        });
        failed = false;
    }

    /** The transaction's locks (the current transaction is started if needed). */
    /** The open transaction's foreign-key queue (null outside a transaction). */
    org.larchdb.engine.exec.ForeignKeyChecks foreignKeyChecks() {
        return foreignKeyChecks;
    }

    TransactionLocks locks() {
        ensureTransaction();
        return locks;
    }

    /** Whether the transaction ran a statement already (SET TRANSACTION ISOLATION must come first). */
    boolean transactionHasStatements() {
        return statementsInTransaction > 0;
    }

    /** BEGIN: the current (implicit) transaction becomes an explicit block. */
    void beginBlock() {
        ensureTransaction();
        inBlock = true;
    }

    boolean inBlock() {
        return inBlock;
    }

    boolean isFailed() {
        return failed;
    }

    /** Commits (or, when failed or asked, rolls back) the current transaction and leaves any block. */
    void finishTransaction(boolean commit) {
        org.larchdb.engine.exec.ForeignKeyChecks fk = foreignKeyChecks;
        foreignKeyChecks = null;
        if (commit && !failed && transaction != null && fk != null && !fk.isEmpty()) {
            // Deferred foreign keys are checked now; a violation rolls the transaction back (PostgreSQL).
            try {
                fk.beforeCommit(new SessionExecContext(null));
            } catch (RuntimeException e) {
                finishTransaction(false);
                throw e;
            }
        }
        Transaction t = transaction;
        transaction = null;
        transactionStart = null;
        activity.transactionEnded();
        statActivitySnapshot = null;
        boolean rollback = !commit || failed;
        inBlock = false;
        failed = false;
        TransactionLocks l = locks;
        locks = null;
        savepoints.clear();
        try {
            if (t != null) {
                if (rollback) {
                    t.rollback();
                } else {
                    // synchronous_commit = off: the background WAL flusher makes it durable (~200 ms).
                    t.commit(!"off".equals(settings.get("synchronous_commit")));
                }
            }
        } finally {
            // Strict 2PL: every lock is held until the outcome is durable (or the undo is done).
            if (l != null) {
                l.releaseAll();
            }
        }
        if (rollback) {
            settingsBeforeTransaction.forEach(this::restoreSetting);
        }
        localSettings.forEach(this::restoreSetting);
        settingsBeforeTransaction.clear();
        localSettings.clear();
    }

    private void restoreSetting(String name, String value) {
        String old = settings.get(name);
        settings.set(name, value);
        afterSettingChange(name, old);
    }

    /** After an error: a block becomes failed; an implicit transaction is rolled back at once. */
    private void noteError() {
        if (foreignKeyChecks != null) {
            foreignKeyChecks.discardStatement();
        }
        if (inBlock) {
            failed = true;
        } else if (transaction != null) {
            finishTransaction(false);
        }
    }

    private static boolean isTransactionExit(String sql) {
        try {
            UtilityStatement s = UtilityParser.tryParse(sql);
            return s != null && isTransactionExit(s);
        } catch (DbException e) {
            return false;
        }
    }

    /** Statements a failed transaction block still accepts. */
    private static boolean isTransactionExit(UtilityStatement s) {
        return s instanceof UtilityStatement.Commit || s instanceof UtilityStatement.Rollback
                || s instanceof UtilityStatement.RollbackToSavepoint;
    }

    private static boolean isTransactionControl(UtilityStatement s) {
        return s instanceof UtilityStatement.Begin || s instanceof UtilityStatement.Savepoint
                || s instanceof UtilityStatement.ReleaseSavepoint || isTransactionExit(s);
    }

    private static DbException abortedError() {
        return new DbException(SqlState.IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    private static DbException internalError(RuntimeException e) {
        System.getLogger("org.larchdb.engine").log(System.Logger.Level.ERROR, "internal error", e);
        return DbException.internal("internal error: " + e, e);
    }

    // ---- settings

    /** Sets a parameter as SET does, checking when it may change; reports it if needed. */
    void setSetting(String name, String value, boolean local) {
        SettingDefinition def = Settings.definition(name);
        switch (def.context()) {
            case INTERNAL -> throw new DbException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"" + def.name().toLowerCase(Locale.ROOT) + "\" cannot be changed");
            case POSTMASTER -> throw new DbException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"" + def.name().toLowerCase(Locale.ROOT)
                            + "\" cannot be changed without restarting the server");
            case SIGHUP -> throw new DbException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"" + def.name().toLowerCase(Locale.ROOT) + "\" cannot be changed now");
            case SUPERUSER -> {
                if (!role().superuser()) {
                    throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE,
                            "permission denied to set parameter \"" + def.name().toLowerCase(Locale.ROOT) + "\"");
                }
            }
            case USER -> {
            }
        }
        applySetting(def, value, local);
    }

    /** Applies a setting without the context check (startup parameters, RESET). */
    void applySetting(SettingDefinition def, String value, boolean local) {
        String old = settings.get(def.name());
        String normalized = value == null ? settings.resetValue(def.name()) : normalizeSpecial(def, value);
        if (inBlock || transaction != null) {
            Map<String, String> memo = local ? localSettings : settingsBeforeTransaction;
            memo.putIfAbsent(def.name(), old);
        }
        settings.set(def.name(), normalized);
        afterSettingChange(def.name(), old);
    }

    private String normalizeSpecial(SettingDefinition def, String value) {
        return switch (def.name()) {
            case "TimeZone" -> {
                zoneOf(value);
                yield value.equalsIgnoreCase("utc") ? "UTC" : value;
            }
            case "client_encoding" -> {
                String v = value.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
                if (!v.equals("UTF8") && !v.equals("UNICODE")) {
                    throw DbException.notSupported("client_encoding " + value + " (only UTF8)");
                }
                yield "UTF8";
            }
            default -> value;
        };
    }

    private void afterSettingChange(String name, String old) {
        String now = settings.get(name);
        if (name.equals("TimeZone")) {
            timeZone = zoneOf(now);
        } else if (name.equals("application_name")) {
            activity.applicationName(now);
        }
        if (Settings.definition(name).reported() && !now.equals(old)) {
            listener.parameterChanged(Settings.definition(name).name(), now);
        }
    }

    static ZoneId zoneOf(String name) {
        try {
            String n = name.trim();
            if (n.equalsIgnoreCase("utc") || n.equalsIgnoreCase("gmt") || n.equalsIgnoreCase("z")) {
                return ZoneId.of("UTC");
            }
            return ZoneId.of(n);
        } catch (DateTimeException e) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"TimeZone\": \""
                    + name + "\"");
        }
    }

    /**
     * A relation named in a utility statement: in the given schema (3F000 when it does not exist),
     * else the first found along pg_catalog and search_path ("$user" = the current role); null when
     * there is none.
     */
    RelationInfo lookupRelation(CatalogSnapshot snapshot, UtilityStatement.QualifiedName qn) {
        if (qn.schema() != null) {
            var ns = snapshot.namespace(qn.schema());
            if (ns == null) {
                throw new DbException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + qn.schema() + "\" does not exist");
            }
            return snapshot.relation(ns.oid(), qn.name());
        }
        List<String> path = new ArrayList<>();
        path.add("pg_catalog");
        path.addAll(searchPath());
        for (String s : path) {
            var ns = snapshot.namespace(s.equals("$user") ? role().name() : s);
            RelationInfo rel = ns == null ? null : snapshot.relation(ns.oid(), qn.name());
            if (rel != null) {
                return rel;
            }
        }
        return null;
    }

    /** search_path as a list of schema names ("$user" kept for the analyzer to expand). */
    List<String> searchPath() {
        List<String> path = new ArrayList<>();
        for (String part : settings.get("search_path").split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) {
                path.add(s.substring(1, s.length() - 1).replace("\"\"", "\""));
            } else {
                path.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return path;
    }

    private AnalysisContext analysisContext(CatalogSnapshot snapshot) {
        return new AnalysisContext(snapshot, searchPath(), role(), textFormat());
    }

    Transaction transaction() {
        ensureTransaction();
        return transaction;
    }

    /** The execution context of one portal run. */
    private final class SessionExecContext implements ExecContext {
        private final PortalState portal;
        private TextFormat textFormat;

        SessionExecContext(PortalState portal) {
            this.portal = portal;
        }

        @Override
        public HeapFile heap(RelationInfo relation) {
            return database.storage().heap(relation.relfilenode());
        }

        @Override
        public org.larchdb.engine.exec.ForeignKeyChecks foreignKeyChecks() {
            return foreignKeyChecks;
        }

        @Override
        public org.larchdb.engine.sequence.SequenceFunctions sequences() {
            return sequenceFunctions;
        }

        @Override
        public String description(long objoid, String catalog, int objsubid) {
            return database.catalog().description(objoid, catalog, objsubid);
        }

        @Override
        public boolean checkIndex(String indexName) {
            CatalogSnapshot snapshot = database.catalog().snapshot();
            for (RelationInfo table : snapshot.relationsByOid().values()) {
                for (IndexInfo index : table.indexes()) {
                    if (index.name().equals(indexName) && searchPathHas(snapshot, table.namespaceOid())) {
                        database.accessControl().check(role(), List.of(new RequiredPrivilege(ObjectKind.TABLE,
                                table.oid(), table.name(), table.owner(), Privilege.OWNERSHIP, List.of())));
                        List<String> problems = IndexCheck.check(table, index, this);
                        if (!problems.isEmpty()) {
                            throw new DbException(SqlState.INDEX_CORRUPTED, "index \"" + indexName
                                    + "\" is corrupted").withDetail(String.join("\n", problems));
                        }
                        return true;
                    }
                }
            }
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + indexName + "\" does not exist");
        }

        private boolean searchPathHas(CatalogSnapshot snapshot, long namespaceOid) {
            if (namespaceOid == org.larchdb.engine.catalog.Catalog.PG_CATALOG_NAMESPACE) {
                return true;
            }
            for (String s : searchPath()) {
                var ns = snapshot.namespace(s.equals("$user") ? role().name() : s);
                if (ns != null && ns.oid() == namespaceOid) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public BTree btree(IndexInfo index) {
            return database.storage().btree(index.relfilenode());
        }

        @Override
        public Transaction transaction() {
            return Session.this.transaction();
        }

        @Override
        public TransactionLocks locks() {
            return Session.this.locks();
        }

        @Override
        public List<Object[]> systemViewRows(SystemView view) {
            return switch (view) {
                case PG_SETTINGS -> utility.pgSettingsRows();
                case PG_STAT_ACTIVITY -> {
                    if (statActivitySnapshot == null) {
                        statActivitySnapshot = PgStatActivityView.rows(database.activities(), role(),
                                database.lockManager());
                    }
                    yield PgStatActivityView.copy(statActivitySnapshot);
                }
                case PG_LOCKS -> PgLocksView.rows(database.lockManager().snapshot());
            };
        }

        @Override
        public Object parameter(int index) {
            return portal.parameter(index);
        }

        @Override
        public ZoneId timeZone() {
            return timeZone;
        }

        @Override
        public TextFormat textFormat() {
            // Evaluated per row by casts: built once per portal run (settings do not change while a statement runs)
            if (textFormat == null) {
                textFormat = Session.this.textFormat();
            }
            return textFormat;
        }

        @Override
        public Instant transactionStart() {
            return transactionStart != null ? transactionStart : Instant.now();
        }

        @Override
        public String currentUser() {
            return role().name();
        }

        @Override
        public String sessionUser() {
            return sessionRole.name();
        }

        @Override
        public String currentDatabase() {
            return databaseName;
        }

        @Override
        public String currentSchema() {
            CatalogSnapshot snapshot = database.catalog().snapshot();
            for (String s : searchPath()) {
                String name = s.equals("$user") ? role().name() : s;
                if (snapshot.namespace(name) != null) {
                    return name;
                }
            }
            return null;
        }

        @Override
        public String setting(String name) {
            return settings.get(name);
        }

        @Override
        public int backendPid() {
            return pid;
        }

        @Override
        public boolean signalBackend(int targetPid, boolean terminate, long timeoutMillis) {
            return BackendSignals.signal(database, role(), pid, targetPid, terminate, timeoutMillis,
                    listener::notice);
        }

        @Override
        public void checkInterrupts() {
            if (terminateRequested) {
                throw new DbException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command")
                        .withSeverity(DbException.Severity.FATAL);
            }
            DbException cancel = pendingCancel();
            if (cancel != null) {
                throw cancel;
            }
        }
    }

    static boolean isSettableAtStartup(SettingDefinition def) {
        return def.context() == SettingContext.USER || def.context() == SettingContext.SUPERUSER;
    }
}
