/**
 * The one exception type ({@link org.larchdb.engine.error.DbException}) and PostgreSQL's SQLSTATE
 * codes ({@link org.larchdb.engine.error.SqlState}). Every module reports errors with these.
 */
package org.larchdb.engine.error;
