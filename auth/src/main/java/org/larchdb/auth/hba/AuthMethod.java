package org.larchdb.auth.hba;

import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** The authentication methods LarchDB supports in pg_hba.conf, with PostgreSQL's keywords. */
public enum AuthMethod {
    TRUST("trust"), REJECT("reject"), PASSWORD("password"), MD5("md5"), SCRAM_SHA_256("scram-sha-256");

    private final String hbaName;

    AuthMethod(String hbaName) {
        this.hbaName = hbaName;
    }

    /** The keyword as written in pg_hba.conf. */
    public String hbaName() {
        return hbaName;
    }

    /**
     * Parses a pg_hba.conf method keyword (case-sensitive, as PostgreSQL). Methods PostgreSQL knows
     * but LarchDB does not implement (peer, ident, gss, sspi, pam, ldap, radius, cert, bsd) fail
     * with the same message as an unknown word, plus a hint listing what is supported.
     */
    public static AuthMethod parse(String word) {
        for (AuthMethod method : values()) {
            if (method.hbaName.equals(word)) {
                return method;
            }
        }
        DbException error = new DbException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid authentication method \"" + word + "\"");
        throw switch (word) {
            case "peer", "ident", "gss", "sspi", "pam", "ldap", "radius", "cert", "bsd" -> error.withHint(
                    "LarchDB supports only the methods trust, reject, password, md5 and scram-sha-256.");
            default -> error;
        };
    }
}
