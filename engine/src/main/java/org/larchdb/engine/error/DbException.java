package org.larchdb.engine.error;

/**
 * The one exception type of LarchDB: a PostgreSQL-style error with SQLSTATE, primary message,
 * optional detail and hint, and an optional 1-based character position in the query text.
 */
public class DbException extends RuntimeException {
    private final SqlState state;
    private final String detail;
    private final String hint;
    private final int position;
    private final Severity severity;

    /** PostgreSQL's severities that an error can carry to the client. */
    public enum Severity { ERROR, FATAL, PANIC }

    public DbException(SqlState state, String message) {
        this(state, message, null, null, 0, Severity.ERROR, null);
    }

    public DbException(SqlState state, String message, String detail, String hint, int position,
                       Severity severity, Throwable cause) {
        super(message, cause);
        this.state = state;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
        this.severity = severity;
    }

    public static DbException of(SqlState state, String format, Object... args) {
        return new DbException(state, args.length == 0 ? format : String.format(format, args));
    }

    public static DbException notSupported(String feature) {
        return new DbException(SqlState.FEATURE_NOT_SUPPORTED, feature + " is not supported");
    }

    public static DbException internal(String message, Throwable cause) {
        return new DbException(SqlState.INTERNAL_ERROR, message, null, null, 0, Severity.ERROR, cause);
    }

    public DbException withDetail(String newDetail) {
        return new DbException(state, getMessage(), newDetail, hint, position, severity, getCause());
    }

    public DbException withHint(String newHint) {
        return new DbException(state, getMessage(), detail, newHint, position, severity, getCause());
    }

    /** Returns this error with a 1-based position into the query text (0 = none). */
    public DbException withPosition(int newPosition) {
        return new DbException(state, getMessage(), detail, hint, newPosition, severity, getCause());
    }

    public DbException withSeverity(Severity newSeverity) {
        return new DbException(state, getMessage(), detail, hint, position, newSeverity, getCause());
    }

    public SqlState state() {
        return state;
    }

    public String detail() {
        return detail;
    }

    public String hint() {
        return hint;
    }

    /** 1-based character position in the statement text, or 0 when there is none. */
    public int position() {
        return position;
    }

    public Severity severity() {
        return severity;
    }
}
