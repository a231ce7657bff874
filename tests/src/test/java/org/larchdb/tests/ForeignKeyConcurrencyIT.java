package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.tests.TxSupport.async;
import static org.larchdb.tests.TxSupport.await;
import static org.larchdb.tests.TxSupport.expectError;
import static org.larchdb.tests.TxSupport.finishesWithin;
import static org.larchdb.tests.TxSupport.scalar;
import static org.larchdb.tests.TxSupport.serverDetail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The race a foreign key must survive: a referencing row inserted while its referenced row is
 * deleted, in both orders and under load, must never leave an orphan. The inserter's FOR KEY
 * SHARE on the referenced row and the deleter's FOR UPDATE make one wait for the other.
 */
class ForeignKeyConcurrencyIT {
    @RegisterExtension
    static final TxServer server = new TxServer();

    private static final String ORPHANS =
            "SELECT count(*) FROM fkc_child c WHERE NOT EXISTS (SELECT 1 FROM fkc_parent p WHERE p.id = c.pid)";

    @BeforeEach
    void createTables() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS fkc_child, fkc_parent");
            st.execute("CREATE TABLE fkc_parent (id integer PRIMARY KEY, v text)");
            st.execute("CREATE TABLE fkc_child (id serial PRIMARY KEY, pid integer NOT NULL REFERENCES fkc_parent)");
            st.execute("INSERT INTO fkc_parent VALUES " + TxSupport.values(1, 40, 1, i -> i + ", 'p" + i + "'"));
        }
    }

    @AfterEach
    void dropTables() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS fkc_child, fkc_parent");
        }
    }

    @Test
    void insertWaitsForAnUncommittedDeleteThenFails() throws Exception {
        try (Connection d = server.connect(); Statement deleter = d.createStatement();
                Connection i = server.connect(); Statement inserter = i.createStatement()) {
            deleter.execute("BEGIN");
            deleter.execute("DELETE FROM fkc_parent WHERE id = 1");
            CompletableFuture<SQLException> insert = async(() ->
                    expectError(inserter, "INSERT INTO fkc_child (pid) VALUES (1)", "23503"));
            assertFalse(finishesWithin(insert, Duration.ofMillis(400)), "the insert must wait for the deleter");
            deleter.execute("COMMIT");
            SQLException e = await(insert, Duration.ofSeconds(10));
            assertEquals("Key (pid)=(1) is not present in table \"fkc_parent\".", serverDetail(e));
            assertEquals(0, scalar(deleter, ORPHANS));
        }
    }

    @Test
    void insertAfterARolledBackDeleteSucceeds() throws Exception {
        try (Connection d = server.connect(); Statement deleter = d.createStatement();
                Connection i = server.connect(); Statement inserter = i.createStatement()) {
            deleter.execute("BEGIN");
            deleter.execute("DELETE FROM fkc_parent WHERE id = 2");
            CompletableFuture<Integer> insert = async(() ->
                    inserter.executeUpdate("INSERT INTO fkc_child (pid) VALUES (2)"));
            assertFalse(finishesWithin(insert, Duration.ofMillis(400)), "the insert must wait for the deleter");
            deleter.execute("ROLLBACK");
            assertEquals(1, await(insert, Duration.ofSeconds(10)));
            assertEquals(0, scalar(deleter, ORPHANS));
        }
    }

    @Test
    void deleteWaitsForAnUncommittedInsertThenFails() throws Exception {
        try (Connection d = server.connect(); Statement deleter = d.createStatement();
                Connection i = server.connect(); Statement inserter = i.createStatement()) {
            inserter.execute("BEGIN");
            inserter.execute("INSERT INTO fkc_child (pid) VALUES (3)");
            CompletableFuture<SQLException> delete = async(() ->
                    expectError(deleter, "DELETE FROM fkc_parent WHERE id = 3", "23503"));
            assertFalse(finishesWithin(delete, Duration.ofMillis(400)), "the delete must wait for the inserter");
            inserter.execute("COMMIT");
            SQLException e = await(delete, Duration.ofSeconds(10));
            assertEquals("Key (id)=(3) is still referenced from table \"fkc_child\".", serverDetail(e));
            assertEquals(1, scalar(deleter, "SELECT count(*) FROM fkc_parent WHERE id = 3"));
            assertEquals(0, scalar(deleter, ORPHANS));
        }
    }

    @Test
    void deleteAfterARolledBackInsertSucceeds() throws Exception {
        try (Connection d = server.connect(); Statement deleter = d.createStatement();
                Connection i = server.connect(); Statement inserter = i.createStatement()) {
            inserter.execute("BEGIN");
            inserter.execute("INSERT INTO fkc_child (pid) VALUES (4)");
            CompletableFuture<Integer> delete = async(() ->
                    deleter.executeUpdate("DELETE FROM fkc_parent WHERE id = 4"));
            assertFalse(finishesWithin(delete, Duration.ofMillis(400)), "the delete must wait for the inserter");
            inserter.execute("ROLLBACK");
            assertEquals(1, await(delete, Duration.ofSeconds(10)));
            assertEquals(0, scalar(deleter, ORPHANS));
        }
    }

    /** Inserters and deleters hammer the same keys; whatever fails, no orphan may remain. */
    @Test
    void noOrphanUnderConcurrentInsertsAndDeletes() throws Exception {
        AtomicInteger inserted = new AtomicInteger();
        AtomicInteger deleted = new AtomicInteger();
        Set<String> tolerated = Set.of("23503", "40P01");
        CompletableFuture<Void> inserter = async(() -> {
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                for (int n = 0; n < 150; n++) {
                    int pid = 1 + ThreadLocalRandom.current().nextInt(40);
                    try {
                        st.execute("BEGIN");
                        inserted.addAndGet(st.executeUpdate("INSERT INTO fkc_child (pid) VALUES (" + pid + ")"));
                        st.execute("COMMIT");
                    } catch (SQLException e) {
                        assertTrue(tolerated.contains(e.getSQLState()), e.getSQLState() + ": " + e.getMessage());
                        st.execute("ROLLBACK");
                    }
                }
            }
            return null;
        });
        CompletableFuture<Void> deleter = async(() -> {
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                for (int n = 0; n < 150; n++) {
                    int id = 1 + ThreadLocalRandom.current().nextInt(40);
                    try {
                        st.execute("BEGIN");
                        deleted.addAndGet(st.executeUpdate("DELETE FROM fkc_parent WHERE id = " + id));
                        st.execute("COMMIT");
                    } catch (SQLException e) {
                        assertTrue(tolerated.contains(e.getSQLState()), e.getSQLState() + ": " + e.getMessage());
                        st.execute("ROLLBACK");
                    }
                }
            }
            return null;
        });
        await(inserter, Duration.ofSeconds(120));
        await(deleter, Duration.ofSeconds(120));
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            assertEquals(0, scalar(st, ORPHANS));
            assertEquals(inserted.get(), scalar(st, "SELECT count(*) FROM fkc_child"));
            assertEquals(40 - deleted.get(), scalar(st, "SELECT count(*) FROM fkc_parent"));
        }
    }
}
