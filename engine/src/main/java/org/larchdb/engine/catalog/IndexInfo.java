package org.larchdb.engine.catalog;

import java.util.List;

/**
 * A B+tree index of a table (pg_index row): its relation (name, OID, file), the indexed table
 * columns by attribute number in key order, and per column whether it sorts descending and
 * whether NULLs come first (PostgreSQL's defaults: ASC NULLS LAST, DESC NULLS FIRST).
 */
public record IndexInfo(long oid, String name, long tableOid, int relfilenode, boolean unique, boolean primary,
                        List<Integer> attnums, List<Boolean> descending, List<Boolean> nullsFirst) {

    public IndexInfo {
        attnums = List.copyOf(attnums);
        descending = List.copyOf(descending);
        nullsFirst = List.copyOf(nullsFirst);
    }

    /** pg_index.indkey in int2vector's text form. */
    String indkeyText() {
        return String.join(" ", attnums.stream().map(String::valueOf).toList());
    }

    /** pg_index.indoption: bit 1 = DESC, bit 2 = NULLS FIRST, as PostgreSQL. */
    String indoptionText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < attnums.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append((descending.get(i) ? 1 : 0) | (nullsFirst.get(i) ? 2 : 0));
        }
        return sb.toString();
    }

    static IndexInfo fromRow(long oid, String name, long tableOid, int relfilenode, boolean unique, boolean primary,
                             String indkey, String indoption) {
        List<Integer> attnums = parseVector(indkey);
        List<Integer> options = parseVector(indoption);
        return new IndexInfo(oid, name, tableOid, relfilenode, unique, primary, attnums,
                options.stream().map(o -> (o & 1) != 0).toList(), options.stream().map(o -> (o & 2) != 0).toList());
    }

    private static List<Integer> parseVector(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.trim().split("\\s+")).map(Integer::parseInt).toList();
    }
}
