package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.wal.WalOptions;

/** Sequences, serial and identity columns through sessions, including crashes and concurrent sessions. */
class SequenceTest {
    static final WalOptions WAL = WalOptions.defaults().withSegmentSize(1 << 20);

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void init() {
        Database.initialize(dir, "postgres", null, WAL);
        db = open();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    Database open() {
        Settings settings = Settings.defaults();
        settings.set("shared_buffers", "1MB");
        return Database.open(dir, settings, new SimpleMeterRegistry(), SessionTest.OWNER_ONLY,
                (role, password, method) -> "md5" + password, WAL);
    }

    Session session() {
        return db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
    }

    static String one(Session s, String sql) {
        return WalRecoveryTest.run(s, sql).get(0);
    }

    static DbException fails(Session s, String sql) {
        DbException e = assertThrows(DbException.class, () -> WalRecoveryTest.run(s, sql));
        s.sync();
        return e;
    }

    @Test
    void nextvalCurrvalSetvalLastval() {
        Session s = session();
        WalRecoveryTest.run(s, "CREATE SEQUENCE s INCREMENT BY 5 START 10");
        assertEquals(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, fails(s, "SELECT currval('s')").state());
        assertEquals("lastval is not yet defined in this session", fails(s, "SELECT lastval()").getMessage());
        assertEquals("10", one(s, "SELECT nextval('s')"));
        assertEquals("15", one(s, "SELECT nextval('S')"));
        assertEquals("15", one(s, "SELECT currval('public.s')"));
        assertEquals("100", one(s, "SELECT setval('s', 100)"));
        assertEquals("105", one(s, "SELECT nextval('s')"));
        assertEquals("105", one(s, "SELECT lastval()"));
        WalRecoveryTest.run(s, "CREATE SEQUENCE other; SELECT setval('other', 50)");
        assertEquals("105", one(s, "SELECT lastval()"));
        assertEquals("50", one(s, "SELECT currval('other')"));
        WalRecoveryTest.run(s, "SELECT setval('s', 7, false)");
        assertEquals("7", one(s, "SELECT nextval('s')"));
        assertEquals(SqlState.UNDEFINED_TABLE, fails(s, "SELECT nextval('nope')").state());
        WalRecoveryTest.run(s, "CREATE TABLE t (a int)");
        assertEquals("\"t\" is not a sequence", fails(s, "SELECT nextval('t')").getMessage());
        Session other = session();
        assertEquals(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, fails(other, "SELECT currval('s')").state());
        assertEquals("12", one(other, "SELECT nextval('s')"));
    }

    @Test
    void onlyOwnersAndSuperusersUseSequencesAndNotInReadOnlyTransactions() {
        Session s = session();
        WalRecoveryTest.run(s, "CREATE SEQUENCE s; CREATE ROLE bob LOGIN");
        Session bob = db.openSession(db.findRole("bob").orElseThrow(), "postgres", Map.of());
        DbException e = fails(bob, "SELECT nextval('s')");
        assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, e.state());
        assertEquals("permission denied for sequence s", e.getMessage());
        assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, fails(bob, "DROP SEQUENCE s").state());
        WalRecoveryTest.run(s, "BEGIN READ ONLY");
        assertEquals("cannot execute nextval() in a read-only transaction", fails(s, "SELECT nextval('s')")
                .getMessage());
        WalRecoveryTest.run(s, "ROLLBACK");
        assertEquals("1", one(s, "SELECT nextval('s')"));
        bob.close();
    }

    @Test
    void limitsAndCycle() {
        Session s = session();
        WalRecoveryTest.run(s, "CREATE SEQUENCE up MAXVALUE 2; CREATE SEQUENCE round MINVALUE 1 MAXVALUE 2 CYCLE");
        one(s, "SELECT nextval('up')");
        one(s, "SELECT nextval('up')");
        DbException e = fails(s, "SELECT nextval('up')");
        assertEquals(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, e.state());
        assertEquals("nextval: reached maximum value of sequence \"up\" (2)", e.getMessage());
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seen.add(one(s, "SELECT nextval('round')"));
        }
        assertEquals(List.of("1", "2", "1", "2", "1"), seen);
        assertEquals("INCREMENT must not be zero", fails(s, "CREATE SEQUENCE z INCREMENT 0").getMessage());
        assertEquals("MAXVALUE (100000) is out of range for sequence data type smallint",
                fails(s, "CREATE SEQUENCE z AS smallint MAXVALUE 100000").getMessage());
        assertEquals("setval: value 0 is out of bounds for sequence \"up\" (1..2)",
                fails(s, "SELECT setval('up', 0)").getMessage());
    }

    @Test
    void advancesSurviveRollbackButCreationDoesNot() {
        Session s = session();
        WalRecoveryTest.run(s, "CREATE SEQUENCE s");
        WalRecoveryTest.run(s, "BEGIN; SELECT nextval('s'); SELECT nextval('s'); ROLLBACK");
        assertEquals("3", one(s, "SELECT nextval('s')"));
        WalRecoveryTest.run(s, "BEGIN; CREATE SEQUENCE gone; SELECT nextval('gone'); ROLLBACK");
        assertEquals(SqlState.UNDEFINED_TABLE, fails(s, "SELECT nextval('gone')").state());
        WalRecoveryTest.run(s, "BEGIN; DROP SEQUENCE s; ROLLBACK");
        assertEquals("4", one(s, "SELECT nextval('s')"));
    }

    @Test
    void noValueIsReissuedAfterCrash() {
        Session s = session();
        WalRecoveryTest.run(s, "CREATE SEQUENCE s; CREATE TABLE t (id serial, v int)");
        long last = 0;
        for (int i = 0; i < 40; i++) {
            last = Long.parseLong(one(s, "SELECT nextval('s')"));
        }
        WalRecoveryTest.run(s, "INSERT INTO t (v) VALUES (1), (2), (3)");
        db.crashForTesting();
        db = open();
        Session after = session();
        long next = Long.parseLong(one(after, "SELECT nextval('s')"));
        assertTrue(next > last, next + " after " + last);
        WalRecoveryTest.run(after, "INSERT INTO t (v) VALUES (4)");
        assertEquals("4", one(after, "SELECT count(DISTINCT id) FROM t"));
        assertTrue(Long.parseLong(one(after, "SELECT max(id) FROM t WHERE v = 4")) > 3);

        // A checkpoint between reservations, then setval: the stored state still never lags what was handed out.
        WalRecoveryTest.run(after, "CHECKPOINT");
        for (int i = 0; i < 5; i++) {
            last = Long.parseLong(one(after, "SELECT nextval('s')"));
        }
        WalRecoveryTest.run(after, "SELECT setval('s', 1000)");
        assertEquals("1001", one(after, "SELECT nextval('s')"));
        db.crashForTesting();
        db = open();
        Session third = session();
        assertTrue(Long.parseLong(one(third, "SELECT nextval('s')")) > 1001);
        WalRecoveryTest.run(third, "SELECT setval('s', 5, false)");
        db.crashForTesting();
        db = open();
        assertEquals("5", one(session(), "SELECT nextval('s')"));
    }

    @Test
    void concurrentSessionsNeverShareAValue() throws Exception {
        Session setup = session();
        WalRecoveryTest.run(setup, "CREATE SEQUENCE s");
        Set<Long> values = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Session s = session();
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 100; i++) {
                    values.add(Long.parseLong(one(s, "SELECT nextval('s')")));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(400, values.size());
        assertEquals(new HashSet<>(values).size(), values.size());
        assertEquals("401", one(setup, "SELECT nextval('s')"));
    }

    @Test
    void serialColumnsOwnTheirSequence() {
        Session s = session();
        WalRecoveryTest.run(s, "CREATE TABLE t (id serial PRIMARY KEY, v text)");
        WalRecoveryTest.run(s, "INSERT INTO t (v) VALUES ('a'), ('b')");
        assertEquals(List.of("1|a", "2|b", "SELECT 2"), WalRecoveryTest.run(s, "SELECT id, v FROM t ORDER BY id"));
        assertEquals("public.t_id_seq", one(s, "SELECT pg_get_serial_sequence('t', 'id')"));
        assertEquals("NULL", one(s, "SELECT pg_get_serial_sequence('t', 'v')"));
        assertEquals("S", one(s, "SELECT relkind FROM pg_class WHERE relname = 't_id_seq'"));
        DbException e = fails(s, "DROP SEQUENCE t_id_seq");
        assertEquals(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, e.state());
        WalRecoveryTest.run(s, "DROP TABLE t");
        assertEquals("0", one(s, "SELECT count(*) FROM pg_class WHERE relname = 't_id_seq'"));
    }

    @Test
    void identityColumns() {
        Session s = session();
        WalRecoveryTest.run(s, "CREATE TABLE a (id int GENERATED ALWAYS AS IDENTITY (START WITH 10), v int);"
                + "CREATE TABLE d (id bigint GENERATED BY DEFAULT AS IDENTITY, v int)");
        WalRecoveryTest.run(s, "INSERT INTO a (v) VALUES (1); INSERT INTO a VALUES (DEFAULT, 2)");
        assertEquals(List.of("10|1", "11|2", "SELECT 2"), WalRecoveryTest.run(s, "SELECT * FROM a ORDER BY id"));
        DbException e = fails(s, "INSERT INTO a (id, v) VALUES (5, 3)");
        assertEquals(SqlState.GENERATED_ALWAYS, e.state());
        assertEquals("cannot insert a non-DEFAULT value into column \"id\"", e.getMessage());
        assertEquals("column \"id\" can only be updated to DEFAULT", fails(s, "UPDATE a SET id = 1").getMessage());
        WalRecoveryTest.run(s, "INSERT INTO a OVERRIDING SYSTEM VALUE VALUES (5, 3);"
                + "INSERT INTO a (id, v) OVERRIDING USER VALUE SELECT 77, 4");
        assertEquals(List.of("5|3", "12|4", "SELECT 2"),
                WalRecoveryTest.run(s, "SELECT * FROM a WHERE v >= 3 ORDER BY v"));
        WalRecoveryTest.run(s, "INSERT INTO d VALUES (100, 1); INSERT INTO d (v) VALUES (2)");
        assertEquals(List.of("1|2", "100|1", "SELECT 2"), WalRecoveryTest.run(s, "SELECT * FROM d ORDER BY id"));
        assertEquals("a", one(s, "SELECT attidentity FROM pg_attribute WHERE attname = 'id' AND attrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = 'a')"));
        e = fails(s, "DROP SEQUENCE a_id_seq");
        assertEquals("cannot drop sequence a_id_seq because column id of table a requires it", e.getMessage());
    }

    @Test
    void alterSequence() {
        Session s = session();
        WalRecoveryTest.run(s, "CREATE SEQUENCE s");
        one(s, "SELECT nextval('s')");
        WalRecoveryTest.run(s, "ALTER SEQUENCE s INCREMENT BY 10");
        assertEquals("11", one(s, "SELECT nextval('s')"));
        WalRecoveryTest.run(s, "ALTER SEQUENCE s RESTART WITH 5");
        assertEquals("5", one(s, "SELECT nextval('s')"));
        WalRecoveryTest.run(s, "BEGIN; ALTER SEQUENCE s INCREMENT BY 100; ROLLBACK");
        assertEquals("15", one(s, "SELECT nextval('s')"));
        assertEquals("RESTART value (15) cannot be greater than MAXVALUE (12)",
                fails(s, "ALTER SEQUENCE s MAXVALUE 12").getMessage());
    }
}
