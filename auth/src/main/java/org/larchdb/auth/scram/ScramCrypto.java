package org.larchdb.auth.scram;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 primitives (RFC 5802 §2.2): HMAC, H and Hi. Hi is written out instead of
 * using the JDK's PBKDF2 key factory because that one takes a char[] and encodes it itself, while
 * SCRAM must hash the exact SASLprep'd (or raw) password bytes.
 */
final class ScramCrypto {

    static final int KEY_LENGTH = 32;

    private ScramCrypto() {
    }

    static byte[] hmac(byte[] key, byte[] message) {
        Mac mac = newMac(key);
        return mac.doFinal(message);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Hi(str, salt, i) of RFC 5802: PBKDF2 with HMAC-SHA-256 and one output block. */
    static byte[] hi(byte[] password, byte[] salt, int iterations) {
        // The JDK refuses empty HMAC keys; HMAC zero-pads keys to the block size, so a single zero
        // byte is the same key as the empty one.
        Mac mac = newMac(password.length == 0 ? new byte[1] : password);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
