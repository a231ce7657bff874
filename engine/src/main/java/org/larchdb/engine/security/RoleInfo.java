package org.larchdb.engine.security;

import java.time.Instant;

/**
 * A role as recorded in pg_authid. {@code password} is the stored verifier
 * ({@code SCRAM-SHA-256$...} or {@code md5...}), or null when the role has no password.
 */
public record RoleInfo(long oid, String name, boolean superuser, boolean inherit, boolean createRole,
                       boolean createDb, boolean canLogin, int connectionLimit, String password,
                       Instant validUntil) {
}
