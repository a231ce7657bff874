package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed or hostile input on raw sockets. Whatever a client sends, the server drops at most
 * that one connection: after each case a normal pgjdbc session must still work.
 */
class ProtocolRobustnessIT {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @AfterEach
    void serverStillServes() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            assertEquals(List.of("ok"), BasicSqlIT.column(st, "SELECT 'ok'"));
        }
    }

    @Test
    void garbageBeforeStartupClosesTheConnection() throws IOException {
        try (PgWireClient client = raw()) {
            client.sendRaw("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertOnlyErrorsThenClosed(client.readUntilClosed());
        }
    }

    @Test
    void absurdStartupLengthClosesTheConnection() throws IOException {
        try (PgWireClient client = raw()) {
            client.sendRaw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 3, 0, 0});
            assertOnlyErrorsThenClosed(client.readUntilClosed());
        }
    }

    @Test
    void negativeStartupLengthClosesTheConnection() throws IOException {
        try (PgWireClient client = raw()) {
            client.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 0, 3, 0, 0});
            assertOnlyErrorsThenClosed(client.readUntilClosed());
        }
    }

    @Test
    void unknownProtocolVersionIsRefused() throws IOException {
        try (PgWireClient client = raw()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            PgWireClient.writeInt(body, 0x00090000); // protocol 9.0
            PgWireClient.writeCString(body, "user");
            PgWireClient.writeCString(body, "postgres");
            body.write(0);
            client.sendUntyped(body.toByteArray());
            List<PgWireClient.Message> messages = client.readUntilClosed();
            assertOnlyErrorsThenClosed(messages);
            assertEquals(1, messages.size(), "expected one FATAL: " + messages);
            assertEquals("0A000", messages.get(0).field('C'));
        }
    }

    @Test
    void truncatedStartupThenCloseIsHarmless() throws IOException {
        try (PgWireClient client = raw()) {
            // Announces 100 bytes, sends 10, then hangs up.
            client.sendRaw(new byte[] {0, 0, 0, 100, 0, 3, 0, 0, 'u', 's'});
        }
    }

    @Test
    void truncatedMessageAfterLoginThenCloseIsHarmless() throws IOException {
        try (PgWireClient client = login()) {
            client.sendRaw(new byte[] {'Q', 0, 0, 0, 50, 'S', 'E', 'L'});
        }
    }

    @Test
    void sslRequestIsAnsweredAndStartupMayFollow() throws IOException {
        try (PgWireClient client = raw()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            PgWireClient.writeInt(body, 80877103);
            client.sendUntyped(body.toByteArray());
            byte[] answer = new byte[1];
            // The answer is one unframed byte: 'S' (would do TLS) or 'N' (go on in plain text).
            assertEquals(1, client.readRawByte(answer));
            if (answer[0] == 'N') {
                client.startup(TestServer.SUPERUSER, TestServer.DATABASE);
                assertEquals(null, client.authenticate(server.password()));
            } else {
                assertEquals('S', (char) answer[0]);
            }
        }
    }

    @Test
    void cancelRequestWithUnknownKeyIsIgnored() throws IOException {
        try (PgWireClient client = raw()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            PgWireClient.writeInt(body, 80877102);
            PgWireClient.writeInt(body, 123456);
            PgWireClient.writeInt(body, 987654);
            client.sendUntyped(body.toByteArray());
            // The server answers a CancelRequest with nothing and closes the connection.
            assertEquals(List.of(), client.readUntilClosed());
        }
    }

    @Test
    void unknownMessageTypeAfterLoginIsAProtocolViolation() throws IOException {
        try (PgWireClient client = login()) {
            client.send('!', new byte[0]);
            List<PgWireClient.Message> messages = client.readUntilClosed();
            assertEquals(1, messages.size(), "expected one FATAL then close: " + messages);
            assertEquals('E', messages.get(0).type());
            assertEquals("08P01", messages.get(0).field('C'));
            assertEquals("FATAL", messages.get(0).field('S'));
        }
    }

    @Test
    void absurdMessageLengthAfterLoginClosesTheConnection() throws IOException {
        try (PgWireClient client = login()) {
            client.sendRaw(new byte[] {'Q', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'S', 'E', 'L'});
            assertOnlyErrorsThenClosed(client.readUntilClosed());
        }
    }

    @Test
    void negativeMessageLengthAfterLoginClosesTheConnection() throws IOException {
        try (PgWireClient client = login()) {
            client.sendRaw(new byte[] {'Q', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe});
            assertOnlyErrorsThenClosed(client.readUntilClosed());
        }
    }

    @Test
    void syntaxErrorInSimpleQueryKeepsTheConnection() throws IOException {
        try (PgWireClient client = login()) {
            client.query("SELEC 1; SELECT 2");
            List<PgWireClient.Message> reply = client.readUntilReady();
            assertTrue(reply.stream().anyMatch(m -> m.type() == 'E' && "42601".equals(m.field('C'))), reply::toString);
            client.query("SELECT 3");
            List<PgWireClient.Message> next = client.readUntilReady();
            assertTrue(next.stream().anyMatch(m -> m.type() == 'D'), next::toString);
        }
    }

    @Test
    void terminateClosesCleanly() throws IOException {
        try (PgWireClient client = login()) {
            client.send('X', new byte[0]);
            assertEquals(List.of(), client.readUntilClosed());
        }
    }

    private static PgWireClient raw() throws IOException {
        return PgWireClient.connect(server.host(), server.port());
    }

    private static PgWireClient login() throws IOException {
        return PgWireClient.login(server.host(), server.port(), TestServer.SUPERUSER, server.password());
    }

    /** PostgreSQL may say why (an ErrorResponse) or just hang up; nothing else is acceptable. */
    private static void assertOnlyErrorsThenClosed(List<PgWireClient.Message> messages) {
        for (PgWireClient.Message m : messages) {
            assertEquals('E', m.type(), () -> "unexpected message before close: " + messages);
        }
    }
}
