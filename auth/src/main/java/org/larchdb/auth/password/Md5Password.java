package org.larchdb.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * PostgreSQL's md5 passwords: the stored verifier is {@code "md5" + hex(md5(password + user))},
 * and the md5 challenge response is {@code "md5" + hex(md5(hex(md5(password + user)) + salt))}.
 * Kept for compatibility only; SCRAM-SHA-256 is the default, as in PostgreSQL.
 */
public final class Md5Password {

    /** "md5" plus 32 hex digits (PostgreSQL's MD5_PASSWD_LEN is 35). */
    private static final int VERIFIER_LENGTH = 35;

    private Md5Password() {
    }

    /** The stored verifier for {@code password} of role {@code user}. */
    public static String encode(String user, String password) {
        return "md5" + md5Hex(concat(password.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when {@code s} has the shape of an md5 verifier, as PostgreSQL's get_password_type checks it. */
    public static boolean isVerifier(String s) {
        if (s == null || s.length() != VERIFIER_LENGTH || !s.startsWith("md5")) {
            return false;
        }
        for (int i = 3; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Checks the client's response to an AuthenticationMD5Password challenge with {@code salt4}. */
    public static boolean verifyResponse(String storedVerifier, String user, byte[] salt4, String clientResponse) {
        if (!isVerifier(storedVerifier) || clientResponse == null) {
            return false;
        }
        byte[] inner = storedVerifier.substring(3).toLowerCase().getBytes(StandardCharsets.US_ASCII);
        String expected = "md5" + md5Hex(concat(inner, salt4));
        // user is part of the stored verifier already; the parameter documents which role it belongs to.
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                clientResponse.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks a cleartext password (auth method {@code password}) against an md5 verifier. */
    public static boolean verifyPlaintext(String storedVerifier, String user, byte[] password) {
        if (!isVerifier(storedVerifier)) {
            return false;
        }
        String computed = "md5" + md5Hex(concat(password, user.getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                storedVerifier.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
