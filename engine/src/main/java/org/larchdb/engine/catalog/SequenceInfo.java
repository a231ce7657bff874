package org.larchdb.engine.catalog;

import org.larchdb.engine.types.DataType;

/**
 * A sequence's parameters (its pg_sequence row) and the column owning it (its pg_depend row):
 * {@code ownerTable} 0 when it is owned by nothing; {@code ownerDependency} 'a' for OWNED BY / serial,
 * 'i' for an identity column. The current value is not catalog data: it lives in the sequence's heap
 * (see sequence/SequenceStore).
 */
public record SequenceInfo(long oid, DataType type, long start, long increment, long max, long min, long cache,
                           boolean cycle, long ownerTable, int ownerColumn, char ownerDependency) {

    /** pg_depend.deptype of a sequence owned by a column through OWNED BY (serial). */
    public static final char DEPENDENCY_AUTO = 'a';
    /** pg_depend.deptype of an identity column's sequence. */
    public static final char DEPENDENCY_INTERNAL = 'i';

    public boolean ownedByIdentity() {
        return ownerTable != 0 && ownerDependency == DEPENDENCY_INTERNAL;
    }

    public SequenceInfo withOid(long newOid) {
        return new SequenceInfo(newOid, type, start, increment, max, min, cache, cycle, ownerTable, ownerColumn,
                ownerDependency);
    }

    public SequenceInfo withOwner(long table, int column, char dependency) {
        return new SequenceInfo(oid, type, start, increment, max, min, cache, cycle, table, column, dependency);
    }
}
