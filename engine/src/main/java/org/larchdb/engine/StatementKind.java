package org.larchdb.engine;

/** Coarse statement classes, used for metrics. */
public enum StatementKind {
    SELECT, INSERT, UPDATE, DELETE, DDL, OTHER;

    /** The label used in metrics ("select", "ddl"...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
