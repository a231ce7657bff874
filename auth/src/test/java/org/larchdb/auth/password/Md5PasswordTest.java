package org.larchdb.auth.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Md5PasswordTest {

    @Test
    void encodeMatchesPostgres() {
        // PostgreSQL 15: set password_encryption='md5'; create role x_auth_md5 password 'y'
        assertEquals("md5e2666ad354dd5b5f75c617aaf48feb5f", Md5Password.encode("x_auth_md5", "y"));
        // md5("postgres" + "postgres"), the well-known value
        assertEquals("md53175bce1d3201d16594cebf9d7eb3f9d", Md5Password.encode("postgres", "postgres"));
    }

    @Test
    void isVerifier() {
        assertTrue(Md5Password.isVerifier("md5e2666ad354dd5b5f75c617aaf48feb5f"));
        assertTrue(Md5Password.isVerifier("md5E2666AD354DD5B5F75C617AAF48FEB5F"));
        assertFalse(Md5Password.isVerifier("md5e2666ad354dd5b5f75c617aaf48feb5"));
        assertFalse(Md5Password.isVerifier("md5e2666ad354dd5b5f75c617aaf48feb5g"));
        assertFalse(Md5Password.isVerifier("xyze2666ad354dd5b5f75c617aaf48feb5f"));
        assertFalse(Md5Password.isVerifier(null));
    }

    @Test
    void challengeResponse() throws Exception {
        String stored = Md5Password.encode("alice", "secret");
        byte[] salt = {1, 2, (byte) 0xFE, 4};
        String response = clientResponse("alice", "secret", salt);
        assertTrue(Md5Password.verifyResponse(stored, "alice", salt, response));
        assertFalse(Md5Password.verifyResponse(stored, "alice", new byte[] {1, 2, 3, 4}, response));
        assertFalse(Md5Password.verifyResponse(stored, "alice", salt, clientResponse("alice", "wrong", salt)));
        assertFalse(Md5Password.verifyResponse("SCRAM-SHA-256$...", "alice", salt, response));
    }

    @Test
    void plaintext() {
        String stored = Md5Password.encode("alice", "secret");
        assertTrue(Md5Password.verifyPlaintext(stored, "alice", "secret".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Md5Password.verifyPlaintext(stored, "bob", "secret".getBytes(StandardCharsets.UTF_8)));
    }

    /** What libpq computes: "md5" + hex(md5(hex(md5(password + user)) + salt)). */
    static String clientResponse(String user, String password, byte[] salt) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        String inner = HexFormat.of().formatHex(md5.digest((password + user).getBytes(StandardCharsets.UTF_8)));
        md5.update(inner.getBytes(StandardCharsets.US_ASCII));
        md5.update(salt);
        return "md5" + HexFormat.of().formatHex(md5.digest());
    }
}
