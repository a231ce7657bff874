package org.larchdb.tests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills a table quickly (the foundation has no generate_series or COPY yet): one prepared INSERT
 * executed in JDBC batches, which pgjdbc sends as many Bind/Execute messages before one Sync.
 */
final class BulkLoad {
    private static final int ROWS_PER_BATCH = 1000;

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
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            for (int id = 1; id <= rows; id++) {
                ps.setInt(1, id);
                ps.setString(2, "row-" + id);
                ps.addBatch();
                if (id % ROWS_PER_BATCH == 0 || id == rows) {
                    ps.executeBatch();
                }
            }
        }
    }
}
