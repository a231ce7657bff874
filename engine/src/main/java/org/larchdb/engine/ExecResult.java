package org.larchdb.engine;

/**
 * The outcome of executing a portal: either complete with its command tag ({@code INSERT 0 3},
 * {@code SELECT 2}, {@code CREATE TABLE}) or suspended because the row limit was reached.
 */
public record ExecResult(String commandTag, boolean suspended) {

    public static ExecResult complete(String tag) {
        return new ExecResult(tag, false);
    }

    public static final ExecResult SUSPENDED = new ExecResult(null, true);
}
