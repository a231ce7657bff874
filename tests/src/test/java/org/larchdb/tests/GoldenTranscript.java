package org.larchdb.tests;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs statements over one pgjdbc connection and renders a psql-like transcript: the statement,
 * then its rows ({@code a | b} header, one line per row, {@code (N rows)}), its command tag, or
 * its error ({@code ERROR:  message}, {@code SQLSTATE: code}, {@code DETAIL:  detail}).
 *
 * <p>The public JDBC API hides command tags, so statements go through pgjdbc's own
 * {@link QueryExecutor} (the same extended-protocol path {@code Statement.execute} takes, in
 * autocommit). Values are the server's text output decoded as UTF-8 (what {@code getString}
 * returns in text mode), so a transcript depends only on the bytes the server sent, never on
 * driver-side type conversions.
 */
final class GoldenTranscript {
    private GoldenTranscript() {
    }

    /** The whole transcript of a script. */
    static String run(Connection connection, List<String> statements) throws SQLException {
        return String.join("", runBlocks(connection, statements));
    }

    /** One transcript block per statement: the statement, its outcome, a blank line. */
    static List<String> runBlocks(Connection connection, List<String> statements) throws SQLException {
        QueryExecutor executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
        List<String> blocks = new ArrayList<>();
        for (String sql : statements) {
            StringBuilder out = new StringBuilder();
            out.append(header(sql));
            Query query = executor.createSimpleQuery(sql);
            try {
                TranscriptHandler handler = new TranscriptHandler();
                // Never let the driver inject BEGIN: transaction control is the script's business.
                int flags = QueryExecutor.QUERY_ONESHOT | QueryExecutor.QUERY_SUPPRESS_BEGIN
                        | QueryExecutor.QUERY_NO_BINARY_TRANSFER;
                executor.execute(query, query.createParameterList(), handler, 0, 0, flags);
                handler.render(out);
            } finally {
                query.close();
            }
            out.append('\n');
            blocks.add(out.toString());
        }
        return blocks;
    }

    /** The first line of a statement's block. */
    static String header(String sql) {
        return sql + ";\n";
    }

    /**
     * Cuts a recorded transcript into the blocks of the given statements (each block starts with its
     * statement's text), so it can be compared block by block with a run's blocks.
     */
    static List<String> splitBlocks(String transcript, List<String> statements) {
        List<String> blocks = new ArrayList<>();
        int[] starts = new int[statements.size() + 1];
        int from = 0;
        for (int i = 0; i < statements.size(); i++) {
            int at = transcript.indexOf(header(statements.get(i)), from);
            if (at < 0) {
                return null;
            }
            starts[i] = at;
            from = at + header(statements.get(i)).length();
        }
        starts[statements.size()] = transcript.length();
        for (int i = 0; i < statements.size(); i++) {
            blocks.add(transcript.substring(starts[i], starts[i + 1]));
        }
        return blocks;
    }

    /** Collects one statement's outcome as the driver reports it. */
    private static final class TranscriptHandler extends ResultHandlerBase {
        private Field[] fields;
        private final List<Tuple> rows = new ArrayList<>();
        private String commandTag;

        @Override
        public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
            this.fields = fields;
            rows.addAll(tuples);
        }

        @Override
        public void handleCommandStatus(String status, long updateCount, long insertOID) {
            commandTag = status;
        }

        @Override
        public void handleCompletion() {
            // Errors are rendered, not thrown: see render().
        }

        void render(StringBuilder out) throws SQLException {
            SQLException error = getException();
            if (error != null) {
                renderError(error, out);
            } else if (fields != null) {
                renderRows(out);
            } else {
                out.append(commandTag == null ? "(no command tag)" : commandTag).append('\n');
            }
        }

        private void renderRows(StringBuilder out) {
            List<String> header = new ArrayList<>();
            for (Field field : fields) {
                header.add(field.getColumnLabel());
            }
            out.append(String.join(" | ", header)).append('\n');
            for (Tuple row : rows) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < fields.length; i++) {
                    byte[] value = row.get(i);
                    values.add(value == null ? "" : new String(value, StandardCharsets.UTF_8));
                }
                out.append(String.join(" | ", values)).append('\n');
            }
            out.append(rows.size() == 1 ? "(1 row)" : "(" + rows.size() + " rows)").append('\n');
        }

        private static void renderError(SQLException error, StringBuilder out) throws SQLException {
            ServerErrorMessage server = error instanceof PSQLException p ? p.getServerErrorMessage() : null;
            if (server == null) {
                // Not a server error (I/O failure, protocol confusion): the transcript cannot go on.
                throw error;
            }
            out.append("ERROR:  ").append(server.getMessage()).append('\n');
            out.append("SQLSTATE: ").append(server.getSQLState()).append('\n');
            if (server.getDetail() != null) {
                out.append("DETAIL:  ").append(server.getDetail()).append('\n');
            }
        }
    }
}
