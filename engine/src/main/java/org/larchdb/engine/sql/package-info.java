/**
 * From statement text to a {@link org.larchdb.engine.sql.BoundStatement}: LarchDB's own parser for
 * utility statements (transaction control, SET/SHOW/RESET, roles, CREATE/DROP TABLE), JSqlParser for
 * queries and DML (behind a shared parse-tree cache), then name resolution against a catalog
 * snapshot, typing, plan building and the list of privileges the statement needs. Must not touch
 * storage or run anything: execution belongs to exec and the session.
 */
package org.larchdb.engine.sql;
