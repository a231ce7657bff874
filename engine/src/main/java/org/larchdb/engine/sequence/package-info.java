/**
 * Sequences at run time: the current value of each sequence (kept in the sequence's one-tuple heap,
 * changed in place with redo-only WAL so advances survive rollback), PostgreSQL's parameter rules for
 * CREATE/ALTER SEQUENCE, and the session functions nextval, currval, setval and lastval. Catalog rows
 * (pg_class, pg_sequence, pg_depend) belong to {@code catalog.Catalog}; this package never writes them.
 */
package org.larchdb.engine.sequence;
