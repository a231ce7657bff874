package org.larchdb.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** The set algebra of GROUP BY: ROLLUP, CUBE and the cross product of GROUP BY items. */
class GroupingSetsTest {

    @Test
    void rollupListsPrefixesLongestFirst() {
        assertEquals(List.of(List.of("a", "b", "c"), List.of("a"), List.of()),
                GroupingSets.rollup(List.of(List.of("a"), List.of("b", "c"))));
    }

    @Test
    void cubeListsEverySubsetLargestFirst() {
        assertEquals(List.of(List.of("a", "b"), List.of("a"), List.of("b"), List.of()),
                GroupingSets.cube(List.of(List.of("a"), List.of("b"))));
        assertEquals(8, GroupingSets.cube(List.of(List.of(1), List.of(2), List.of(3))).size());
    }

    @Test
    void cubeOfThirteenElementsIsRefused() {
        List<List<Integer>> thirteen = java.util.stream.IntStream.range(0, 13).mapToObj(List::of).toList();
        DbException e = assertThrows(DbException.class, () -> GroupingSets.cube(thirteen));
        assertEquals(SqlState.TOO_MANY_COLUMNS, e.state());
    }

    @Test
    void itemsCombineByCrossProduct() {
        List<List<String>> left = List.of(List.of("a"));
        List<List<String>> right = GroupingSets.rollup(List.of(List.of("b")));
        assertEquals(List.of(List.of("a", "b"), List.of("a")), GroupingSets.crossProduct(left, right));
    }
}
