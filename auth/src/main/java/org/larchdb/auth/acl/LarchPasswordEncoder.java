package org.larchdb.auth.acl;

import java.util.Locale;
import org.larchdb.auth.password.Md5Password;
import org.larchdb.auth.scram.ScramSha256;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.PasswordEncoder;

/**
 * Encodes CREATE/ALTER ROLE ... PASSWORD by {@code password_encryption}, as PostgreSQL's
 * encrypt_password(): a value that already is a SCRAM-SHA-256 or md5 verifier is stored as given
 * (that is how pg_dump restores passwords), otherwise it is hashed with the configured method.
 */
public final class LarchPasswordEncoder implements PasswordEncoder {

    @Override
    public String encode(String roleName, String password, String passwordEncryption) {
        if (ScramSha256.isVerifier(password) || Md5Password.isVerifier(password)) {
            return password;
        }
        String method = passwordEncryption == null ? "" : passwordEncryption.toLowerCase(Locale.ROOT);
        return switch (method) {
            case "scram-sha-256" -> ScramSha256.createVerifier(password);
            case "md5" -> Md5Password.encode(roleName, password);
            default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"password_encryption\": \"" + passwordEncryption + "\"")
                    .withHint("Available values: md5, scram-sha-256.");
        };
    }
}
