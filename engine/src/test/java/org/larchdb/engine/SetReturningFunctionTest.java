package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;

/** Set-returning functions in FROM and in the select list through the session API. */
class SetReturningFunctionTest {
    @TempDir
    Path dir;
    Database db;
    Session session;

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        run("CREATE TABLE s (a integer, b text, v integer)");
        run("INSERT INTO s VALUES (1, 'x', 10), (1, 'y', 20), (2, 'x', 30), (2, 'x', 40)");
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    List<String> run(String sql) {
        return SessionRows.rows(session, sql);
    }

    private DbException error(String sql) {
        DbException e = assertThrows(DbException.class, () -> run(sql));
        session.sync();
        return e;
    }

    @Test
    void seriesInFromWithAliasesAndOrdinality() {
        assertEquals(List.of("1", "2", "3"), run("SELECT * FROM generate_series(1, 3)"));
        assertEquals(List.of("5|1", "3|2", "1|3"),
                run("SELECT x, n FROM generate_series(5, 1, -2) WITH ORDINALITY AS g(x, n)"));
        assertEquals(List.of("2"), run("SELECT g FROM generate_series(1, 3) g WHERE g = 2"));
        assertEquals(List.of("1", "1.5", "2.0"), run("SELECT * FROM generate_series(1, 2, 0.5)"));
        assertEquals(List.of("9223372036854775806", "9223372036854775807"),
                run("SELECT * FROM generate_series(9223372036854775806, 9223372036854775807)"));
        assertEquals(List.of("2020-01-01 00:00:00", "2020-01-01 12:00:00", "2020-01-02 00:00:00"),
                run("SELECT * FROM generate_series('2020-01-01'::timestamp, '2020-01-02', '12 hours')"));
    }

    @Test
    void seriesReadsItemsToItsLeft() {
        assertEquals(List.of("1|x|1", "2|x|1", "2|x|2"),
                run("SELECT s.a, s.b, g FROM s, generate_series(1, s.a) g WHERE s.v < 40 AND s.b = 'x' ORDER BY 1, 3"));
        assertEquals(List.of("4"), run("SELECT count(*) FROM s CROSS JOIN LATERAL generate_series(1, 1)"));
    }

    @Test
    void errorsFollowPostgres() {
        assertEquals("step size cannot equal zero", error("SELECT * FROM generate_series(1, 3, 0)").getMessage());
        assertEquals("function generate_series(unknown, unknown, unknown) is not unique",
                error("SELECT * FROM generate_series('a', 'b', 'c')").getMessage());
        assertEquals("table \"g\" has 1 columns available but 2 columns specified",
                error("SELECT * FROM generate_series(1, 3) g(x, y)").getMessage());
    }

    @Test
    void selectListCallsRunInLockstep() {
        assertEquals(List.of("1", "2", "3"), run("SELECT generate_series(1, 3)"));
        assertEquals(List.of("1|1", "2|2", "3|NULL"), run("SELECT generate_series(1, 3), generate_series(1, 2)"));
        assertEquals(List.of("1|1", "2|1", "2|2"),
                run("SELECT a, generate_series(1, a) FROM s WHERE v IN (10, 30) ORDER BY 1, 2"));
        assertEquals(List.of("4|2", "4|4"), run("SELECT count(*), generate_series(2, count(*)::int, 2)"
                + " FROM s ORDER BY 2"));
        assertEquals(List.of("3", "2"), run("SELECT generate_series(1, 3) + 0 AS g ORDER BY g DESC LIMIT 2"));
    }

    @Test
    void selectListCallsRefusedElsewhere() {
        assertEquals("aggregate function calls cannot contain set-returning function calls",
                error("SELECT sum(generate_series(1, 3))").getMessage());
        assertEquals("set-returning functions are not allowed in WHERE",
                error("SELECT 1 WHERE generate_series(1, 2) = 1").getMessage());
    }
}
