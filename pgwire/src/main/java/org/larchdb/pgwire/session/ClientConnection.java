package org.larchdb.pgwire.session;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.larchdb.engine.ExecResult;
import org.larchdb.engine.Notice;
import org.larchdb.engine.Portal;
import org.larchdb.engine.PreparedQuery;
import org.larchdb.engine.Session;
import org.larchdb.engine.SessionListener;
import org.larchdb.engine.StatementText;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.pgwire.protocol.BackendMessages;
import org.larchdb.pgwire.protocol.FrontendMessage;

/**
 * One client connection's state machine, run by its own virtual thread: startup and authentication,
 * then simple and extended queries until Terminate or disconnect. The Netty event loop only feeds it
 * decoded messages ({@link #receive}) and channel events; every engine call happens on this thread.
 */
public final class ClientConnection implements Runnable {
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
    /** Stop reading from the socket when this many messages wait, resume below the low mark. */
    private static final int QUEUE_HIGH_MARK = 1024;
    private static final int QUEUE_LOW_MARK = 256;
    private static final int[] NO_PARAMETER_TYPES = new int[0];
    private static final Object[] NO_PARAMETERS = new Object[0];

    /** Unwinds the message loop once the connection is to be closed. */
    private static final class ConnectionEnd extends RuntimeException {
        ConnectionEnd() {
            super(null, null, false, false);
        }
    }

    private final ServerContext server;
    private final Channel channel;
    private final ClientOutput output;
    private final LinkedBlockingQueue<FrontendMessage> inbox = new LinkedBlockingQueue<>();
    private volatile Session session;
    private volatile boolean shuttingDown;
    private int secretKey;
    private boolean holdsSlot;
    private ExtendedQuery extended;
    /** After an error in an extended-protocol batch, messages are skipped until Sync. */
    private boolean ignoreTillSync;

    public ClientConnection(ServerContext server, Channel channel) {
        this.server = server;
        this.channel = channel;
        this.output = new ClientOutput(channel);
    }

    // ---- called from the Netty event loop

    /** Queues a decoded message; pauses socket reads when the client runs far ahead of us. */
    public void receive(FrontendMessage message) {
        inbox.add(message);
        if (inbox.size() > QUEUE_HIGH_MARK) {
            channel.config().setAutoRead(false);
        }
    }

    /** The channel closed: stop the running statement and let the thread close the session. */
    public void channelClosed() {
        Session running = session;
        if (running != null) {
            running.cancel();
        }
        inbox.add(new FrontendMessage.ConnectionLost());
        output.channelStateChanged();
    }

    public void writabilityChanged() {
        output.channelStateChanged();
    }

    /** Server shutdown: cancel what runs, tell the client (57P01) and close. Callable from any thread. */
    public void shutdown() {
        shuttingDown = true;
        Session running = session;
        if (running != null) {
            running.cancel();
        }
        inbox.add(new FrontendMessage.ConnectionLost());
    }

    // ---- the connection's own thread

    @Override
    public void run() {
        try {
            if (startup()) {
                serve();
            }
        } catch (ConnectionEnd | ClientDisconnectedException e) {
            // closing below
        } catch (RuntimeException e) {
            // Outside a statement (startup, session creation) there is nothing to recover: report and close.
            LOG.log(System.Logger.Level.ERROR, "connection failed unexpectedly", e);
            if (channel.isActive()) {
                String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                BackendMessages.errorResponse(output.buffer(),
                        DbException.internal(message, e).withSeverity(DbException.Severity.FATAL), 0);
                output.flushAndClose();
            }
        } finally {
            end();
        }
    }

    private FrontendMessage next(long deadlineNanos) {
        try {
            FrontendMessage message;
            if (deadlineNanos == 0) {
                message = inbox.take();
            } else {
                message = inbox.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    // authentication_timeout: PostgreSQL closes without a word to the client.
                    throw new ConnectionEnd();
                }
            }
            if (inbox.size() < QUEUE_LOW_MARK && !channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
            if (message instanceof FrontendMessage.ConnectionLost) {
                if (shuttingDown && channel.isActive()) {
                    sendFatal(new DbException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command")
                            .withSeverity(DbException.Severity.FATAL));
                }
                throw new ConnectionEnd();
            }
            if (message instanceof FrontendMessage.FramingViolation violation) {
                sendFatal(violation.error());
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionEnd();
        }
    }

    /** Startup packet, authentication, session creation. Returns false when the connection ends here. */
    private boolean startup() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(server.authenticationTimeoutMillis());
        while (true) {
            switch (next(deadline)) {
                case FrontendMessage.SslRequest ignored -> refuseEncryption();
                case FrontendMessage.GssEncRequest ignored -> refuseEncryption();
                case FrontendMessage.CancelRequest cancel -> {
                    server.cancelKeys().cancel(cancel.processId(), cancel.secretKey());
                    channel.close();
                    return false;
                }
                case FrontendMessage.Startup startup -> {
                    openSession(startup, deadline);
                    return true;
                }
                default -> sendFatal(new DbException(SqlState.PROTOCOL_VIOLATION, "invalid startup packet"));
            }
        }
    }

    private void refuseEncryption() {
        BackendMessages.encryptionRefused(output.buffer());
        output.flush();
    }

    private void openSession(FrontendMessage.Startup startup, long deadline) {
        if (startup.majorVersion() != 3) {
            sendFatal(new DbException(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol "
                    + startup.majorVersion() + "." + startup.minorVersion() + ": server supports 3.0 to 3.0"));
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>(startup.parameters());
        List<String> unrecognized = new ArrayList<>();
        parameters.keySet().removeIf(name -> name.startsWith("_pq_.") && unrecognized.add(name));
        if (startup.minorVersion() > 0 || !unrecognized.isEmpty()) {
            BackendMessages.negotiateProtocolVersion(output.buffer(), 0, unrecognized);
        }
        String user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            sendFatal(new DbException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet"));
        }
        String database = parameters.getOrDefault("database", "");
        if (database.isEmpty()) {
            database = user;
        }
        acquireConnectionSlot();
        Optional<RoleInfo> role = server.database().findRole(user);
        InetAddress address = clientAddress();
        byte[] saslFinal;
        try {
            saslFinal = server.authentication().authenticate(database, user, address, role,
                    (code, payload) -> authenticationRoundTrip(code, payload, deadline));
        } catch (DbException e) {
            server.metrics().authenticationFailed();
            LOG.log(System.Logger.Level.INFO, "authentication failed for user \"{0}\" from {1}: {2}",
                    user, address, e.getMessage());
            sendFatal(ClientAuthentication.fatal(e));
            return;
        }
        if (saslFinal != null) {
            BackendMessages.authentication(output.buffer(), 12, saslFinal);
        }
        BackendMessages.authentication(output.buffer(), 0, null);
        if (role.isEmpty()) {
            // Only a trust rule lets an unknown role through authentication; PostgreSQL then says this.
            sendFatal(new DbException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist"));
        }
        if (!role.get().canLogin()) {
            sendFatal(new DbException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + user + "\" is not permitted to log in"));
        }
        if (!server.database().databaseExists(database)) {
            sendFatal(new DbException(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist"));
        }
        Session opened;
        try {
            opened = server.database().openSession(role.get(), database, parameters,
                    channel.remoteAddress() instanceof InetSocketAddress inet ? inet : null);
        } catch (DbException e) {
            sendFatal(e);
            return;
        }
        session = opened;
        extended = new ExtendedQuery(opened, output, opened::textFormat, server.metrics());
        for (Map.Entry<String, String> reported : opened.reportedParameters().entrySet()) {
            reportParameter(reported.getKey(), reported.getValue());
        }
        opened.setListener(new SessionListener() {
            @Override
            public void parameterChanged(String name, String value) {
                reportParameter(name, value);
                output.messageWritten();
            }

            @Override
            public void notice(Notice notice) {
                BackendMessages.noticeResponse(output.buffer(), notice);
                output.messageWritten();
            }

            @Override
            public void terminateRequested() {
                shutdown(); // pg_terminate_backend: end with 57P01 even while waiting for the client
            }
        });
        secretKey = server.random().nextInt();
        int secret = secretKey;
        server.cancelKeys().register(opened.pid(), secret, opened::cancel);
        BackendMessages.backendKeyData(output.buffer(), opened.pid(), secret);
        if (server.logConnections()) {
            LOG.log(System.Logger.Level.INFO, "connection authorized: user={0} database={1} application_name={2}",
                    user, database, parameters.getOrDefault("application_name", ""));
        }
        readyForQuery();
    }

    private byte[] authenticationRoundTrip(int code, byte[] payload, long deadline) {
        BackendMessages.authentication(output.buffer(), code, payload);
        output.flush();
        FrontendMessage reply = next(deadline);
        if (reply instanceof FrontendMessage.PasswordMessage password) {
            return password.body();
        }
        throw new DbException(SqlState.PROTOCOL_VIOLATION, "expected password response, got message type "
                + typeByte(reply));
    }

    private void acquireConnectionSlot() {
        int now = server.metrics().currentConnections().incrementAndGet();
        holdsSlot = true;
        if (now > server.maxConnections()) {
            server.metrics().connectionRejected();
            sendFatal(new DbException(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already"));
        }
        server.metrics().connectionAccepted();
    }

    private void reportParameter(String name, String value) {
        BackendMessages.parameterStatus(output.buffer(), name, value);
    }

    // ---- ready: the query protocols

    private void serve() {
        while (true) {
            FrontendMessage message = next(0);
            if (ignoreTillSync && !(message instanceof FrontendMessage.Sync || message instanceof FrontendMessage.Terminate)) {
                continue;
            }
            switch (message) {
                case FrontendMessage.Query query -> simpleQuery(query.sql());
                case FrontendMessage.Parse parse -> extendedStep(() -> extended.parse(parse));
                case FrontendMessage.Bind bind -> extendedStep(() -> extended.bind(bind));
                case FrontendMessage.Describe describe -> extendedStep(() -> extended.describe(describe));
                case FrontendMessage.Execute execute -> extendedStep(() -> extended.execute(execute));
                case FrontendMessage.Close close -> extendedStep(() -> extended.close(close));
                case FrontendMessage.Sync sync -> {
                    ignoreTillSync = false;
                    endImplicitTransaction();
                }
                case FrontendMessage.Flush flush -> output.flush();
                case FrontendMessage.Terminate terminate -> throw new ConnectionEnd();
                case FrontendMessage.Unprocessable bad -> {
                    reportError(bad.error(), 0);
                    if ("PBDECSH".indexOf(bad.type()) >= 0) {
                        ignoreTillSync = true;
                    } else {
                        readyForQuery();
                    }
                }
                default -> sendFatal(new DbException(SqlState.PROTOCOL_VIOLATION,
                        "invalid frontend message type " + typeByte(message)));
            }
        }
    }

    private void extendedStep(Runnable step) {
        try {
            step.run();
        } catch (ClientDisconnectedException e) {
            throw e;
        } catch (RuntimeException e) {
            reportError(e, 0);
            ignoreTillSync = true;
        }
    }

    private void simpleQuery(String sql) {
        extended.dropUnnamed();
        int offset = 0;
        try {
            List<StatementText> statements = session.split(sql);
            if (statements.isEmpty()) {
                BackendMessages.emptyQueryResponse(output.buffer());
            }
            for (StatementText statement : statements) {
                offset = statement.offset();
                runSimpleStatement(statement.sql());
            }
        } catch (ClientDisconnectedException e) {
            throw e;
        } catch (RuntimeException e) {
            reportError(e, offset);
        }
        endImplicitTransaction();
    }

    private void runSimpleStatement(String sql) {
        long started = System.nanoTime();
        PreparedQuery query = session.prepare(sql, NO_PARAMETER_TYPES);
        try (Portal portal = session.bind(query, NO_PARAMETERS)) {
            var columns = query.resultColumns();
            short[] formats = new short[columns == null ? 0 : columns.size()];
            if (columns != null) {
                BackendMessages.rowDescription(output.buffer(), columns, formats);
                output.messageWritten();
            }
            ExecResult result = session.execute(portal, 0, new ResultWriter(output, columns, formats, session.textFormat()));
            BackendMessages.commandComplete(output.buffer(), result.commandTag());
            output.messageWritten();
        } finally {
            server.metrics().statementExecuted(query.kind(), System.nanoTime() - started);
        }
    }

    /** Sync and the end of a simple query: commit or roll back the implicit transaction, then ReadyForQuery. */
    private void endImplicitTransaction() {
        try {
            session.sync();
        } catch (ClientDisconnectedException e) {
            throw e;
        } catch (RuntimeException e) {
            reportError(e, 0);
        }
        if (session.transactionStatus() != 'T') {
            extended.closeAllPortals();
        }
        readyForQuery();
    }

    private void readyForQuery() {
        BackendMessages.readyForQuery(output.buffer(), session == null ? 'I' : session.transactionStatus());
        output.flush();
    }

    // ---- errors

    /**
     * Sends an error for the running statement. {@code offset} is where the statement starts in the
     * query string, so positions point into the string the client sent. Unexpected Java exceptions
     * become XX000 and are logged with their stack trace; the connection lives on. FATAL errors close it.
     */
    private void reportError(Throwable failure, int offset) {
        DbException error;
        if (failure instanceof DbException db) {
            error = shiftPosition(db, offset);
        } else {
            LOG.log(System.Logger.Level.ERROR, "internal error while running a statement", failure);
            String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
            error = DbException.internal(message, failure);
        }
        if (error.severity() != DbException.Severity.ERROR) {
            sendFatal(error);
        }
        server.metrics().error(error.state());
        BackendMessages.errorResponse(output.buffer(), error, error.position());
        output.messageWritten();
    }

    /** Sends a FATAL error and ends the connection; never returns. */
    private void sendFatal(DbException error) {
        DbException fatal = error.severity() == DbException.Severity.ERROR
                ? error.withSeverity(DbException.Severity.FATAL) : error;
        server.metrics().error(fatal.state());
        BackendMessages.errorResponse(output.buffer(), fatal, fatal.position());
        output.flushAndClose();
        throw new ConnectionEnd();
    }

    static DbException shiftPosition(DbException e, int offset) {
        return offset > 0 && e.position() > 0 ? e.withPosition(e.position() + offset) : e;
    }

    private void end() {
        Session opened = session;
        session = null;
        if (opened != null) {
            server.cancelKeys().unregister(opened.pid(), secretKey);
            try {
                if (extended != null) {
                    extended.closeAllPortals();
                }
                opened.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing a session failed", e);
            }
        }
        if (holdsSlot) {
            server.metrics().currentConnections().decrementAndGet();
        }
        if (channel.isActive()) {
            output.flushAndClose();
        } else {
            output.discard();
        }
    }

    private InetAddress clientAddress() {
        if (channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }

    private static int typeByte(FrontendMessage message) {
        return switch (message) {
            case FrontendMessage.Query q -> 'Q';
            case FrontendMessage.Parse p -> 'P';
            case FrontendMessage.Bind b -> 'B';
            case FrontendMessage.Describe d -> 'D';
            case FrontendMessage.Execute e -> 'E';
            case FrontendMessage.Close c -> 'C';
            case FrontendMessage.Sync s -> 'S';
            case FrontendMessage.Flush f -> 'H';
            case FrontendMessage.Terminate t -> 'X';
            case FrontendMessage.PasswordMessage p -> 'p';
            case FrontendMessage.Unprocessable u -> u.type();
            default -> 0;
        };
    }
}
