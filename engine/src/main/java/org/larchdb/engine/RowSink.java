package org.larchdb.engine;

/** Receives result rows as they are produced; the front end encodes each one at once. */
@FunctionalInterface
public interface RowSink {
    /** One row: values in the Java representation of each column's type ({@link org.larchdb.engine.types.PgType}). */
    void accept(Object[] row);
}
