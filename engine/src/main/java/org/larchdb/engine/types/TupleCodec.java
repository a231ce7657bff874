package org.larchdb.engine.types;

/**
 * The on-page format of a row of a relation: encodes an {@code Object[]} row of values of the
 * relation's column types into bytes and back. Format: see the class body.
 */
public final class TupleCodec {
    private final DataType[] columns;

    public TupleCodec(DataType[] columns) {
        this.columns = columns.clone();
    }

    public int columnCount() {
        return columns.length;
    }

    /** Encodes a row (one value per column, null for SQL NULL). */
    public byte[] encode(Object[] row) {
        throw new UnsupportedOperationException("filled in by the types work");
    }

    /**
     * Decodes a row. A tuple written with fewer columns than the relation has now (a column added
     * later) decodes with NULL for the missing trailing columns.
     */
    public Object[] decode(byte[] tuple) {
        throw new UnsupportedOperationException("filled in by the types work");
    }
}
