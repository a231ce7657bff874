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

/** Query forms through the session API: DISTINCT, set operations, subqueries, aggregates. */
class QueryFormsTest {
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
        run("INSERT INTO e VALUES (1, 1, 10), (2, 1, 20), (3, 2, 30), (4, NULL, 5)");
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    private List<String> run(String sql, Object... params) {
        return SessionRows.rows(session, sql, params);
    }

    private String sqlState(String sql) {
        DbException e = assertThrows(DbException.class, () -> run(sql));
        session.sync();
        return e.state().code();
    }

    @Test
    void correlatedSubqueryIsEvaluatedPerOuterRow() {
        assertEquals(List.of("1|2", "2|2", "3|1", "4|0"),
                run("SELECT id, (SELECT count(*) FROM e x WHERE x.dept = e.dept) FROM e ORDER BY id"));
        assertEquals(List.of("3"), run("SELECT id FROM e o WHERE pay >= ALL (SELECT pay FROM e i WHERE i.dept = o.dept)"
                + " AND dept = 2"));
    }

    @Test
    void twoLevelsUpReadsTheOutermostRow() {
        assertEquals(List.of("1|t", "2|t", "3|t", "4|f"), run("SELECT id, EXISTS (SELECT 1 FROM e a WHERE"
                + " EXISTS (SELECT 1 FROM e b WHERE b.id = a.id AND a.dept = e.dept)) FROM e ORDER BY id"));
    }

    @Test
    void notInWithANullIsNeverTrue() {
        assertEquals(List.of(), run("SELECT id FROM e WHERE 9 NOT IN (SELECT dept FROM e)"));
        assertEquals(List.of("NULL"), run("SELECT 9 NOT IN (SELECT dept FROM e)"));
        assertEquals(List.of("t"), run("SELECT 1 IN (SELECT dept FROM e)"));
    }

    @Test
    void scalarSubqueryWithTwoRowsIsACardinalityViolation() {
        assertEquals("21000", sqlState("SELECT (SELECT id FROM e)"));
        assertEquals(List.of("NULL"), run("SELECT (SELECT id FROM e WHERE false)"));
    }

    @Test
    void parametersReachIntoSubqueries() {
        assertEquals(List.of("2"), run("SELECT id FROM e WHERE pay = (SELECT max(pay) FROM e WHERE dept = $1)", 1));
    }

    @Test
    void aggregateInsideASubqueryDoesNotGroupTheOuterQuery() {
        assertEquals(List.of("1|30", "2|30", "3|30", "4|30"),
                run("SELECT id, (SELECT max(pay) FROM e) FROM e ORDER BY id"));
    }

    @Test
    void distinctOnKeepsTheFirstRowOfEachGroupInOrderByOrder() {
        assertEquals(List.of("1|2", "2|3", "NULL|4"),
                run("SELECT DISTINCT ON (dept) dept, id FROM e ORDER BY dept, pay DESC"));
        assertEquals("42P10", sqlState("SELECT DISTINCT ON (dept) id FROM e ORDER BY id"));
        assertEquals("42P10", sqlState("SELECT DISTINCT dept FROM e ORDER BY pay"));
    }

    @Test
    void setOperationsResolveTypesAndCheckWidths() {
        assertEquals(List.of("1", "1.5"), run("SELECT 1 AS v UNION SELECT 1.5 ORDER BY v"));
        assertEquals("42601", sqlState("SELECT 1 UNION SELECT 1, 2"));
        assertEquals("42804", sqlState("SELECT 1 UNION SELECT 'a'::text"));
        assertEquals(List.of("2", "3"), run("SELECT dept FROM e INTERSECT SELECT 2 UNION SELECT 3 ORDER BY 1"));
    }

    @Test
    void aggregatesWithFilterDistinctAndOrder() {
        assertEquals(List.of("3|2|16.2500000000000000|20,10"), run("SELECT count(*) FILTER (WHERE pay > 5),"
                + " count(DISTINCT dept), avg(pay), string_agg(pay::text, ',' ORDER BY pay DESC) FILTER (WHERE dept = 1)"
                + " FROM e"));
    }

    @Test
    void recursiveQueryIteratesUntilNoNewRows() {
        assertEquals(List.of("15"), run("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5)"
                + " SELECT sum(n) FROM r"));
        // UNION (not ALL) stops a cycle once it produces nothing new.
        assertEquals(List.of("0", "1", "2"), run("WITH RECURSIVE r(n) AS (SELECT 0 UNION SELECT (n + 1) % 3 FROM r)"
                + " SELECT n FROM r ORDER BY n"));
        assertEquals("42804", sqlState("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1.5 FROM r WHERE n < 3)"
                + " SELECT n FROM r"));
    }

    @Test
    void withQueriesAreVisibleToLaterOnesAndSubqueries() {
        assertEquals(List.of("2"), run("WITH a AS (SELECT dept FROM e WHERE dept IS NOT NULL), b AS (SELECT DISTINCT"
                + " dept FROM a) SELECT count(*) FROM e WHERE dept IN (SELECT dept FROM b) AND pay > 10"));
    }

    @Test
    void usingJoinMergesColumnsAndFullJoinKeepsBothSides() {
        run("CREATE TABLE d (dept integer, name text)");
        run("INSERT INTO d VALUES (1, 'one'), (3, 'three')");
        assertEquals(List.of("1|1|10|one", "1|2|20|one", "2|3|30|NULL", "3|NULL|NULL|three", "NULL|4|5|NULL"),
                run("SELECT * FROM e FULL JOIN d USING (dept) ORDER BY dept, id"));
        assertEquals(List.of("1|1|1"), run("SELECT dept, e.dept, d.dept FROM e NATURAL JOIN d WHERE id = 1"));
        assertEquals("42703", sqlState("SELECT * FROM e JOIN d USING (pay)"));
    }

    @Test
    void groupedQuerySubqueriesSeeGroupingColumnsOnly() {
        assertEquals(List.of("1|2", "2|1", "NULL|0"), run("SELECT dept, (SELECT count(*) FROM e x WHERE x.dept = e.dept)"
                + " FROM e GROUP BY dept ORDER BY dept"));
        assertEquals("42803", sqlState("SELECT dept, (SELECT 1 WHERE e.pay > 0) FROM e GROUP BY dept"));
    }

    @Test
    void lateralSubqueryRunsPerLeftRow() {
        assertEquals(List.of("1|20", "2|20", "3|30", "4|5"), run("SELECT e.id, m.top FROM e, LATERAL (SELECT max(pay) AS top"
                + " FROM e x WHERE x.dept = e.dept OR (e.dept IS NULL AND x.id = e.id)) m ORDER BY e.id"));
    }
}
