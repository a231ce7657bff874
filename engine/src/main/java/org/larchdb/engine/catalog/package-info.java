/**
 * The system catalog: system tables stored as ordinary heaps (pg_class, pg_attribute, pg_type,
 * pg_namespace, pg_authid, pg_database, pg_attrdef — PostgreSQL's names, OIDs and column layouts),
 * bootstrapped at initialisation, mirrored in memory and published as immutable snapshots.
 * Must not know SQL: it stores what the analyzer decided.
 */
package org.larchdb.engine.catalog;
