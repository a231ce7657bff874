package org.larchdb.engine;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TextFormat;

/**
 * Runs one statement through the session API as a simple query would (prepare, bind, execute,
 * then Sync, also after an error) and gives its rows as text: one string per row, cells joined
 * with {@code |}, NULL as {@code NULL}. The tests of the engine share it.
 */
final class SessionRows {
    private SessionRows() {
    }

    /** The rows, then the command tag. */
    static List<String> run(Session session, String sql, Object... params) {
        List<String> out = new ArrayList<>();
        try {
            PreparedQuery q = session.prepare(sql, new int[params.length]);
            Portal p = session.bind(q, params);
            ExecResult r = session.execute(p, 0, row -> out.add(format(row, q.resultColumns())));
            out.add(r.commandTag());
        } finally {
            session.sync();
        }
        return out;
    }

    /** The rows only. */
    static List<String> rows(Session session, String sql, Object... params) {
        List<String> out = run(session, sql, params);
        return out.subList(0, out.size() - 1);
    }

    static String format(Object[] row, List<ResultColumn> columns) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            cells.add(row[i] == null ? "NULL" : TextCodec.format(row[i], columns.get(i).type(), TextFormat.DEFAULT));
        }
        return String.join("|", cells);
    }
}
