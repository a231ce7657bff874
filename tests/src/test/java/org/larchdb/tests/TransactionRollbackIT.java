package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.larchdb.tests.TxSupport.column;
import static org.larchdb.tests.TxSupport.expectError;
import static org.larchdb.tests.TxSupport.scalar;
import static org.larchdb.tests.TxSupport.serverMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a transaction undoes, on one session: DDL rolled back with the catalog as before,
 * savepoints undoing exactly the work after them (rows and index entries, and an index), recovery
 * from an error inside a block, and READ ONLY transactions refusing writes.
 */
class TransactionRollbackIT {
    @RegisterExtension
    static final TxServer server = new TxServer();

    @Test
    void ddlInARolledBackTransactionLeavesTheCatalogAsBefore() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_keep");
            st.execute("DROP TABLE IF EXISTS tx_gone");
            st.execute("DROP TABLE IF EXISTS tx_new");
            st.execute("CREATE TABLE tx_keep (id integer PRIMARY KEY, v text)");
            st.execute("INSERT INTO tx_keep VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            st.execute("CREATE TABLE tx_gone (id integer NOT NULL, note text)");
            st.execute("INSERT INTO tx_gone VALUES (1, 'x'), (2, 'y')");

            st.execute("BEGIN");
            st.execute("CREATE TABLE tx_new (a integer PRIMARY KEY, b text)");
            st.execute("INSERT INTO tx_new VALUES (1, 'new')");
            st.execute("CREATE INDEX tx_keep_v ON tx_keep (v)");
            st.execute("INSERT INTO tx_keep VALUES (4, 'd')");
            st.execute("DROP TABLE tx_gone");
            assertEquals(1, scalar(st, "SELECT count(*) FROM tx_new"));
            expectError(st, "SELECT * FROM tx_gone", "42P01");
            st.execute("ROLLBACK");

            SQLException e = expectError(st, "SELECT * FROM tx_new", "42P01");
            assertEquals("relation \"tx_new\" does not exist", serverMessage(e));
            assertEquals(List.of("1", "2"), column(st, "SELECT id FROM tx_gone ORDER BY id"));
            assertEquals(List.of("a", "b", "c"), column(st, "SELECT v FROM tx_keep ORDER BY id"));
            e = expectError(st, "DROP INDEX tx_keep_v", "42704");
            assertEquals("index \"tx_keep_v\" does not exist", serverMessage(e));

            // Drop and re-create under the same name, then roll back: the old definition and rows return.
            st.execute("BEGIN");
            st.execute("DROP TABLE tx_gone");
            st.execute("CREATE TABLE tx_gone (other bigint)");
            st.execute("INSERT INTO tx_gone VALUES (99)");
            st.execute("ROLLBACK");
            assertEquals(List.of("x", "y"), column(st, "SELECT note FROM tx_gone ORDER BY id"));
            expectError(st, "SELECT other FROM tx_gone", "42703");

            // The names are free again, and DDL that commits stays.
            st.execute("BEGIN");
            st.execute("CREATE TABLE tx_new (a integer PRIMARY KEY, b text)");
            st.execute("INSERT INTO tx_new VALUES (2, 'kept')");
            st.execute("CREATE INDEX tx_keep_v ON tx_keep (v)");
            st.execute("COMMIT");
            assertEquals(List.of("kept"), column(st, "SELECT b FROM tx_new"));
            st.execute("DROP INDEX tx_keep_v");
            st.execute("DROP TABLE tx_new");
            st.execute("DROP TABLE tx_gone");
            st.execute("DROP TABLE tx_keep");
        }
    }

    @Test
    void savepointsUndoExactlyTheWorkAfterThem() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_sp");
            st.execute("CREATE TABLE tx_sp (id integer PRIMARY KEY, v text NOT NULL)");
            st.execute("BEGIN");
            st.execute("INSERT INTO tx_sp VALUES (1, 'one'), (2, 'two'), (3, 'three')");
            st.execute("SAVEPOINT a");
            st.execute("INSERT INTO tx_sp VALUES (4, 'four')");
            st.execute("CREATE UNIQUE INDEX tx_sp_v ON tx_sp (v)");
            st.execute("UPDATE tx_sp SET v = 'uno' WHERE id = 1");
            st.execute("DELETE FROM tx_sp WHERE id = 3");
            st.execute("ROLLBACK TO SAVEPOINT a");
            assertEquals(List.of("one", "two", "three"), column(st, "SELECT v FROM tx_sp ORDER BY id"));
            // The rolled-back key left nothing behind in the primary key's index.
            st.execute("INSERT INTO tx_sp VALUES (4, 'four again')");
            // The savepoint survives ROLLBACK TO: roll back to it a second time.
            st.execute("INSERT INTO tx_sp VALUES (5, 'five')");
            st.execute("SAVEPOINT b");
            st.execute("INSERT INTO tx_sp VALUES (6, 'six')");
            st.execute("ROLLBACK TO a");
            assertEquals(List.of("1", "2", "3"), column(st, "SELECT id FROM tx_sp ORDER BY id"));
            SQLException e = expectError(st, "ROLLBACK TO SAVEPOINT b", "3B001");
            assertEquals("savepoint \"b\" does not exist", serverMessage(e));
            st.execute("ROLLBACK");

            st.execute("BEGIN");
            st.execute("INSERT INTO tx_sp VALUES (1, 'one')");
            st.execute("SAVEPOINT outer_sp");
            st.execute("INSERT INTO tx_sp VALUES (2, 'two')");
            st.execute("SAVEPOINT inner_sp");
            st.execute("INSERT INTO tx_sp VALUES (3, 'three')");
            st.execute("RELEASE SAVEPOINT inner_sp");
            // Released: its work now belongs to outer_sp.
            expectError(st, "ROLLBACK TO SAVEPOINT inner_sp", "3B001");
            st.execute("ROLLBACK");

            st.execute("BEGIN");
            st.execute("INSERT INTO tx_sp VALUES (1, 'one')");
            st.execute("SAVEPOINT outer_sp");
            st.execute("INSERT INTO tx_sp VALUES (2, 'two')");
            st.execute("SAVEPOINT inner_sp");
            st.execute("INSERT INTO tx_sp VALUES (3, 'three')");
            st.execute("RELEASE SAVEPOINT inner_sp");
            st.execute("SAVEPOINT last");
            st.execute("INSERT INTO tx_sp VALUES (4, 'four')");
            st.execute("RELEASE last");
            st.execute("COMMIT");
            assertEquals(List.of("1", "2", "3", "4"), column(st, "SELECT id FROM tx_sp ORDER BY id"));

            st.execute("BEGIN");
            st.execute("SAVEPOINT s");
            st.execute("INSERT INTO tx_sp VALUES (5, 'five')");
            st.execute("ROLLBACK TO SAVEPOINT s");
            st.execute("RELEASE SAVEPOINT s");
            st.execute("COMMIT");
            assertEquals(4, scalar(st, "SELECT count(*) FROM tx_sp"));
            // The index created after savepoint a was rolled back with it.
            SQLException gone = expectError(st, "DROP INDEX tx_sp_v", "42704");
            assertEquals("index \"tx_sp_v\" does not exist", serverMessage(gone));
            st.execute("DROP TABLE tx_sp");
        }
    }

    @Test
    void rollbackToSavepointRecoversAnAbortedBlock() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_spe");
            st.execute("CREATE TABLE tx_spe (id integer PRIMARY KEY, v integer)");
            st.execute("BEGIN");
            st.execute("INSERT INTO tx_spe VALUES (1, 10)");
            st.execute("SAVEPOINT before_error");
            st.execute("INSERT INTO tx_spe VALUES (2, 20)");
            expectError(st, "INSERT INTO tx_spe VALUES (1, 11)", "23505");
            SQLException aborted = expectError(st, "SELECT 1", "25P02");
            assertEquals("current transaction is aborted, commands ignored until end of transaction block",
                    serverMessage(aborted));
            st.execute("ROLLBACK TO SAVEPOINT before_error");
            assertEquals(List.of("1"), column(st, "SELECT id FROM tx_spe ORDER BY id"));
            st.execute("SAVEPOINT again");
            expectError(st, "SELECT 1 / 0", "22012");
            st.execute("ROLLBACK TO again");
            st.execute("INSERT INTO tx_spe VALUES (3, 30)");
            st.execute("COMMIT");
            assertEquals(List.of("1", "3"), column(st, "SELECT id FROM tx_spe ORDER BY id"));
            // Without a savepoint the error dooms the block: COMMIT rolls it back.
            st.execute("BEGIN");
            st.execute("INSERT INTO tx_spe VALUES (4, 40)");
            expectError(st, "SELECT 1 / 0", "22012");
            expectError(st, "INSERT INTO tx_spe VALUES (5, 50)", "25P02");
            st.execute("COMMIT");
            assertEquals(List.of("1", "3"), column(st, "SELECT id FROM tx_spe ORDER BY id"));
            st.execute("DROP TABLE tx_spe");
        }
    }

    @Test
    void readOnlyTransactionsRefuseWrites() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS tx_ro");
            st.execute("CREATE TABLE tx_ro (id integer PRIMARY KEY, v text)");
            st.execute("INSERT INTO tx_ro VALUES (1, 'a')");
            for (String[] write : new String[][] {
                    {"INSERT INTO tx_ro VALUES (2, 'b')", "INSERT"},
                    {"UPDATE tx_ro SET v = 'z'", "UPDATE"},
                    {"DELETE FROM tx_ro", "DELETE"},
                    {"CREATE TABLE tx_ro2 (a integer)", "CREATE TABLE"}}) {
                st.execute("BEGIN READ ONLY");
                assertEquals(List.of("a"), column(st, "SELECT v FROM tx_ro"));
                SQLException e = expectError(st, write[0], "25006");
                assertEquals("cannot execute " + write[1] + " in a read-only transaction", serverMessage(e));
                st.execute("ROLLBACK");
            }
            st.execute("START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY");
            expectError(st, "INSERT INTO tx_ro VALUES (2, 'b')", "25006");
            st.execute("ROLLBACK");
            st.execute("BEGIN");
            st.execute("SET TRANSACTION READ ONLY");
            expectError(st, "INSERT INTO tx_ro VALUES (2, 'b')", "25006");
            st.execute("ROLLBACK");
            st.execute("SET default_transaction_read_only = on");
            SQLException e = expectError(st, "INSERT INTO tx_ro VALUES (2, 'b')", "25006");
            assertEquals("cannot execute INSERT in a read-only transaction", serverMessage(e));
            st.execute("BEGIN READ WRITE");
            st.execute("INSERT INTO tx_ro VALUES (2, 'b')");
            st.execute("COMMIT");
            st.execute("RESET default_transaction_read_only");
            assertEquals(List.of("1", "2"), column(st, "SELECT id FROM tx_ro ORDER BY id"));
            st.execute("DROP TABLE tx_ro");
        }
    }
}
