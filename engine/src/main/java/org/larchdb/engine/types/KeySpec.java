package org.larchdb.engine.types;

import java.util.List;

/**
 * The shape of an index key: its columns in order, each with a type, a direction and where NULLs
 * sort (PostgreSQL's indoption: DESC, NULLS FIRST). {@link KeyEncoder} turns values of this shape
 * into byte strings whose unsigned order is the index order.
 */
public record KeySpec(List<Column> columns) {

    public KeySpec {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an index key needs at least one column");
        }
    }

    public static KeySpec of(Column... columns) {
        return new KeySpec(List.of(columns));
    }

    /** All columns ascending with NULLS LAST (PostgreSQL's default). */
    public static KeySpec ascending(PgType... types) {
        return new KeySpec(java.util.Arrays.stream(types).map(Column::asc).toList());
    }

    public int size() {
        return columns.size();
    }

    /** One key column. PostgreSQL's defaults: ASC → NULLS LAST, DESC → NULLS FIRST. */
    public record Column(PgType type, boolean descending, boolean nullsFirst) {
        public static Column asc(PgType type) {
            return new Column(type, false, false);
        }

        public static Column desc(PgType type) {
            return new Column(type, true, true);
        }
    }
}
