package org.larchdb.auth.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.larchdb.auth.scram.ScramSha256;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

class LarchPasswordEncoderTest {

    private final LarchPasswordEncoder encoder = new LarchPasswordEncoder();

    @Test
    void encodesByPasswordEncryption() {
        String scram = encoder.encode("alice", "secret", "scram-sha-256");
        assertTrue(ScramSha256.isVerifier(scram));
        assertTrue(ScramSha256.verifyPlaintext(scram, "secret"));
        assertEquals("md5e2666ad354dd5b5f75c617aaf48feb5f", encoder.encode("x_auth_md5", "y", "md5"));
    }

    @Test
    void verifiersAreKeptAsGiven() {
        String scram = ScramSha256.createVerifier("secret");
        assertEquals(scram, encoder.encode("alice", scram, "md5"));
        assertEquals("md5e2666ad354dd5b5f75c617aaf48feb5f",
                encoder.encode("someone", "md5e2666ad354dd5b5f75c617aaf48feb5f", "scram-sha-256"));
    }

    @Test
    void unknownEncryptionIsRejected() {
        DbException e = assertThrows(DbException.class, () -> encoder.encode("a", "b", "plain"));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.state());
        assertEquals("invalid value for parameter \"password_encryption\": \"plain\"", e.getMessage());
    }
}
