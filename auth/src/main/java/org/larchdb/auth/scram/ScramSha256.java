package org.larchdb.auth.scram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * SCRAM-SHA-256 verifiers in PostgreSQL's storage format
 * {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}.
 * Passwords are normalised with SASLprep as PostgreSQL does (see {@link SaslPrep} for how
 * closely); a password SASLprep refuses is hashed as its raw UTF-8 bytes, again like PostgreSQL.
 */
public final class ScramSha256 {

    /** PostgreSQL's default {@code scram_iterations}. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** PostgreSQL's SCRAM_DEFAULT_SALT_LEN. */
    public static final int SALT_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramSha256() {
    }

    /** A new verifier with a random 16-byte salt and 4096 iterations. */
    public static String createVerifier(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return createVerifier(password, salt, DEFAULT_ITERATIONS);
    }

    public static String createVerifier(String password, byte[] salt, int iterations) {
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        byte[] prepared = SaslPrep.prepare(password.getBytes(StandardCharsets.UTF_8));
        return ScramSecret.derive(prepared, salt, iterations).format();
    }

    /** True when {@code s} is a well-formed SCRAM-SHA-256 verifier. */
    public static boolean isVerifier(String s) {
        return ScramSecret.parseOrNull(s) != null;
    }

    /** Checks a cleartext password (auth method {@code password}) against a SCRAM verifier. */
    public static boolean verifyPlaintext(String verifier, String password) {
        return verifyPlaintext(verifier, password.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #verifyPlaintext(String, String)} for the password bytes exactly as the client sent them. */
    public static boolean verifyPlaintext(String verifier, byte[] password) {
        ScramSecret secret = ScramSecret.parseOrNull(verifier);
        if (secret == null) {
            return false;
        }
        ScramSecret computed = ScramSecret.derive(SaslPrep.prepare(password), secret.salt(), secret.iterations());
        // As PostgreSQL: compare the ServerKey, in constant time.
        return MessageDigest.isEqual(computed.serverKey(), secret.serverKey());
    }
}
