package org.larchdb.tests;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Fills a table quickly with multi-row INSERTs (the foundation has no generate_series or COPY yet). */
final class BulkLoad {
    private static final int ROWS_PER_INSERT = 1000;

    private BulkLoad() {
    }

    /**
     * Recreates {@code table (id integer NOT NULL, payload text)} holding ids 1..rows, each with
     * the payload {@code 'row-<id>'}.
     */
    static void createNumbered(Connection c, String table, int rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id integer NOT NULL, payload text)");
            StringBuilder sql = new StringBuilder();
            for (int first = 1; first <= rows; first += ROWS_PER_INSERT) {
                int last = Math.min(rows, first + ROWS_PER_INSERT - 1);
                sql.setLength(0);
                sql.append("INSERT INTO ").append(table).append(" VALUES ");
                for (int id = first; id <= last; id++) {
                    if (id > first) {
                        sql.append(", ");
                    }
                    sql.append('(').append(id).append(", 'row-").append(id).append("')");
                }
                st.executeUpdate(sql.toString());
            }
        }
    }
}
