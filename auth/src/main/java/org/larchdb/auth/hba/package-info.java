/**
 * pg_hba.conf: parsing PostgreSQL's syntax into {@link org.larchdb.auth.hba.HbaRule}s and finding
 * the first rule matching a connection ({@link org.larchdb.auth.hba.HbaConfig}). Decides only
 * which method applies; it performs no authentication and no DNS lookups (numeric addresses only).
 */
package org.larchdb.auth.hba;
