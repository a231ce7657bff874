package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Logging in over SCRAM-SHA-256, and the refusals PostgreSQL gives. */
class AuthenticationIT {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void serverAsksForScramAndAcceptsTheRightPassword() throws Exception {
        try (PgWireClient client = PgWireClient.connect(server.host(), server.port())) {
            client.startup(TestServer.SUPERUSER, TestServer.DATABASE);
            PgWireClient.Message refusal = client.authenticate(server.password());
            assertEquals(null, refusal, () -> "login refused: " + refusal.field('M'));
            assertTrue(client.saslMechanisms().contains("SCRAM-SHA-256"), "mechanisms " + client.saslMechanisms());
            client.query("SELECT 41 + 1");
            List<PgWireClient.Message> reply = client.readUntilReady();
            PgWireClient.Message row = reply.stream().filter(m -> m.type() == 'D').findFirst().orElseThrow();
            // DataRow: int16 column count, int32 length, then the text "42".
            assertEquals("42", new String(row.body(), 6, row.body().length - 6, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void pgjdbcLogsInWithScram() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user")) {
            assertTrue(rs.next());
            assertEquals("postgres", rs.getString(1));
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        ServerErrorMessage error = loginError(TestServer.SUPERUSER, "not-the-password");
        assertEquals("28P01", error.getSQLState());
        assertEquals("password authentication failed for user \"postgres\"", error.getMessage());
        assertEquals("FATAL", error.getSeverity());
    }

    @Test
    void unknownUserGetsTheSameMessageAsAWrongPassword() {
        // Telling "no such user" apart from "wrong password" would let clients probe for role names.
        ServerErrorMessage error = loginError("no_such_user", "whatever");
        assertEquals("28P01", error.getSQLState());
        assertEquals("password authentication failed for user \"no_such_user\"", error.getMessage());
    }

    @Test
    void wrongPasswordOnTheRawProtocolFailsAfterTheScramProof() throws Exception {
        try (PgWireClient client = PgWireClient.connect(server.host(), server.port())) {
            client.startup(TestServer.SUPERUSER, TestServer.DATABASE);
            PgWireClient.Message refusal = client.authenticate("wrong");
            assertNotNull(refusal, "login with a wrong password succeeded");
            assertEquals("28P01", refusal.field('C'));
            assertEquals("password authentication failed for user \"postgres\"", refusal.field('M'));
            assertEquals(List.of(), client.readUntilClosed(), "server must close after a failed login");
        }
    }

    @Test
    void unknownDatabaseIsRefused() {
        PSQLException e = assertThrows(PSQLException.class, () -> {
            try (Connection c = java.sql.DriverManager.getConnection(
                    "jdbc:postgresql://" + server.host() + ":" + server.port() + "/no_such_db",
                    TestServer.SUPERUSER, server.password())) {
                c.isValid(1);
            }
        });
        assertEquals("3D000", e.getSQLState());
        assertEquals("database \"no_such_db\" does not exist", e.getServerErrorMessage().getMessage());
    }

    @Test
    void sessionStillWorksAfterFailedLogins() throws SQLException {
        loginError(TestServer.SUPERUSER, "bad1");
        loginError("nobody", "bad2");
        try (Connection c = server.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
        }
    }

    private static ServerErrorMessage loginError(String user, String password) {
        PSQLException e = assertThrows(PSQLException.class, () -> {
            try (Connection c = server.connect(user, password, null)) {
                c.isValid(1);
            }
        });
        assertNotNull(e.getServerErrorMessage(), () -> "not a server error: " + e);
        return e.getServerErrorMessage();
    }
}
