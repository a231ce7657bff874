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

/** Window functions through the session API: placement in the plan, binding rules, errors. */
class WindowQueryTest {
    @TempDir
    Path dir;
    Database db;
    Session session;

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        run("CREATE TABLE e (id integer, dept integer, pay integer)");
        run("INSERT INTO e VALUES (1, 1, 10), (2, 1, 20), (3, 2, 30), (4, NULL, 5), (5, 2, 30)");
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    private List<String> run(String sql, Object... params) {
        return SessionRows.rows(session, sql, params);
    }

    private DbException error(String sql) {
        DbException e = assertThrows(DbException.class, () -> run(sql));
        session.sync();
        return e;
    }

    @Test
    void rankingOverPartitions() {
        assertEquals(List.of("1|1|2", "2|2|1", "3|1|1", "4|1|1", "5|2|1"),
                run("SELECT id, row_number() OVER (PARTITION BY dept ORDER BY id), rank() OVER (PARTITION BY dept"
                        + " ORDER BY pay DESC) FROM e ORDER BY id"));
    }

    @Test
    void windowOverGroupedRowsRunsAfterAggregation() {
        assertEquals(List.of("1|2|5", "2|2|5", "NULL|1|5"),
                run("SELECT dept, count(*), sum(count(*)) OVER () FROM e GROUP BY dept ORDER BY dept"));
        assertEquals(List.of("1|30|2", "2|60|1", "NULL|5|3"),
                run("SELECT dept, sum(pay), rank() OVER (ORDER BY sum(pay) DESC) FROM e GROUP BY dept ORDER BY dept"));
    }

    @Test
    void orderByAndDistinctSeeWindowResults() {
        assertEquals(List.of("5", "4", "3", "2", "1"), run("SELECT id FROM e ORDER BY row_number() OVER (ORDER BY id) DESC"));
        assertEquals(List.of("1|2", "2|2", "NULL|1"),
                run("SELECT DISTINCT dept, count(*) OVER (PARTITION BY dept) FROM e ORDER BY dept"));
        assertEquals(List.of("1|1", "2|2"), run("SELECT id, row_number() OVER (ORDER BY id) FROM e ORDER BY id LIMIT 2"));
    }

    @Test
    void namedWindowsAndFrames() {
        assertEquals(List.of("1|30", "2|60", "3|55", "4|65", "5|35"),
                run("SELECT id, sum(pay) OVER w FROM e WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)"
                        + " ORDER BY id"));
        assertEquals("42704", error("SELECT sum(pay) OVER w FROM e").state().code());
    }

    @Test
    void placementErrors() {
        assertEquals("window functions are not allowed in WHERE",
                error("SELECT id FROM e WHERE row_number() OVER () > 1").getMessage());
        assertEquals("window function calls cannot be nested",
                error("SELECT sum(row_number() OVER ()) OVER () FROM e").getMessage());
        assertEquals("aggregate function calls cannot contain window function calls",
                error("SELECT sum(row_number() OVER ()) FROM e").getMessage());
        assertEquals("window function rank requires an OVER clause", error("SELECT rank() FROM e").getMessage());
        assertEquals("42P20", error("SELECT dept FROM e GROUP BY dept HAVING rank() OVER () > 1").state().code());
    }

    @Test
    void ungroupedColumnInArgumentsIsReportedBeforeThePartition() {
        assertEquals("column \"e.id\" must appear in the GROUP BY clause or be used in an aggregate function",
                error("SELECT dept, sum(id) OVER (PARTITION BY pay) FROM e GROUP BY dept").getMessage());
    }

    @Test
    void overParenthesizedWindowNameCopiesAndAmendsIt() {
        assertEquals(List.of("1|1|10", "2|2|30", "3|1|30", "4|1|5", "5|2|60"),
                run("SELECT id, row_number() OVER (w ORDER BY id), sum(pay) OVER (w ORDER BY id) FROM e"
                        + " WINDOW w AS (PARTITION BY dept) ORDER BY id"));
        assertEquals("cannot override PARTITION BY clause of window \"w\"",
                error("SELECT sum(pay) OVER (w PARTITION BY id) FROM e WINDOW w AS (PARTITION BY dept)").getMessage());
        assertEquals("cannot override ORDER BY clause of window \"w\"",
                error("SELECT sum(pay) OVER (w ORDER BY id) FROM e WINDOW w AS (ORDER BY dept)").getMessage());
        DbException copy = error("SELECT sum(pay) OVER (w) FROM e WINDOW w AS (ROWS 1 PRECEDING)");
        assertEquals("cannot copy window \"w\" because it has a frame clause", copy.getMessage());
        assertEquals(List.of("1|10", "2|30", "3|30", "4|5", "5|60"), run("SELECT id, sum(pay) OVER w2 FROM e"
                + " WINDOW w AS (PARTITION BY dept), w2 AS (w ORDER BY id) ORDER BY id"));
        assertEquals("window \"w\" does not exist", error("SELECT sum(pay) OVER w2 FROM e"
                + " WINDOW w2 AS (w ORDER BY id), w AS (PARTITION BY dept)").getMessage());
    }

    @Test
    void groupsAndExcludeWorkInWindowClausesToo() {
        assertEquals(List.of("1|35", "2|90", "3|80", "4|15", "5|80"), run("SELECT id, sum(pay) OVER w FROM e"
                + " WINDOW w AS (ORDER BY pay GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) ORDER BY id"));
        assertEquals(List.of("1|5", "2|10", "3|20", "4|NULL", "5|30"), run("SELECT id, sum(pay) OVER w FROM e"
                + " WINDOW w AS (ORDER BY pay, id ROWS 1 PRECEDING EXCLUDE CURRENT ROW) ORDER BY id"));
    }

    @Test
    void aWindowClauseDoesNotDisturbLaterQueriesOfTheStatement() {
        assertEquals(List.of("1", "2", "3", "4", "5"), run("WITH a AS (SELECT id, row_number() OVER w AS rn FROM e"
                + " WINDOW w AS (ORDER BY id)), b AS (SELECT 1 AS one) SELECT rn FROM a, b ORDER BY rn"));
    }

    @Test
    void groupsFramesCountPeerGroups() {
        // pay order: 5 | 10 | 20 | 30, 30 — one group back to one group ahead
        assertEquals(List.of("1|35", "2|90", "3|80", "4|15", "5|80"),
                run("SELECT id, sum(pay) OVER (ORDER BY pay GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM e"
                        + " ORDER BY id"));
        assertEquals(List.of("1|5", "2|15", "3|35", "4|NULL", "5|35"),
                run("SELECT id, sum(pay) OVER (w GROUPS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) FROM e"
                        + " WINDOW w AS (ORDER BY pay) ORDER BY id"));
        assertEquals("GROUPS mode requires an ORDER BY clause",
                error("SELECT sum(pay) OVER (GROUPS 1 PRECEDING) FROM e").getMessage());
    }

    @Test
    void excludeTakesRowsOutOfEachFrame() {
        // pay order: 5 (id 4) | 10 (1) | 20 (2) | 30, 30 (3, 5); frame: the whole partition
        String frame = " OVER (ORDER BY pay, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";
        assertEquals(List.of("1|85", "2|75", "3|65", "4|90", "5|65"),
                run("SELECT id, sum(pay)" + frame + " EXCLUDE CURRENT ROW) FROM e ORDER BY id"));
        String peers = " OVER (ORDER BY pay RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";
        assertEquals(List.of("1|85", "2|75", "3|35", "4|90", "5|35"),
                run("SELECT id, sum(pay)" + peers + " EXCLUDE GROUP) FROM e ORDER BY id"));
        assertEquals(List.of("1|95", "2|95", "3|65", "4|95", "5|65"),
                run("SELECT id, sum(pay)" + peers + " EXCLUDE TIES) FROM e ORDER BY id"));
        assertEquals(List.of("1|5", "2|5", "3|5", "4|10", "5|5"),
                run("SELECT id, first_value(pay)" + frame + " EXCLUDE CURRENT ROW) FROM e ORDER BY id"));
        assertEquals(List.of("1|95", "2|95", "3|95", "4|95", "5|95"),
                run("SELECT id, sum(pay)" + frame + " EXCLUDE NO OTHERS) FROM e ORDER BY id"));
    }
}
