package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;

/**
 * The columns visible to expressions of one query level: the FROM items in order, each with its
 * reference name and columns, laid out side by side in the input row.
 */
final class Scope {

    /** A column of a FROM item: its position in the input row and, for table columns, its origin. */
    record ScopeColumn(String name, DataType type, int index, RelationInfo relation, int attnum) {
    }

    /** One FROM item (table or subquery) under its reference name. */
    record Item(String refName, String schemaName, List<ScopeColumn> columns) {
    }

    /** A column found by {@link #lookup}: in this scope (levelsUp 0) or an enclosing query's. */
    record Resolved(ScopeColumn column, int levelsUp) {
    }

    /** Distinct names for the unnamed FROM items of merged join columns. */
    private static final java.util.concurrent.atomic.AtomicLong JOIN_IDS = new java.util.concurrent.atomic.AtomicLong();

    private final List<Item> items = new ArrayList<>();
    private int width;
    /** The enclosing query's scope, for a subquery's outer references; null at the top level. */
    private Scope parent;
    /**
     * Columns a USING/NATURAL join merged into one output column: still reachable qualified
     * ({@code t.a}, {@code t.*}), but not by a bare name or {@code *}.
     */
    private final java.util.Set<Integer> mergedAway = new java.util.HashSet<>();
    /** Set when a subquery below referred to one of these columns (the subquery is correlated). */
    private boolean referencedFromBelow;
    /** Which of this scope's columns subqueries below referred to (row positions). */
    private final java.util.Set<Integer> referencedColumns = new java.util.TreeSet<>();

    static Scope empty() {
        return new Scope();
    }

    /** Adds a FROM item's columns after the current ones. */
    void add(String refName, String schemaName, List<String> names, List<DataType> types, RelationInfo relation) {
        for (Item i : items) {
            if (i.refName().equals(refName) && java.util.Objects.equals(i.schemaName(), schemaName)) {
                throw new DbException(SqlState.DUPLICATE_ALIAS,
                        "table name \"" + refName + "\" specified more than once");
            }
        }
        List<ScopeColumn> cols = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            cols.add(new ScopeColumn(names.get(k), types.get(k), width + k, relation, relation == null ? 0 : k + 1));
        }
        items.add(new Item(refName, schemaName, cols));
        width += names.size();
    }

    /** Appends another scope's items (for joins), shifting their positions. */
    void addAll(Scope other) {
        for (Item i : other.items) {
            List<ScopeColumn> cols = new ArrayList<>();
            for (ScopeColumn c : i.columns()) {
                cols.add(new ScopeColumn(c.name(), c.type(), c.index() + width, c.relation(), c.attnum()));
            }
            for (Item mine : items) {
                if (mine.refName().equals(i.refName()) && java.util.Objects.equals(mine.schemaName(), i.schemaName())) {
                    throw new DbException(SqlState.DUPLICATE_ALIAS,
                            "table name \"" + i.refName() + "\" specified more than once");
                }
            }
            items.add(new Item(i.refName(), i.schemaName(), cols));
        }
        for (int hidden : other.mergedAway) {
            mergedAway.add(hidden + width);
        }
        width += other.width;
    }

    void setParent(Scope enclosing) {
        this.parent = enclosing;
    }

    Scope parent() {
        return parent;
    }

    boolean referencedFromBelow() {
        return referencedFromBelow;
    }

    void setReferencedFromBelow() {
        referencedFromBelow = true;
    }

    /** Row positions of the columns subqueries referred to since the last {@link #clearReferencedFromBelow}. */
    java.util.Set<Integer> referencedColumns() {
        return referencedColumns;
    }

    void clearReferencedFromBelow() {
        referencedFromBelow = false;
        referencedColumns.clear();
    }

    /**
     * Resolves a column here or, failing that, in the enclosing queries' scopes (nearest first), as
     * PostgreSQL does for subqueries; null when not found anywhere (the caller raises the error).
     */
    Resolved lookup(String schema, String table, String column) {
        Scope level = this;
        for (int up = 0; level != null; up++, level = level.parent) {
            boolean last = level.parent == null;
            if (table != null && level.item(schema, table) == null && !last) {
                continue;
            }
            ScopeColumn c = level.resolve(schema, table, column);
            if (c != null || table != null) {
                if (c != null && up > 0) {
                    level.referencedFromBelow = true;
                    level.referencedColumns.add(c.index());
                }
                return c == null ? null : new Resolved(c, up);
            }
        }
        return null;
    }

    /** Adds the merged columns of a USING/NATURAL join, as a FROM item that has no name. */
    void addMerged(List<String> names, List<DataType> types) {
        add("\u0000join" + JOIN_IDS.incrementAndGet(), null, names, types, null);
    }

    void hide(int index) {
        mergedAway.add(index);
    }

    boolean isHidden(int index) {
        return mergedAway.contains(index);
    }

    /** Columns visible by bare name, in order (a join's columns as its parent join sees them). */
    List<ScopeColumn> visibleColumns() {
        List<ScopeColumn> out = new ArrayList<>();
        for (Item i : items) {
            for (ScopeColumn c : i.columns()) {
                if (!mergedAway.contains(c.index())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    int width() {
        return width;
    }

    List<Item> items() {
        return items;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** Resolves {@code [schema.][table.]column}; null when not found (the caller raises the error). */
    ScopeColumn resolve(String schema, String table, String column) {
        ScopeColumn found = null;
        if (table == null) {
            for (Item i : items) {
                for (ScopeColumn c : i.columns()) {
                    if (c.name().equals(column) && !mergedAway.contains(c.index())) {
                        if (found != null) {
                            throw new DbException(SqlState.AMBIGUOUS_COLUMN,
                                    "column reference \"" + column + "\" is ambiguous");
                        }
                        found = c;
                    }
                }
            }
            return found;
        }
        Item item = item(schema, table);
        if (item == null) {
            throw new DbException(SqlState.UNDEFINED_TABLE,
                    "missing FROM-clause entry for table \"" + table + "\"");
        }
        for (ScopeColumn c : item.columns()) {
            if (c.name().equals(column)) {
                return c;
            }
        }
        return null;
    }

    /** The FROM item with that reference name, or null. */
    Item item(String schema, String table) {
        Item match = null;
        for (Item i : items) {
            if (i.refName().equals(table) && (schema == null || schema.equals(i.schemaName()))) {
                if (match != null) {
                    throw new DbException(SqlState.AMBIGUOUS_COLUMN /* PostgreSQL: 42P09 */,
                            "table reference \"" + table + "\" is ambiguous");
                }
                match = i;
            }
        }
        return match;
    }
}
