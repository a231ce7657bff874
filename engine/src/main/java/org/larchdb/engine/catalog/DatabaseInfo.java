package org.larchdb.engine.catalog;

/** A database (pg_database row). */
public record DatabaseInfo(long oid, String name, long owner, boolean allowConnections) {
}
