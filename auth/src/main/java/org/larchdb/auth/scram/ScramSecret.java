package org.larchdb.auth.scram;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A parsed SCRAM-SHA-256 verifier as PostgreSQL stores it in pg_authid.rolpassword:
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64 fields).
 */
record ScramSecret(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    static final String PREFIX = "SCRAM-SHA-256$";

    /** Parses {@code text}, or returns null when it is not a well-formed SCRAM-SHA-256 verifier. */
    static ScramSecret parseOrNull(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return null;
        }
        String[] halves = text.substring(PREFIX.length()).split("\\$", -1);
        if (halves.length != 2) {
            return null;
        }
        String[] iterAndSalt = halves[0].split(":", -1);
        String[] keys = halves[1].split(":", -1);
        if (iterAndSalt.length != 2 || keys.length != 2) {
            return null;
        }
        try {
            if (!iterAndSalt[0].matches("[0-9]{1,9}")) {
                return null;
            }
            int iterations = Integer.parseInt(iterAndSalt[0]);
            byte[] salt = Base64.getDecoder().decode(iterAndSalt[1]);
            byte[] storedKey = Base64.getDecoder().decode(keys[0]);
            byte[] serverKey = Base64.getDecoder().decode(keys[1]);
            if (iterations <= 0 || salt.length == 0 || storedKey.length != ScramCrypto.KEY_LENGTH
                    || serverKey.length != ScramCrypto.KEY_LENGTH) {
                return null;
            }
            return new ScramSecret(iterations, salt, storedKey, serverKey);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Derives the secret for a (SASLprep'd) password. */
    static ScramSecret derive(byte[] preparedPassword, byte[] salt, int iterations) {
        byte[] salted = ScramCrypto.hi(preparedPassword, salt, iterations);
        byte[] clientKey = ScramCrypto.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = ScramCrypto.sha256(clientKey);
        byte[] serverKey = ScramCrypto.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramSecret(iterations, salt.clone(), storedKey, serverKey);
    }

    String format() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                + ":" + b64.encodeToString(serverKey);
    }
}
