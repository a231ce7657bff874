package org.larchdb.engine.catalog;

import java.util.List;

/**
 * The foreign-key half of a pg_constraint row (contype 'f'): the referenced table
 * ({@code confrelid}) and its columns ({@code confkey}, in the order paired with conkey), the
 * actions ({@code confupdtype}/{@code confdeltype}: 'a' NO ACTION, 'r' RESTRICT, 'c' CASCADE,
 * 'n' SET NULL, 'd' SET DEFAULT), {@code confmatchtype} ('s' SIMPLE, 'f' FULL), the columns
 * ON DELETE SET NULL/DEFAULT (cols) touches ({@code confdelsetcols}, empty = all), and
 * condeferrable/condeferred.
 */
public record ForeignKeyInfo(long referencedTableOid, List<Integer> referencedAttnums, char updateAction,
                             char deleteAction, char matchType, List<Integer> deleteSetAttnums,
                             boolean deferrable, boolean initiallyDeferred) {

    public static final char NO_ACTION = 'a';
    public static final char RESTRICT = 'r';
    public static final char CASCADE = 'c';
    public static final char SET_NULL = 'n';
    public static final char SET_DEFAULT = 'd';
    public static final char MATCH_SIMPLE = 's';
    public static final char MATCH_FULL = 'f';

    public ForeignKeyInfo {
        referencedAttnums = List.copyOf(referencedAttnums);
        deleteSetAttnums = List.copyOf(deleteSetAttnums);
    }
}
