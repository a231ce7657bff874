package org.larchdb.engine.catalog;

/** A schema (pg_namespace row). */
public record NamespaceInfo(long oid, String name, long owner) {
}
