package org.larchdb.pgwire.session;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.larchdb.engine.ExecResult;
import org.larchdb.engine.Portal;
import org.larchdb.engine.PreparedQuery;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.Session;
import org.larchdb.engine.StatementText;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.BinaryCodec;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TextFormat;
import org.larchdb.pgwire.protocol.BackendMessages;
import org.larchdb.pgwire.protocol.FrontendMessage;

/**
 * The extended-query protocol of one connection: its prepared statements and portals, and the
 * Parse / Bind / Describe / Execute / Close messages. Errors are thrown as DbException; the connection
 * reports them and skips to the next Sync.
 */
final class ExtendedQuery {
    /** A prepared statement; {@code query} is null for an empty query string (Execute answers EmptyQueryResponse). */
    private record Statement(PreparedQuery query, int offset) {
    }

    /** A portal and how far it has run. */
    private static final class OpenPortal {
        final Portal portal;
        final short[] resultFormats;
        String completedTag;

        OpenPortal(Portal portal, short[] resultFormats) {
            this.portal = portal;
            this.resultFormats = resultFormats;
        }

        void close() {
            if (portal != null) {
                portal.close();
            }
        }
    }

    private final Session session;
    private final ClientOutput output;
    private final Supplier<TextFormat> textFormat;
    private final ProtocolMetrics metrics;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, OpenPortal> portals = new HashMap<>();

    ExtendedQuery(Session session, ClientOutput output, Supplier<TextFormat> textFormat, ProtocolMetrics metrics) {
        this.session = session;
        this.output = output;
        this.textFormat = textFormat;
        this.metrics = metrics;
    }

    void parse(FrontendMessage.Parse parse) {
        String name = parse.statementName();
        if (name.isEmpty()) {
            // PostgreSQL drops the old unnamed statement first, even when the new one fails to parse.
            statements.remove("");
        } else if (statements.containsKey(name)) {
            throw new DbException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + name + "\" already exists");
        }
        List<StatementText> texts = session.split(parse.sql());
        if (texts.size() > 1) {
            throw new DbException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        Statement statement;
        if (texts.isEmpty()) {
            statement = new Statement(null, 0);
        } else {
            StatementText text = texts.get(0);
            try {
                statement = new Statement(session.prepare(text.sql(), parse.parameterTypeOids()), text.offset());
            } catch (DbException e) {
                throw ClientConnection.shiftPosition(e, text.offset());
            }
        }
        statements.put(name, statement);
        BackendMessages.parseComplete(output.buffer());
        output.messageWritten();
    }

    void bind(FrontendMessage.Bind bind) {
        Statement statement = statement(bind.statementName());
        PreparedQuery query = statement.query();
        List<DataType> parameterTypes = query == null ? List.of() : query.parameterTypes();
        byte[][] values = bind.parameterValues();
        short[] parameterFormats = bind.parameterFormats();
        if (parameterFormats.length > 1 && parameterFormats.length != values.length) {
            throw protocolViolation("bind message has " + parameterFormats.length + " parameter formats but "
                    + values.length + " parameters");
        }
        if (values.length != parameterTypes.size()) {
            throw protocolViolation("bind message supplies " + values.length + " parameters, but prepared statement \""
                    + bind.statementName() + "\" requires " + parameterTypes.size());
        }
        List<ResultColumn> columns = query == null ? null : query.resultColumns();
        int columnCount = columns == null ? 0 : columns.size();
        short[] requested = bind.resultFormats();
        if (requested.length > 1 && requested.length != columnCount) {
            throw protocolViolation("bind message has " + requested.length + " result formats but query has "
                    + columnCount + " columns");
        }
        checkFormatCodes(requested);
        checkFormatCodes(parameterFormats);
        String portalName = bind.portalName();
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new DbException(SqlState.DUPLICATE_CURSOR, "cursor \"" + portalName + "\" already exists");
        }
        closePortal(portalName);
        Portal portal = null;
        if (query != null) {
            Object[] parameters = decodeParameters(values, ResultWriter.resolveFormats(parameterFormats, values.length),
                    parameterTypes);
            portal = session.bind(query, parameters);
        }
        portals.put(portalName, new OpenPortal(portal, ResultWriter.resolveFormats(requested, columnCount)));
        BackendMessages.bindComplete(output.buffer());
        output.messageWritten();
    }

    private Object[] decodeParameters(byte[][] values, short[] formats, List<DataType> types) {
        Object[] parameters = new Object[values.length];
        TextFormat format = textFormat.get();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                continue;
            }
            DataType type = types.get(i);
            parameters[i] = formats[i] == BackendMessages.BINARY
                    ? BinaryCodec.decode(values[i], type)
                    : TextCodec.parse(new String(values[i], StandardCharsets.UTF_8), type, format);
        }
        return parameters;
    }

    void describe(FrontendMessage.Describe describe) {
        if (describe.target() == 'S') {
            Statement statement = statement(describe.name());
            PreparedQuery query = statement.query();
            BackendMessages.parameterDescription(output.buffer(), query == null ? List.of() : query.parameterTypes());
            List<ResultColumn> columns = query == null ? null : query.resultColumns();
            describeRows(columns, new short[columns == null ? 0 : columns.size()]);
        } else {
            OpenPortal open = portal(describe.name());
            describeRows(open.portal == null ? null : open.portal.resultColumns(), open.resultFormats);
        }
        output.messageWritten();
    }

    private void describeRows(List<ResultColumn> columns, short[] formats) {
        if (columns == null) {
            BackendMessages.noData(output.buffer());
        } else {
            BackendMessages.rowDescription(output.buffer(), columns, formats);
        }
    }

    void execute(FrontendMessage.Execute execute) {
        OpenPortal open = portal(execute.portalName());
        if (open.portal == null) {
            BackendMessages.emptyQueryResponse(output.buffer());
            output.messageWritten();
            return;
        }
        if (open.completedTag != null) {
            // A portal that ran to the end has nothing more to give: PostgreSQL fetches zero rows again.
            BackendMessages.commandComplete(output.buffer(), rerunTag(open));
            output.messageWritten();
            return;
        }
        PreparedQuery query = open.portal.query();
        ResultWriter rows = new ResultWriter(output, query.resultColumns(), open.resultFormats, textFormat.get());
        long started = System.nanoTime();
        ExecResult result = session.execute(open.portal, Math.max(0, execute.maxRows()), rows);
        metrics.statementExecuted(query.kind(), System.nanoTime() - started);
        if (result.suspended()) {
            BackendMessages.portalSuspended(output.buffer());
        } else {
            open.completedTag = result.commandTag();
            BackendMessages.commandComplete(output.buffer(), result.commandTag());
        }
        output.messageWritten();
    }

    /** "SELECT 0" for a finished row-returning portal; other commands repeat their tag (they do not run twice). */
    private static String rerunTag(OpenPortal open) {
        String tag = open.completedTag;
        if (open.portal.resultColumns() != null) {
            int lastSpace = tag.lastIndexOf(' ');
            if (lastSpace > 0 && Character.isDigit(tag.charAt(tag.length() - 1))) {
                return tag.substring(0, lastSpace) + " 0";
            }
        }
        return tag;
    }

    void close(FrontendMessage.Close close) {
        if (close.target() == 'S') {
            statements.remove(close.name());
        } else {
            closePortal(close.name());
        }
        BackendMessages.closeComplete(output.buffer());
        output.messageWritten();
    }

    /** The simple Query message discards the unnamed statement and portal, as PostgreSQL does. */
    void dropUnnamed() {
        statements.remove("");
        closePortal("");
    }

    /** Portals do not outlive their transaction. */
    void closeAllPortals() {
        for (OpenPortal open : portals.values()) {
            closeQuietly(open);
        }
        portals.clear();
    }

    private void closePortal(String name) {
        OpenPortal previous = portals.remove(name);
        if (previous != null) {
            closeQuietly(previous);
        }
    }

    private static void closeQuietly(OpenPortal open) {
        try {
            open.close();
        } catch (RuntimeException e) {
            System.getLogger(ExtendedQuery.class.getName())
                    .log(System.Logger.Level.WARNING, "closing a portal failed", e);
        }
    }

    private Statement statement(String name) {
        Statement statement = statements.get(name);
        if (statement == null) {
            throw new DbException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
        }
        return statement;
    }

    private OpenPortal portal(String name) {
        OpenPortal open = portals.get(name);
        if (open == null) {
            throw new DbException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return open;
    }

    private static void checkFormatCodes(short[] formats) {
        for (short format : formats) {
            if (format != BackendMessages.TEXT && format != BackendMessages.BINARY) {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + format);
            }
        }
    }

    private static DbException protocolViolation(String message) {
        return new DbException(SqlState.PROTOCOL_VIOLATION, message);
    }
}
