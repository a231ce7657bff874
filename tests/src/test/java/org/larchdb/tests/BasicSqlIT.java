package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CREATE/INSERT/SELECT/UPDATE/DELETE over pgjdbc, plain and prepared, plus server identity. */
class BasicSqlIT {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @BeforeAll
    static void createTable() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS basic_items");
            st.execute("CREATE TABLE basic_items (id integer NOT NULL, name text, qty integer DEFAULT 0)");
        }
    }

    @Test
    void crudWithCountsAndOrderedLimitedReads() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM basic_items");
            assertEquals(4, st.executeUpdate(
                    "INSERT INTO basic_items VALUES (1, 'apple', 5), (2, 'pear', 0), (3, 'plum', 7), (4, 'fig', NULL)"));
            assertEquals(List.of("plum", "apple"),
                    column(st, "SELECT name FROM basic_items WHERE qty > 0 ORDER BY qty DESC LIMIT 2"));
            assertEquals(List.of("pear", "plum"),
                    column(st, "SELECT name FROM basic_items ORDER BY id LIMIT 2 OFFSET 1"));
            assertEquals(2, st.executeUpdate("UPDATE basic_items SET qty = qty + 1 WHERE qty >= 5"));
            assertEquals(List.of("6", "8"), column(st, "SELECT qty FROM basic_items WHERE qty > 5 ORDER BY id"));
            assertEquals(0, st.executeUpdate("UPDATE basic_items SET qty = 0 WHERE id = 99"));
            assertEquals(1, st.executeUpdate("DELETE FROM basic_items WHERE qty IS NULL"));
            assertEquals(List.of("3"), column(st, "SELECT count(*) FROM basic_items"));
            assertEquals(3, st.executeUpdate("DELETE FROM basic_items"));
        }
    }

    @Test
    void preparedStatementsBindParameters() throws SQLException {
        try (Connection c = server.connect()) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM basic_items");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO basic_items (id, name) VALUES (?, ?)")) {
                for (int i = 1; i <= 10; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "item-" + i);
                    assertEquals(1, insert.executeUpdate());
                }
            }
            // Executed more often than prepareThreshold, so pgjdbc switches to a named statement.
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT name, qty FROM basic_items WHERE id > ? AND id <= ? ORDER BY id DESC")) {
                for (int round = 0; round < 7; round++) {
                    select.setInt(1, 7);
                    select.setInt(2, 9);
                    try (ResultSet rs = select.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("item-9", rs.getString(1));
                        assertEquals(0, rs.getInt(2));
                        assertTrue(rs.next());
                        assertEquals("item-8", rs.getString("name"));
                        assertFalse(rs.next());
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE basic_items SET qty = ? WHERE id <= ?")) {
                update.setInt(1, 3);
                update.setInt(2, 4);
                assertEquals(4, update.executeUpdate());
            }
        }
    }

    @Test
    void errorsCarrySqlStateAndTheSessionContinues() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            SQLException missing = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM nope"));
            assertEquals("42P01", missing.getSQLState());
            SQLException notNull = assertThrows(SQLException.class,
                    () -> st.executeUpdate("INSERT INTO basic_items (name) VALUES ('x')"));
            assertEquals("23502", notNull.getSQLState());
            assertEquals(List.of("1"), column(st, "SELECT 1"));
        }
    }

    @Test
    void explicitTransactionsCommitAndRollBack() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM basic_items");
            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO basic_items (id) VALUES (100)");
            c.rollback();
            st.executeUpdate("INSERT INTO basic_items (id) VALUES (101)");
            c.commit();
            c.setAutoCommit(true);
            assertEquals(List.of("101"), column(st, "SELECT id FROM basic_items"));
            // A failed statement poisons the block until ROLLBACK, as in PostgreSQL.
            c.setAutoCommit(false);
            assertThrows(SQLException.class, () -> st.executeQuery("SELECT 1 / 0"));
            SQLException aborted = assertThrows(SQLException.class, () -> st.executeQuery("SELECT 1"));
            assertEquals("25P02", aborted.getSQLState());
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(List.of("1"), column(st, "SELECT count(*) FROM basic_items"));
        }
    }

    @Test
    void reportsPostgres15Identity() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            String version = column(st, "SELECT version()").get(0);
            assertTrue(version.startsWith("PostgreSQL 15"), version);
            String serverVersion = column(st, "SHOW server_version").get(0);
            if (server.isExternal()) {
                assertTrue(serverVersion.startsWith("15."), serverVersion);
            } else {
                assertEquals("15.0", serverVersion);
                assertEquals("150000", column(st, "SHOW server_version_num").get(0));
            }
            assertEquals(List.of("postgres"), column(st, "SELECT current_user"));
            assertEquals(List.of("postgres"), column(st, "SELECT current_database()"));
            assertEquals(15, c.getMetaData().getDatabaseMajorVersion());
        }
    }

    @Test
    void pgjdbcTypeLookupsAnswerFromPgType() throws SQLException {
        try (Connection c = server.connect()) {
            // The query pgjdbc's TypeInfoCache sends for a type OID it does not know.
            try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname = ANY(current_schemas(true)), n.nspname,"
                    + " t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n"
                    + " ON t.typnamespace = n.oid WHERE t.oid = ?")) {
                ps.setInt(1, 2950);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertTrue(rs.getBoolean(1));
                    assertEquals("pg_catalog", rs.getString(2));
                    assertEquals("uuid", rs.getString(3));
                    assertFalse(rs.next());
                }
            }
            org.postgresql.core.TypeInfo types = c.unwrap(org.postgresql.core.BaseConnection.class).getTypeInfo();
            assertEquals("char", types.getPGType(18));
            assertEquals(1043, types.getPGType("varchar"));
        }
    }

    static List<String> column(Statement st, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
