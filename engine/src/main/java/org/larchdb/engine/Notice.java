package org.larchdb.engine;

import org.larchdb.engine.error.SqlState;

/** A NOTICE/WARNING sent to the client while a statement runs (e.g. {@code table "t" does not exist, skipping}). */
public record Notice(String severity, SqlState state, String message, String detail, String hint) {

    public static Notice notice(SqlState state, String message) {
        return new Notice("NOTICE", state, message, null, null);
    }
}
