package org.larchdb.engine;

/** One statement cut from a query string, with its 0-based offset in that string (for error positions). */
public record StatementText(String sql, int offset) {
}
