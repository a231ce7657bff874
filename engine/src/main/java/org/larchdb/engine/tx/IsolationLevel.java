package org.larchdb.engine.tx;

import java.util.Locale;

/**
 * The isolation levels, implemented by how long read locks are kept (tx/lock/README.md):
 * READ COMMITTED drops them at the end of each statement, REPEATABLE READ keeps them to the end,
 * SERIALIZABLE also locks ranges (next-key locks, a table S lock for sequential scans). READ
 * UNCOMMITTED behaves as READ COMMITTED, as in PostgreSQL.
 */
public enum IsolationLevel {
    READ_COMMITTED,
    REPEATABLE_READ,
    SERIALIZABLE;

    /** From a transaction_isolation / default_transaction_isolation value ("repeatable read"). */
    public static IsolationLevel of(String setting) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "serializable" -> SERIALIZABLE;
            case "repeatable read" -> REPEATABLE_READ;
            default -> READ_COMMITTED;
        };
    }

    /** Read locks are kept to the end of the transaction. */
    public boolean keepsReadLocks() {
        return this != READ_COMMITTED;
    }
}
