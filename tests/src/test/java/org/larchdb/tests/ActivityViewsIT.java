package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pg_stat_activity seen by one pgjdbc connection about another, and pg_terminate_backend ending a
 * connection. Runs unchanged against PostgreSQL 15 with -Dlarch.it.external.
 */
class ActivityViewsIT {
    @RegisterExtension
    static final TestServer server = new TestServer();

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void secondConnectionSeesFirstIdleInTransaction() throws SQLException {
        try (Connection first = server.connect("ApplicationName=act_it_first");
             Connection second = server.connect()) {
            int firstPid = pid(first);
            first.setAutoCommit(false); // pgjdbc sends BEGIN with the next statement
            try (Statement st = first.createStatement(); ResultSet rs = st.executeQuery("SELECT 'act_it' AS marker")) {
                assertTrue(rs.next());
            }
            try (PreparedStatement ps = second.prepareStatement("SELECT state, application_name, query, usename,"
                    + " client_addr, client_port > 0, xact_start IS NOT NULL, backend_type, wait_event_type"
                    + " FROM pg_stat_activity WHERE pid = ?")) {
                ps.setInt(1, firstPid);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("idle in transaction", rs.getString(1));
                    assertEquals("act_it_first", rs.getString(2));
                    assertEquals("SELECT 'act_it' AS marker", rs.getString(3));
                    assertEquals(TestServer.SUPERUSER, rs.getString(4));
                    assertEquals("127.0.0.1", rs.getString(5));
                    assertTrue(rs.getBoolean(6));
                    assertTrue(rs.getBoolean(7));
                    assertEquals("client backend", rs.getString(8));
                    assertEquals("Client", rs.getString(9));
                    assertFalse(rs.next());
                }
            }
            first.rollback();
        }
    }

    @Test
    void viewsHavePostgresColumnsInOrder() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            assertEquals(List.of("datid", "datname", "pid", "leader_pid", "usesysid", "usename", "application_name",
                    "client_addr", "client_hostname", "client_port", "backend_start", "xact_start", "query_start",
                    "state_change", "wait_event_type", "wait_event", "state", "backend_xid", "backend_xmin",
                    "query_id", "query", "backend_type"), columns(st, "SELECT * FROM pg_stat_activity"));
            assertEquals(List.of("locktype", "database", "relation", "page", "tuple", "virtualxid", "transactionid",
                    "classid", "objid", "objsubid", "virtualtransaction", "pid", "mode", "granted", "fastpath",
                    "waitstart"), columns(st, "SELECT * FROM pg_locks"));
        }
    }

    @Test
    void terminateEndsTheOtherConnection() throws Exception {
        try (Connection victim = server.connect(); Connection killer = server.connect()) {
            int victimPid = pid(victim);
            try (Statement st = killer.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(" + victimPid + ")")) {
                rs.next();
                assertTrue(rs.getBoolean(1));
            }
            SQLException e = null;
            for (int attempt = 0; attempt < 50 && e == null; attempt++) {
                try (Statement st = victim.createStatement()) {
                    st.executeQuery("SELECT 1").close();
                    Thread.sleep(20); // the FATAL may not have arrived yet
                } catch (SQLException ended) {
                    e = ended;
                }
            }
            assertTrue(e != null, "the terminated connection still answers");
            String state = e.getSQLState();
            assertTrue(Set.of("57P01", "08006", "08003").contains(state), () -> "terminated with " + state);
            int left = -1;
            for (int attempt = 0; attempt < 100 && left != 0; attempt++) {
                try (Statement st = killer.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = " + victimPid)) {
                    rs.next();
                    left = rs.getInt(1);
                }
                Thread.sleep(left == 0 ? 0 : 20); // the backend exits a moment after its client saw the FATAL
            }
            assertEquals(0, left);
        }
    }

    private static List<String> columns(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql + " WHERE false")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnName(i));
            }
            return out;
        }
    }
}
