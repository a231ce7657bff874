package org.larchdb.engine.types;

/** Total order of non-null values of one type, as PostgreSQL's btree comparison functions define it. */
public final class Comparisons {
    private Comparisons() {
    }

    /** Compares two non-null values of the same type (NaN sorts above every other float, as in PostgreSQL). */
    public static int compare(Object a, Object b, PgType type) {
        throw new UnsupportedOperationException("filled in by the types work");
    }
}
