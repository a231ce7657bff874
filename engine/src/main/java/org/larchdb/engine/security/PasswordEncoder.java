package org.larchdb.engine.security;

/**
 * Turns a plaintext password from CREATE/ALTER ROLE into the verifier stored in pg_authid
 * according to {@code password_encryption} ("scram-sha-256" or "md5"). Implemented by auth.
 * A password that already is a verifier is stored as given, as PostgreSQL does.
 */
public interface PasswordEncoder {
    String encode(String roleName, String password, String passwordEncryption);
}
