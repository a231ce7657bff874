package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.AccessControl;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.engine.types.TextCodec;

/** SQL through the engine's session API, without the wire protocol. */
class SessionTest {
    @TempDir
    Path dir;
    Database db;
    Session session;

    /** Superusers and owners pass; everything else is refused (the auth module's real rules are tested there). */
    static final AccessControl OWNER_ONLY = (role, required) -> {
        for (var r : required) {
            if (!role.superuser() && r.ownerOid() != role.oid()) {
                throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for table " + r.objectName());
            }
        }
    };

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
    }

    static Database open(Path dir) {
        Settings settings = Settings.defaults();
        settings.set("shared_buffers", "1MB");
        return Database.open(dir, settings, new SimpleMeterRegistry(), OWNER_ONLY,
                (role, password, method) -> "md5" + password);
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    /** Runs statements like a simple query; returns the rows of the last one as text, or its tag. */
    List<String> run(String sql) {
        List<String> out = new ArrayList<>();
        for (StatementText st : session.split(sql)) {
            out.clear();
            PreparedQuery q = session.prepare(st.sql(), new int[0]);
            Portal p = session.bind(q, new Object[0]);
            ExecResult r = session.execute(p, 0, row -> {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.length; i++) {
                    cells.add(row[i] == null ? "NULL"
                            : TextCodec.format(row[i], q.resultColumns().get(i).type(), org.larchdb.engine.types.TextFormat.DEFAULT));
                }
                out.add(String.join("|", cells));
            });
            out.add(r.commandTag());
        }
        session.sync();
        return List.copyOf(out);
    }

    @Test
    void createInsertSelect() {
        assertEquals(List.of("CREATE TABLE"), run("CREATE TABLE t (a int NOT NULL, b text DEFAULT 'x', c numeric(5,2))"));
        assertEquals(List.of("INSERT 0 3"), run("INSERT INTO t (a, c) VALUES (1, 1.5), (2, 2.25), (3, NULL)"));
        assertEquals(List.of("2|x|2.25", "1|x|1.50", "SELECT 2"),
                run("SELECT a, b, c FROM t WHERE a < 3 ORDER BY a DESC"));
        assertEquals(List.of("3", "SELECT 1"), run("SELECT count(*) FROM t"));
        assertEquals(List.of("UPDATE 2"), run("UPDATE t SET b = b || a WHERE a >= 2"));
        assertEquals(List.of("3|x3", "SELECT 1"), run("SELECT a, b FROM t ORDER BY a DESC LIMIT 1"));
        assertEquals(List.of("DELETE 1"), run("DELETE FROM t WHERE c IS NULL"));
        assertEquals(List.of("1", "2", "SELECT 2"), run("SELECT a FROM t ORDER BY 1"));
    }

    @Test
    void errorsCarryPostgresCodes() {
        run("CREATE TABLE t (a int NOT NULL)");
        assertState(SqlState.UNDEFINED_TABLE, "SELECT * FROM nope");
        assertState(SqlState.UNDEFINED_COLUMN, "SELECT nope FROM t");
        assertState(SqlState.NOT_NULL_VIOLATION, "INSERT INTO t VALUES (NULL)");
        assertState(SqlState.DATATYPE_MISMATCH, "INSERT INTO t VALUES (true)");
        assertState(SqlState.DIVISION_BY_ZERO, "SELECT 1/0");
        assertState(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "SELECT 2147483647 + 1");
        assertState(SqlState.INVALID_TEXT_REPRESENTATION, "SELECT 'abc'::int");
        assertState(SqlState.SYNTAX_ERROR, "SELEC 1");
    }

    @Test
    void failedStatementChangesNothing() {
        run("CREATE TABLE t (a int NOT NULL)");
        assertState(SqlState.NOT_NULL_VIOLATION, "INSERT INTO t VALUES (1), (2), (NULL)");
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM t"));
    }

    @Test
    void rollbackUndoesRowsAndDdl() {
        run("CREATE TABLE t (a int)");
        run("INSERT INTO t VALUES (1), (2)");
        run("BEGIN; INSERT INTO t VALUES (3); UPDATE t SET a = a * 10; DELETE FROM t WHERE a = 10; CREATE TABLE u (x int)");
        assertEquals('T', session.transactionStatus());
        run("ROLLBACK");
        assertEquals('I', session.transactionStatus());
        assertEquals(List.of("1", "2", "SELECT 2"), run("SELECT a FROM t ORDER BY a"));
        assertState(SqlState.UNDEFINED_TABLE, "SELECT * FROM u");
    }

    @Test
    void failedBlockRejectsUntilRollback() {
        run("BEGIN");
        assertState(SqlState.DIVISION_BY_ZERO, "SELECT 1/0");
        assertEquals('E', session.transactionStatus());
        assertState(SqlState.IN_FAILED_SQL_TRANSACTION, "SELECT 1");
        assertEquals(List.of("ROLLBACK"), run("COMMIT"));
        assertEquals('I', session.transactionStatus());
    }

    @Test
    void dataSurvivesRestart() {
        run("CREATE TABLE t (a int, b text)");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            values.append(i == 0 ? "" : ",").append("(").append(i).append(", 'row ").append(i).append("')");
        }
        run("INSERT INTO t VALUES " + values);
        session.close();
        db.close();
        db = open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        assertEquals(List.of("5000", "SELECT 1"), run("SELECT count(*) FROM t"));
        assertEquals(List.of("4999|row 4999", "SELECT 1"), run("SELECT a, b FROM t WHERE a = 4999"));
    }

    @Test
    void settingsAndShow() {
        assertEquals(List.of("ISO, MDY", "SHOW"), run("SHOW DateStyle"));
        run("SET extra_float_digits = 3");
        assertEquals(List.of("3", "SHOW"), run("SHOW extra_float_digits"));
        run("RESET extra_float_digits");
        assertEquals(List.of("1", "SHOW"), run("SHOW extra_float_digits"));
        assertEquals(List.of("15.0", "SHOW"), run("SHOW server_version"));
        assertState(SqlState.CANT_CHANGE_RUNTIME_PARAM, "SET server_version = '1'");
        assertState(SqlState.UNDEFINED_OBJECT, "SHOW nope");
    }

    @Test
    void parametersAreInferred() {
        run("CREATE TABLE t (a int, b varchar(5))");
        PreparedQuery q = session.prepare("INSERT INTO t VALUES ($1, $2)", new int[0]);
        assertEquals("[integer, character varying]", q.parameterTypes().toString());
        session.execute(session.bind(q, new Object[] {7, "seven"}), 0, row -> { });
        session.sync();
        PreparedQuery s = session.prepare("SELECT b FROM t WHERE a = $1", new int[0]);
        List<Object> got = new ArrayList<>();
        session.execute(session.bind(s, new Object[] {7}), 0, row -> got.add(row[0]));
        assertEquals(List.of("seven"), got);
    }

    @Test
    void portalsSuspendAtRowLimit() {
        run("CREATE TABLE t (a int)");
        run("INSERT INTO t VALUES (1), (2), (3), (4), (5)");
        run("BEGIN");
        PreparedQuery q = session.prepare("SELECT a FROM t ORDER BY a", new int[0]);
        Portal p = session.bind(q, new Object[0]);
        List<Object> got = new ArrayList<>();
        assertTrue(session.execute(p, 2, row -> got.add(row[0])).suspended());
        assertTrue(session.execute(p, 2, row -> got.add(row[0])).suspended());
        assertEquals("SELECT 5", session.execute(p, 2, row -> got.add(row[0])).commandTag());
        assertEquals("1,2,3,4,5", got.stream().map(String::valueOf).collect(Collectors.joining(",")));
        run("COMMIT");
    }

    @Test
    void nonOwnerIsRefused() {
        run("CREATE TABLE t (a int)");
        run("CREATE ROLE alice LOGIN PASSWORD 'pw'");
        RoleInfo alice = db.findRole("alice").orElseThrow();
        assertTrue(alice.canLogin());
        Session other = db.openSession(alice, "postgres", Map.of());
        DbException e = assertThrows(DbException.class,
                () -> other.execute(other.bind(other.prepare("SELECT * FROM t", new int[0]), new Object[0]), 0, r -> { }));
        assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, e.state());
        other.close();
    }

    /** The plan of a prepared statement, rendered node by node (outermost first). */
    private String planOf(String sql) {
        PreparedQuery q = session.prepare(sql, new int[0]);
        org.larchdb.engine.sql.BoundStatement st = ((StatementHandle) q).statement();
        Object plan = switch (st) {
            case org.larchdb.engine.sql.BoundStatement.Query query -> query.plan();
            case org.larchdb.engine.sql.BoundStatement.Modify modify -> modify.plan();
            default -> st;
        };
        return plan.toString();
    }

    @Test
    void indexesAreChosenForKeyLookupsRangesAndOrderedLimits() {
        run("CREATE TABLE t (id int PRIMARY KEY, v int, w text)");
        run("CREATE INDEX t_v ON t (v)");
        assertTrue(planOf("SELECT * FROM t WHERE id = $1").contains("IndexScanNode"), planOf("SELECT * FROM t WHERE id = $1"));
        assertTrue(planOf("SELECT * FROM t WHERE v > 3 AND v <= 7").contains("name=t_v"));
        String ordered = planOf("SELECT id FROM t ORDER BY id DESC LIMIT 3");
        assertTrue(ordered.contains("backward=true") && !ordered.contains("SortNode"), ordered);
        assertTrue(planOf("UPDATE t SET w = 'x' WHERE id = 4").contains("IndexScanNode"));
        assertTrue(planOf("DELETE FROM t WHERE id = 4").contains("IndexScanNode"));
        assertTrue(planOf("SELECT * FROM t WHERE w = 'a'").contains("SeqScanNode"));
        assertTrue(planOf("SELECT * FROM t WHERE id = 2.5").contains("SeqScanNode"), "numeric bound: no index");
    }

    @Test
    void indexesStayConsistentThroughRandomChangesAndRollbacks() {
        run("CREATE TABLE t (id int PRIMARY KEY, v int, w text)");
        run("CREATE INDEX t_v ON t (v)");
        run("CREATE UNIQUE INDEX t_w ON t (w)");
        java.util.Random random = new java.util.Random(42);
        java.util.Set<Integer> present = new java.util.TreeSet<>();
        for (int round = 0; round < 60; round++) {
            boolean rollback = random.nextInt(4) == 0;
            run("BEGIN");
            java.util.Set<Integer> before = new java.util.TreeSet<>(present);
            for (int op = 0; op < 20; op++) {
                int id = random.nextInt(200);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        if (!present.contains(id)) {
                            run("INSERT INTO t VALUES (" + id + ", " + random.nextInt(20) + ", 'w" + id + "')");
                            present.add(id);
                        }
                    }
                    case 1 -> {
                        run("UPDATE t SET v = v + 1, w = w || 'u' WHERE id = " + id);
                    }
                    default -> {
                        run("DELETE FROM t WHERE id = " + id);
                        present.remove(id);
                    }
                }
            }
            run(rollback ? "ROLLBACK" : "COMMIT");
            if (rollback) {
                present = before;
            }
        }
        assertEquals(List.of("t|t|t", "SELECT 1"),
                run("SELECT larch_check_index('t_pkey'), larch_check_index('t_v'), larch_check_index('t_w')"));
        assertEquals(String.valueOf(present.size()), run("SELECT count(*) FROM t").get(0));
        for (int id : present) {
            assertEquals(List.of(String.valueOf(id), "SELECT 1"), run("SELECT id FROM t WHERE id = " + id));
        }
        assertState(SqlState.UNIQUE_VIOLATION, "INSERT INTO t VALUES (" + present.iterator().next() + ", 0, 'new')");
    }

    private void assertState(SqlState expected, String sql) {
        DbException e = assertThrows(DbException.class, () -> run(sql));
        assertEquals(expected, e.state(), e.getMessage());
        session.sync();
    }
}
