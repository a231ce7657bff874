package org.larchdb.engine.expr;

import java.time.Instant;
import java.time.ZoneId;
import org.larchdb.engine.types.TextFormat;

/** What expression evaluation needs from the running statement: parameter values and session facts. */
public interface EvalContext {

    Object parameter(int index);

    ZoneId timeZone();

    /** The session settings for text input and output of values (time zone, extra_float_digits, DateStyle). */
    default TextFormat textFormat() {
        return TextFormat.of(timeZone());
    }

    /** The transaction's start time (now(), current_timestamp). */
    Instant transactionStart();

    String currentUser();

    String sessionUser();

    String currentDatabase();

    /** First schema of search_path that exists, or null. */
    String currentSchema();

    String setting(String name);

    int backendPid();

    /**
     * Checks an index (larch_check_index): true when sound, otherwise XX002 naming the problems.
     * The name resolves through search_path like a table name.
     */
    boolean checkIndex(String indexName);

    /**
     * pg_cancel_backend / pg_terminate_backend: signals the session with that pid if the current
     * role may (42501 otherwise); false with a WARNING when no such backend exists.
     */
    default boolean signalBackend(int pid, boolean terminate, long timeoutMillis) {
        throw org.larchdb.engine.error.DbException.notSupported(terminate ? "pg_terminate_backend here"
                : "pg_cancel_backend here");
    }

    /** The session's sequence functions (nextval, currval, setval, lastval). */
    default org.larchdb.engine.sequence.SequenceFunctions sequences() {
        throw org.larchdb.engine.error.DbException.notSupported("sequence functions here");
    }

    /**
     * The comment (pg_description) on object {@code objoid} of the system catalog named {@code catalog}
     * ("pg_class"; null: any) and sub-object {@code objsubid} (a column number, or 0), or null.
     */
    default String description(long objoid, String catalog, int objsubid) {
        throw org.larchdb.engine.error.DbException.notSupported("comment functions here");
    }

    /** Throws 57014 when the statement was cancelled. Called once per row by scans. */
    void checkInterrupts();

    /**
     * A value of an enclosing query's current row, for correlated subqueries ({@link Expr.OuterRef}).
     * Only contexts a subquery runs in have one.
     */
    default Object outerValue(int levelsUp, int index) {
        throw new IllegalStateException("no enclosing query row (levels up " + levelsUp + ")");
    }
}
