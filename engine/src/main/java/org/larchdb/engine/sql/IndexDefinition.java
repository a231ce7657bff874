package org.larchdb.engine.sql;

import java.util.List;

/**
 * An index to create, as the analyzer resolved it: its name (chosen as PostgreSQL chooses when not
 * given), the table columns by attribute number, per-column direction and NULL order, and whether
 * it backs a UNIQUE or PRIMARY KEY constraint.
 */
public record IndexDefinition(String name, List<Integer> attnums, List<Boolean> descending, List<Boolean> nullsFirst,
                              boolean unique, boolean primary) {

    public IndexDefinition {
        attnums = List.copyOf(attnums);
        descending = List.copyOf(descending);
        nullsFirst = List.copyOf(nullsFirst);
    }
}
