package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;

/** INSERT/UPDATE/DELETE … RETURNING through the session API: rows as stored, names, tags, errors. */
class ReturningTest {
    @TempDir
    Path dir;
    Database db;
    Session session;

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        run("CREATE TABLE r (id integer NOT NULL, name text DEFAULT 'dflt', v numeric(5,2))");
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    /** Runs one statement; returns its rows as text followed by its command tag. */
    private List<String> run(String sql) {
        return SessionRows.run(session, sql);
    }

    private static String format(Object[] row, List<ResultColumn> columns) {
        return SessionRows.format(row, columns);
    }

    private List<String> names(String sql) {
        return session.prepare(sql, new int[0]).resultColumns().stream().map(ResultColumn::name).toList();
    }

    @Test
    void insertReturnsRowsAsStoredAfterDefaultsAndCasts() {
        assertEquals(List.of("1|dflt|2.35", "2|b|NULL", "INSERT 0 2"),
                run("INSERT INTO r (id, v, name) VALUES (1, 2.345, DEFAULT), ('2', NULL, 'b') RETURNING *"));
        assertEquals(List.of("id", "name", "v"), names("INSERT INTO r VALUES (3) RETURNING *"));
        ResultColumn id = session.prepare("INSERT INTO r VALUES (3) RETURNING id", new int[0]).resultColumns().get(0);
        assertTrue(id.tableOid() != 0, "a plain column keeps its table");
    }

    @Test
    void expressionsAndAliasesAreNamedAsInSelect() {
        assertEquals(List.of("twice", "?column?", "upper", "r"),
                names("INSERT INTO r VALUES (1) RETURNING id * 2 AS twice, id + 1, upper(name), r.id AS r"));
        assertEquals(List.of("2|2|DFLT|1", "INSERT 0 1"),
                run("INSERT INTO r VALUES (1) RETURNING id * 2 AS twice, id + 1, upper(name), r.id AS r"));
    }

    @Test
    void updateReturnsNewValuesAndDeleteOldOnes() {
        run("INSERT INTO r VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)");
        assertEquals(List.of("2|b|20.00", "3|c|30.00", "UPDATE 2"),
                run("UPDATE r SET v = v * 10 WHERE id >= 2 RETURNING *"));
        assertEquals(List.of("c|30.00", "DELETE 1"), run("DELETE FROM r WHERE id = 3 RETURNING name, v"));
        assertEquals(List.of("UPDATE 0"), run("UPDATE r SET v = 0 WHERE id = 99 RETURNING id"));
        assertEquals(List.of("1", "2", "SELECT 2"), run("SELECT id FROM r ORDER BY id"));
        assertEquals(List.of("x", "DELETE 1"), run("DELETE FROM r AS t WHERE t.id = 1 RETURNING 'x' AS t"));
    }

    @Test
    void portalWithRowLimitChangesEverythingAtOnceThenSendsRowsInBatches() {
        PreparedQuery q = session.prepare("INSERT INTO r VALUES (1), (2), (3) RETURNING id", new int[0]);
        Portal p = session.bind(q, new Object[0]);
        List<String> rows = new ArrayList<>();
        assertSame(ExecResult.SUSPENDED, session.execute(p, 2, row -> rows.add(format(row, q.resultColumns()))));
        assertEquals(List.of("1", "2"), rows);
        assertEquals("INSERT 0 3", session.execute(p, 2, row -> rows.add(format(row, q.resultColumns()))).commandTag());
        assertEquals(List.of("1", "2", "3"), rows);
        session.sync();
        assertEquals(List.of("3", "SELECT 1"), run("SELECT count(*) FROM r"));
    }

    @Test
    void withoutReturningNoRowsAreDescribed() {
        assertNull(session.prepare("DELETE FROM r", new int[0]).resultColumns());
    }

    @Test
    void errorsInTheReturningList() {
        assertEquals("42703", state("INSERT INTO r VALUES (1) RETURNING nope"));
        assertEquals("42803", state("UPDATE r SET v = 1 RETURNING count(*)"));
        assertEquals("42P01", state("DELETE FROM r RETURNING q.*"));
        assertEquals(List.of("0", "SELECT 1"), run("SELECT count(*) FROM r"));
    }

    private String state(String sql) {
        DbException e = assertThrows(DbException.class, () -> run(sql));
        session.sync();
        return e.state().code();
    }
}
