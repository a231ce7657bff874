package org.larchdb.engine.catalog;

import java.util.List;

/**
 * A table constraint (pg_constraint row). {@code type} is pg_constraint.contype: {@link #CHECK},
 * {@link #PRIMARY_KEY} or {@link #UNIQUE}. {@code attnums} are the columns involved in PostgreSQL's
 * order (for CHECK: as the expression first mentions them); {@code indexOid} is the index backing a
 * key constraint (0 for CHECK); {@code expression} is a CHECK's SQL text (null otherwise), analyzed
 * again where rows are checked; {@code validated} is false for a CHECK added NOT VALID.
 * A FOREIGN KEY ({@link #FOREIGN_KEY}) has {@code foreignKey} (null otherwise) and as
 * {@code indexOid} the referenced table's unique index, as PostgreSQL's conindid.
 */
public record ConstraintInfo(long oid, String name, long namespaceOid, char type, long tableOid,
                             List<Integer> attnums, long indexOid, String expression, boolean validated,
                             ForeignKeyInfo foreignKey) {

    public static final char CHECK = 'c';
    public static final char PRIMARY_KEY = 'p';
    public static final char UNIQUE = 'u';
    public static final char FOREIGN_KEY = 'f';

    public ConstraintInfo {
        attnums = List.copyOf(attnums);
    }

    /** A constraint that is not a foreign key. */
    public ConstraintInfo(long oid, String name, long namespaceOid, char type, long tableOid, List<Integer> attnums,
                          long indexOid, String expression, boolean validated) {
        this(oid, name, namespaceOid, type, tableOid, attnums, indexOid, expression, validated, null);
    }

    public boolean isForeignKey() {
        return type == FOREIGN_KEY;
    }

    public boolean isCheck() {
        return type == CHECK;
    }

    /** pg_constraint.conkey in int2[]'s text form, or null when no column is involved. */
    String conkeyText() {
        return int2ArrayText(attnums);
    }

    static String int2ArrayText(List<Integer> attnums) {
        if (attnums.isEmpty()) {
            return null;
        }
        return "{" + String.join(",", attnums.stream().map(String::valueOf).toList()) + "}";
    }

    static List<Integer> parseConkey(String text) {
        if (text == null || text.length() < 2 || text.equals("{}")) {
            return List.of();
        }
        return java.util.Arrays.stream(text.substring(1, text.length() - 1).split(",")).map(String::trim)
                .map(Integer::parseInt).toList();
    }
}
