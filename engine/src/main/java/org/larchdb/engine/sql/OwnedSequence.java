package org.larchdb.engine.sql;

import org.larchdb.engine.catalog.SequenceInfo;

/**
 * A sequence CREATE TABLE makes for a serial or identity column: its chosen name, the owning column,
 * the pg_depend type ('a' serial, 'i' identity) and its parameters (OID and owner filled in at creation).
 */
public record OwnedSequence(String name, int attnum, char dependency, SequenceInfo parameters) {
}
