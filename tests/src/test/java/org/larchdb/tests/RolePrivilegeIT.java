package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/** A second, unprivileged role: it can log in but not read others' tables or create in public. */
class RolePrivilegeIT {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @BeforeAll
    static void createRoleAndTable() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS priv_t");
            st.execute("DROP TABLE IF EXISTS alice_t");
            st.execute("DROP ROLE IF EXISTS alice");
            st.execute("DROP ROLE IF EXISTS nologin_bob");
            st.execute("CREATE TABLE priv_t (a integer)");
            st.execute("INSERT INTO priv_t VALUES (1)");
            st.execute("CREATE ROLE alice LOGIN PASSWORD 'pw'");
            st.execute("CREATE ROLE nologin_bob PASSWORD 'pw'");
        }
    }

    @AfterAll
    static void dropRoleAndTable() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS priv_t");
            st.execute("DROP ROLE IF EXISTS alice");
            st.execute("DROP ROLE IF EXISTS nologin_bob");
        }
    }

    @Test
    void aliceLogsInAsHerself() throws SQLException {
        try (Connection c = server.connect("alice", "pw", null); Statement st = c.createStatement()) {
            assertEquals(List.of("alice"), BasicSqlIT.column(st, "SELECT current_user"));
            assertEquals(List.of("off"), BasicSqlIT.column(st, "SHOW is_superuser"));
        }
    }

    @Test
    void aliceCannotReadPostgresTable() throws SQLException {
        try (Connection c = server.connect("alice", "pw", null); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM priv_t"));
            assertEquals("42501", e.getSQLState());
            assertEquals("permission denied for table priv_t", serverMessage(e));
            SQLException insert = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO priv_t VALUES (2)"));
            assertEquals("42501", insert.getSQLState());
            assertEquals("permission denied for table priv_t", serverMessage(insert));
            // The denial is per statement: the session goes on.
            assertEquals(List.of("1"), BasicSqlIT.column(st, "SELECT 1"));
        }
    }

    @Test
    void aliceCannotCreateInPublicSchema() throws SQLException {
        // Since PostgreSQL 15 only the database owner may create in schema public.
        try (Connection c = server.connect("alice", "pw", null); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute("CREATE TABLE alice_t (a integer)"));
            assertEquals("42501", e.getSQLState());
            assertEquals("permission denied for schema public", serverMessage(e));
        }
    }

    @Test
    void aliceWithWrongPasswordIsRefused() {
        PSQLException e = assertThrows(PSQLException.class, () -> server.connect("alice", "wrong", null).close());
        assertEquals("28P01", e.getSQLState());
        assertEquals("password authentication failed for user \"alice\"", e.getServerErrorMessage().getMessage());
    }

    @Test
    void roleWithoutLoginCannotConnect() {
        PSQLException e = assertThrows(PSQLException.class, () -> server.connect("nologin_bob", "pw", null).close());
        assertEquals("28000", e.getSQLState());
        assertEquals("role \"nologin_bob\" is not permitted to log in", e.getServerErrorMessage().getMessage());
    }

    private static String serverMessage(SQLException e) {
        return e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : e.getMessage();
    }
}
