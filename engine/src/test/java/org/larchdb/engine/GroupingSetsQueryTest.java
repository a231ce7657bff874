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

/** GROUPING SETS, ROLLUP, CUBE and GROUPING() through the session API. */
class GroupingSetsQueryTest {
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
    void rollupGivesSubtotalsAndGrandTotal() {
        assertEquals(List.of("1|x|10|0", "1|y|20|0", "1|NULL|30|1", "2|x|70|0", "2|NULL|70|1", "NULL|NULL|100|3"),
                run("SELECT a, b, sum(v), grouping(a, b) FROM s GROUP BY ROLLUP (a, b)"
                        + " ORDER BY a NULLS LAST, b NULLS LAST"));
    }

    @Test
    void cubeAndExplicitSets() {
        assertEquals(8, run("SELECT a, b, count(*) FROM s GROUP BY CUBE (a, b)").size());
        assertEquals(List.of("1|NULL|2", "2|NULL|2", "NULL|x|3", "NULL|y|1", "NULL|NULL|4"),
                run("SELECT a, b, count(*) FROM s GROUP BY GROUPING SETS ((a), (b), ())"
                        + " ORDER BY grouping(a, b), a, b"));
    }

    @Test
    void plainKeysCrossWithRollupAndHavingFilters() {
        assertEquals(List.of("1|x|10", "1|y|20", "1|NULL|30"),
                run("SELECT a, b, sum(v) FROM s GROUP BY a, ROLLUP (b) HAVING a = 1 ORDER BY b NULLS LAST"));
    }

    @Test
    void emptySetGivesARowOverNoInput() {
        assertEquals(List.of("NULL|0"), run("SELECT a, count(*) FROM s WHERE false GROUP BY ROLLUP (a)"));
        assertEquals(List.of("0"), run("SELECT grouping(a) FROM s GROUP BY a HAVING a = 1"));
    }

    @Test
    void errorsFollowPostgres() {
        assertEquals("arguments to GROUPING must be grouping expressions of the associated query level",
                error("SELECT grouping(b) FROM s GROUP BY a").getMessage());
        assertEquals("grouping operations are not allowed in WHERE",
                error("SELECT a FROM s WHERE grouping(a) = 0 GROUP BY a").getMessage());
        assertEquals("CUBE is limited to 12 elements",
                error("SELECT 1 FROM s GROUP BY CUBE (a,a,a,a,a,a,a,a,a,a,a,a,a)").getMessage());
        assertEquals("too many grouping sets present (maximum 4096)",
                error("SELECT 1 FROM s GROUP BY CUBE (a,b,v,a,b,v), CUBE (a,b,v,a,b,v), ROLLUP (a)").getMessage());
        assertEquals("column \"s.b\" must appear in the GROUP BY clause or be used in an aggregate function",
                error("SELECT b FROM s GROUP BY GROUPING SETS (a)").getMessage());
    }
}
