package org.larchdb.engine.exec;

/** A running operator: pulls rows from its inputs. {@code next()} returns null at the end. */
public interface RowSource extends AutoCloseable {

    Object[] next();

    @Override
    void close();
}
