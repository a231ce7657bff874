package org.larchdb.engine.tx.lock;

/**
 * Names for error messages (NOWAIT failures name the relation). Supplied by whoever wires the
 * lock manager to the catalog; the lock manager itself knows only OIDs.
 */
@FunctionalInterface
public interface LockNameResolver {

    /** The relation's name, or null when unknown (the message then shows the OID). */
    String relationName(int database, int relation);

    LockNameResolver OIDS_ONLY = (database, relation) -> null;
}
