package org.larchdb.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.larchdb.auth.hba.AuthMethod;
import org.larchdb.auth.password.Md5Password;
import org.larchdb.auth.scram.ScramSha256;
import org.larchdb.auth.scram.ScramTestClient;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.RoleInfo;

class AuthenticationExchangeTest {

    private static final byte[] MOCK = "mock".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SCRAM_SECRET = ScramSha256.createVerifier("s3cret");
    private static final String MD5_SECRET = Md5Password.encode("alice", "s3cret");

    private static Optional<RoleInfo> alice(String password, boolean canLogin, Instant validUntil) {
        return Optional.of(new RoleInfo(100, "alice", false, true, false, false, canLogin, -1, password, validUntil));
    }

    private static AuthenticationExchange start(AuthMethod method, Optional<RoleInfo> role) {
        return AuthenticationExchange.start(method, "alice", role, MOCK, "scram-sha-256", CLOCK);
    }

    // --- trust ---

    @Test
    void trust() {
        AuthStep step = AuthenticationExchange.start(AuthMethod.TRUST, "alice", alice(null, true, null), MOCK).first();
        assertNull(assertInstanceOf(AuthStep.Success.class, step).saslFinalOrNull());
        assertFails(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"alice\" does not exist",
                () -> start(AuthMethod.TRUST, Optional.empty()).first());
        assertFails(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"alice\" is not permitted to log in",
                () -> start(AuthMethod.TRUST, alice(null, false, null)).first());
    }

    // --- password (cleartext) ---

    @Test
    void cleartextAgainstScramAndMd5Verifiers() {
        for (String secret : new String[] {SCRAM_SECRET, MD5_SECRET}) {
            var exchange = start(AuthMethod.PASSWORD, alice(secret, true, null));
            AuthStep.Send send = assertInstanceOf(AuthStep.Send.class, exchange.first());
            assertEquals(AuthStep.CLEARTEXT_PASSWORD, send.authCode());
            assertEquals(0, send.payload().length);
            assertInstanceOf(AuthStep.Success.class, exchange.respond(cstring("s3cret")));

            var wrong = start(AuthMethod.PASSWORD, alice(secret, true, null));
            wrong.first();
            assertPasswordFailed(() -> wrong.respond(cstring("nope")));
        }
    }

    @Test
    void cleartextFailsTheSameWayForEveryReason() {
        for (Optional<RoleInfo> role : java.util.List.of(Optional.<RoleInfo>empty(), alice(null, true, null),
                alice(SCRAM_SECRET, true, NOW.minusSeconds(1)))) {
            var exchange = start(AuthMethod.PASSWORD, role);
            assertEquals(AuthStep.CLEARTEXT_PASSWORD, ((AuthStep.Send) exchange.first()).authCode());
            assertPasswordFailed(() -> exchange.respond(cstring("s3cret")));
        }
        // As PostgreSQL: expired only when rolvaliduntil < now.
        var notYetExpired = start(AuthMethod.PASSWORD, alice(SCRAM_SECRET, true, NOW));
        notYetExpired.first();
        assertInstanceOf(AuthStep.Success.class, notYetExpired.respond(cstring("s3cret")));
    }

    @Test
    void loginPrivilegeIsCheckedAfterThePassword() {
        var exchange = start(AuthMethod.PASSWORD, alice(SCRAM_SECRET, false, null));
        exchange.first();
        assertFails(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"alice\" is not permitted to log in",
                () -> exchange.respond(cstring("s3cret")));
        var wrong = start(AuthMethod.PASSWORD, alice(SCRAM_SECRET, false, null));
        wrong.first();
        assertPasswordFailed(() -> wrong.respond(cstring("bad")));
    }

    @Test
    void malformedPasswordMessage() {
        var exchange = start(AuthMethod.PASSWORD, alice(SCRAM_SECRET, true, null));
        exchange.first();
        assertFails(SqlState.PROTOCOL_VIOLATION, "invalid password packet size",
                () -> exchange.respond("s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    // --- md5 ---

    @Test
    void md5Challenge() throws Exception {
        var exchange = start(AuthMethod.MD5, alice(MD5_SECRET, true, null));
        AuthStep.Send send = assertInstanceOf(AuthStep.Send.class, exchange.first());
        assertEquals(AuthStep.MD5_PASSWORD, send.authCode());
        assertEquals(4, send.payload().length);
        String response = md5Response("alice", "s3cret", send.payload());
        assertInstanceOf(AuthStep.Success.class, exchange.respond(cstring(response)));

        var wrong = start(AuthMethod.MD5, alice(MD5_SECRET, true, null));
        AuthStep.Send wrongSend = (AuthStep.Send) wrong.first();
        String bad = md5Response("alice", "nope", wrongSend.payload());
        assertPasswordFailed(() -> wrong.respond(cstring(bad)));
    }

    @Test
    void md5MethodSwitchesToScramLikePostgres() {
        assertEquals(AuthStep.SASL, ((AuthStep.Send) start(AuthMethod.MD5, alice(SCRAM_SECRET, true, null)).first()).authCode());
        assertEquals(AuthStep.SASL, ((AuthStep.Send) start(AuthMethod.MD5, Optional.empty()).first()).authCode());
        var md5Default = AuthenticationExchange.start(AuthMethod.MD5, "ghost", Optional.empty(), MOCK, "md5", CLOCK);
        AuthStep.Send send = (AuthStep.Send) md5Default.first();
        assertEquals(AuthStep.MD5_PASSWORD, send.authCode());
        assertFails(SqlState.INVALID_PASSWORD, "password authentication failed for user \"ghost\"",
                () -> md5Default.respond(cstring("md5" + "0".repeat(32))));
    }

    // --- SCRAM ---

    @Test
    void fullScramExchange() throws Exception {
        var exchange = start(AuthMethod.SCRAM_SHA_256, alice(SCRAM_SECRET, true, null));
        AuthStep.Send sasl = (AuthStep.Send) exchange.first();
        assertEquals(AuthStep.SASL, sasl.authCode());
        assertArrayEquals("SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII), sasl.payload());

        var client = new ScramTestClient("", "s3cret", "fyko+d2lbbFgONRv9qkxdawL");
        AuthStep.Send cont = (AuthStep.Send) exchange.respond(saslInitial("SCRAM-SHA-256", client.clientFirst()));
        assertEquals(AuthStep.SASL_CONTINUE, cont.authCode());
        String serverFirst = new String(cont.payload(), StandardCharsets.UTF_8);
        AuthStep.Success done = assertInstanceOf(AuthStep.Success.class,
                exchange.respond(client.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8)));
        assertEquals(client.expectedServerFinal(), new String(done.saslFinalOrNull(), StandardCharsets.UTF_8));
        assertFails(SqlState.PROTOCOL_VIOLATION, "unexpected password message during authentication",
                () -> exchange.respond(cstring("again")));
    }

    @Test
    void scramWithoutInitialResponse() throws Exception {
        var exchange = start(AuthMethod.SCRAM_SHA_256, alice(SCRAM_SECRET, true, null));
        exchange.first();
        byte[] noData = ByteBuffer.allocate(14 + 4).put("SCRAM-SHA-256\0".getBytes(StandardCharsets.US_ASCII))
                .putInt(-1).array();
        AuthStep.Send empty = (AuthStep.Send) exchange.respond(noData);
        assertEquals(AuthStep.SASL_CONTINUE, empty.authCode());
        assertEquals(0, empty.payload().length);
        var client = new ScramTestClient("alice", "s3cret", "abc");
        AuthStep.Send cont = (AuthStep.Send) exchange.respond(client.clientFirst().getBytes(StandardCharsets.UTF_8));
        String serverFirst = new String(cont.payload(), StandardCharsets.UTF_8);
        assertInstanceOf(AuthStep.Success.class,
                exchange.respond(client.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void scramFailsTheSameWayForEveryReason() throws Exception {
        for (Optional<RoleInfo> role : java.util.List.of(Optional.<RoleInfo>empty(), alice(null, true, null),
                alice(MD5_SECRET, true, null), alice(SCRAM_SECRET, true, NOW.minusMillis(1)),
                alice(SCRAM_SECRET, true, null))) {
            String password = role.isPresent() && role.get().password() == SCRAM_SECRET
                    && role.get().validUntil() == null ? "wrong" : "s3cret";
            var exchange = start(AuthMethod.SCRAM_SHA_256, role);
            exchange.first();
            var client = new ScramTestClient("alice", password, "abc");
            AuthStep.Send cont = (AuthStep.Send) exchange.respond(saslInitial("SCRAM-SHA-256", client.clientFirst()));
            String serverFirst = new String(cont.payload(), StandardCharsets.UTF_8);
            assertEquals(3, serverFirst.split(",").length, serverFirst);
            assertPasswordFailed(() -> exchange.respond(client.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void scramChecksLoginPrivilegeAfterSuccess() throws Exception {
        var exchange = start(AuthMethod.SCRAM_SHA_256, alice(SCRAM_SECRET, false, null));
        exchange.first();
        var client = new ScramTestClient("alice", "s3cret", "abc");
        AuthStep.Send cont = (AuthStep.Send) exchange.respond(saslInitial("SCRAM-SHA-256", client.clientFirst()));
        String clientFinal = client.clientFinal(new String(cont.payload(), StandardCharsets.UTF_8));
        assertFails(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"alice\" is not permitted to log in",
                () -> exchange.respond(clientFinal.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidSaslMechanism() {
        var exchange = start(AuthMethod.SCRAM_SHA_256, alice(SCRAM_SECRET, true, null));
        exchange.first();
        assertFails(SqlState.PROTOCOL_VIOLATION, "client selected an invalid SASL authentication mechanism",
                () -> exchange.respond(saslInitial("SCRAM-SHA-256-PLUS", "p=tls-server-end-point,,n=,r=abc")));
    }

    // --- helpers ---

    private static void assertPasswordFailed(org.junit.jupiter.api.function.Executable action) {
        assertFails(SqlState.INVALID_PASSWORD, "password authentication failed for user \"alice\"", action);
    }

    private static void assertFails(SqlState state, String message, org.junit.jupiter.api.function.Executable action) {
        DbException e = assertThrows(DbException.class, action);
        assertEquals(state, e.state());
        assertEquals(message, e.getMessage());
        assertEquals(DbException.Severity.FATAL, e.severity());
    }

    private static byte[] cstring(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] saslInitial(String mechanism, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(cstring(mechanism));
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static String md5Response(String user, String password, byte[] salt) throws Exception {
        var md5 = java.security.MessageDigest.getInstance("MD5");
        String inner = HexFormat.of().formatHex(md5.digest((password + user).getBytes(StandardCharsets.UTF_8)));
        md5.update(inner.getBytes(StandardCharsets.US_ASCII));
        md5.update(salt);
        return "md5" + HexFormat.of().formatHex(md5.digest());
    }
}
