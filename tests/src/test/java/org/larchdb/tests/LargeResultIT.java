package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Large results streamed with a fetch size (portal suspension and resumption). */
class LargeResultIT {
    private static final int ROWS = 100_000;

    @RegisterExtension
    static final TestServer server = new TestServer();

    @BeforeAll
    static void load() throws SQLException {
        try (Connection c = server.connect()) {
            BulkLoad.createNumbered(c, "large_rows", ROWS);
        }
    }

    @Test
    void streamsAllRowsInOrderWithFetchSize() throws SQLException {
        try (Connection c = server.connect()) {
            // pgjdbc only uses a cursor-like portal (Execute with a row limit) inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, payload FROM large_rows ORDER BY id")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    int expected = 0;
                    while (rs.next()) {
                        expected++;
                        assertEquals(expected, rs.getInt(1));
                        if (expected % 997 == 0) {
                            assertEquals("row-" + expected, rs.getString(2));
                        }
                    }
                    assertEquals(ROWS, expected);
                }
            }
            c.commit();
            // The connection is usable after the portal was drained.
            try (Statement st = c.createStatement()) {
                assertEquals("100000", BasicSqlIT.column(st, "SELECT count(*) FROM large_rows").get(0));
            }
            c.commit();
        }
    }

    @Test
    void closingAPartlyReadResultLeavesTheSessionUsable() throws SQLException {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(500);
                try (ResultSet rs = st.executeQuery("SELECT id FROM large_rows WHERE id > 50000 ORDER BY id DESC")) {
                    for (int i = 0; i < 1200; i++) {
                        assertTrue(rs.next());
                        assertEquals(ROWS - i, rs.getInt(1));
                    }
                }
                assertEquals("50000", BasicSqlIT.column(st, "SELECT count(*) FROM large_rows WHERE id <= 50000").get(0));
            }
            c.commit();
        }
    }

    @Test
    void readsEverythingWithoutFetchSizeToo() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM large_rows")) {
            long sum = 0;
            int count = 0;
            while (rs.next()) {
                sum += rs.getInt(1);
                count++;
            }
            assertEquals(ROWS, count);
            assertEquals((long) ROWS * (ROWS + 1) / 2, sum);
        }
    }
}
