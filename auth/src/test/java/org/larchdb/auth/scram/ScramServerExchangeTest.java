package org.larchdb.auth.scram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

class ScramServerExchangeTest {

    private static final byte[] MOCK_SECRET = "server-mock-secret".getBytes(StandardCharsets.UTF_8);
    private static final String RFC_SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String RFC_VERIFIER = ScramSha256.createVerifier("pencil",
            Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

    @Test
    void rfc7677TestVector() {
        var server = new ScramServerExchange("user", RFC_VERIFIER, MOCK_SECRET, () -> RFC_SERVER_NONCE);
        String serverFirst = server.handleClientFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertEquals("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                serverFirst);
        String serverFinal = server.handleClientFinal("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertEquals("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", serverFinal);
    }

    @Test
    void fullExchangeWithTestClient() throws Exception {
        String verifier = ScramSha256.createVerifier("s3cret");
        var server = new ScramServerExchange("alice", verifier, MOCK_SECRET);
        var client = new ScramTestClient("ignored-name", "s3cret", "clientNonce123");
        String serverFirst = server.handleClientFirst(client.clientFirst());
        assertTrue(serverFirst.startsWith("r=clientNonce123"), serverFirst);
        assertTrue(serverFirst.length() > "r=clientNonce123".length() + 20, "server nonce appended");
        String serverFinal = server.handleClientFinal(client.clientFinal(serverFirst));
        assertEquals(client.expectedServerFinal(), serverFinal);
    }

    @Test
    void wrongPasswordFailsWithPostgresMessage() throws Exception {
        var server = new ScramServerExchange("alice", ScramSha256.createVerifier("s3cret"), MOCK_SECRET);
        var client = new ScramTestClient("alice", "wrong", "abc");
        String serverFirst = server.handleClientFirst(client.clientFirst());
        DbException e = assertThrows(DbException.class, () -> server.handleClientFinal(client.clientFinal(serverFirst)));
        assertEquals(SqlState.INVALID_PASSWORD, e.state());
        assertEquals("password authentication failed for user \"alice\"", e.getMessage());
        assertEquals(DbException.Severity.FATAL, e.severity());
    }

    @Test
    void mockExchangeLooksNormalAndAlwaysFails() throws Exception {
        var server = new ScramServerExchange("ghost", null, MOCK_SECRET);
        assertTrue(server.isMock());
        var client = new ScramTestClient("ghost", "anything", "nonceXYZ");
        String serverFirst = server.handleClientFirst(client.clientFirst());
        assertTrue(serverFirst.matches("r=nonceXYZ[A-Za-z0-9+/=]{24},s=[A-Za-z0-9+/]{22}==,i=4096"), serverFirst);
        DbException e = assertThrows(DbException.class, () -> server.handleClientFinal(client.clientFinal(serverFirst)));
        assertEquals(SqlState.INVALID_PASSWORD, e.state());
        assertEquals("password authentication failed for user \"ghost\"", e.getMessage());

        // The fake salt is stable per user (as a real role's would be) and differs between users.
        String again = new ScramServerExchange("ghost", null, MOCK_SECRET).handleClientFirst("n,,n=,r=n");
        String other = new ScramServerExchange("ghost2", null, MOCK_SECRET).handleClientFirst("n,,n=,r=n");
        assertEquals(salt(serverFirst), salt(again));
        assertNotEquals(salt(serverFirst), salt(other));
    }

    @Test
    void md5VerifierMeansMockExchange() {
        assertTrue(new ScramServerExchange("u", "md5e2666ad354dd5b5f75c617aaf48feb5f", MOCK_SECRET).isMock());
    }

    private static String salt(String serverFirst) {
        return serverFirst.split(",")[1];
    }

    @Test
    void channelBindingRequestIsRefused() {
        var server = new ScramServerExchange("u", RFC_VERIFIER, MOCK_SECRET);
        DbException e = assertThrows(DbException.class,
                () -> server.handleClientFirst("p=tls-server-end-point,,n=u,r=abc"));
        assertEquals(SqlState.PROTOCOL_VIOLATION, e.state());
        assertEquals("malformed SCRAM message", e.getMessage());
    }

    @Test
    void malformedMessages() {
        assertMalformed("");
        assertMalformed("x,,n=u,r=abc");
        assertMalformed("n,,r=abc");
        assertMalformed("n,,n=u");
        assertMalformed("n,n=u,r=abc");
        DbException authzid = assertThrows(DbException.class,
                () -> new ScramServerExchange("u", RFC_VERIFIER, MOCK_SECRET).handleClientFirst("n,a=x,n=u,r=abc"));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, authzid.state());
        DbException early = assertThrows(DbException.class,
                () -> new ScramServerExchange("u", RFC_VERIFIER, MOCK_SECRET).handleClientFinal("c=biws,r=x,p=x"));
        assertEquals(SqlState.PROTOCOL_VIOLATION, early.state());
    }

    private static void assertMalformed(String clientFirst) {
        DbException e = assertThrows(DbException.class,
                () -> new ScramServerExchange("u", RFC_VERIFIER, MOCK_SECRET).handleClientFirst(clientFirst));
        assertEquals(SqlState.PROTOCOL_VIOLATION, e.state(), clientFirst);
        assertEquals("malformed SCRAM message", e.getMessage(), clientFirst);
    }

    @Test
    void nonceMismatchFailsAuthentication() {
        var server = new ScramServerExchange("user", RFC_VERIFIER, MOCK_SECRET, () -> RFC_SERVER_NONCE);
        server.handleClientFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        DbException e = assertThrows(DbException.class, () -> server.handleClientFinal(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k1,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertEquals(SqlState.INVALID_PASSWORD, e.state());
    }

    @Test
    void badChannelBindingAndProofAreProtocolErrors() {
        var server = new ScramServerExchange("user", RFC_VERIFIER, MOCK_SECRET, () -> RFC_SERVER_NONCE);
        server.handleClientFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        DbException e = assertThrows(DbException.class, () -> server.handleClientFinal(
                "c=cD10bHMsLA==,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertEquals(SqlState.PROTOCOL_VIOLATION, e.state());

        var server2 = new ScramServerExchange("user", RFC_VERIFIER, MOCK_SECRET, () -> RFC_SERVER_NONCE);
        server2.handleClientFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        DbException shortProof = assertThrows(DbException.class, () -> server2.handleClientFinal(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=AAAA"));
        assertEquals("malformed SCRAM message", shortProof.getMessage());
    }

    @Test
    void exchangeCannotBeReplayed() throws Exception {
        var server = new ScramServerExchange("user", RFC_VERIFIER, MOCK_SECRET, () -> RFC_SERVER_NONCE);
        server.handleClientFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        String clientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
        server.handleClientFinal(clientFinal);
        assertThrows(DbException.class, () -> server.handleClientFinal(clientFinal));
    }
}
