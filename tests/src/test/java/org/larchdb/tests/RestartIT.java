package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Data survives stopping the server and starting it again on the same data directory. */
class RestartIT {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void committedDataSurvivesRestartsAndRolledBackDataDoesNot() throws SQLException {
        server.assumeInProcess("restart needs the in-process server");
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (id integer NOT NULL, name text, price numeric(8,2), born date)");
            st.executeUpdate("INSERT INTO kept VALUES (1, 'one', 1.50, '2024-01-01'), (2, 'two', NULL, NULL)");
            st.executeUpdate("UPDATE kept SET name = 'TWO' WHERE id = 2");
            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO kept VALUES (3, 'rolled back', 0, NULL)");
            c.rollback();
            c.setAutoCommit(true);
        }
        try (Connection c = server.connect()) {
            BulkLoad.createNumbered(c, "kept_many", 5000);
        }

        server.restart();

        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            assertEquals(List.of("1|one|1.50|2024-01-01", "2|TWO||"), rows(st, "SELECT id, name, price, born FROM kept ORDER BY id"));
            assertEquals(List.of("5000"), BasicSqlIT.column(st, "SELECT count(*) FROM kept_many"));
            assertEquals(List.of("row-4321"), BasicSqlIT.column(st, "SELECT payload FROM kept_many WHERE id = 4321"));
            st.executeUpdate("DELETE FROM kept WHERE id = 1");
            st.executeUpdate("INSERT INTO kept VALUES (4, 'after restart', 4, NULL)");
            st.execute("DROP TABLE kept_many");
        }

        server.restart();

        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            assertEquals(List.of("2|TWO||", "4|after restart|4.00|"),
                    rows(st, "SELECT id, name, price, born FROM kept ORDER BY id"));
            SQLException gone = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> st.executeQuery("SELECT * FROM kept_many"));
            assertEquals("42P01", gone.getSQLState());
        }
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (var rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    if (i > 1) {
                        row.append('|');
                    }
                    String value = rs.getString(i);
                    row.append(value == null ? "" : value);
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
