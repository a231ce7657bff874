package org.larchdb.engine.catalog;

import java.util.List;
import org.larchdb.engine.types.DataType;

/**
 * A relation (pg_class row with its pg_attribute and pg_attrdef rows). {@code kind} is pg_class.relkind:
 * 'r' ordinary table, 'i' index, 'S' sequence, 'v' view. {@code systemTable} is set for the system catalogs; {@code indexes}
 * lists a table's indexes (empty for other kinds), {@code constraints} its pg_constraint rows, CHECK
 * constraints in name order (the order PostgreSQL tests them in).
 */
public record RelationInfo(long oid, String name, long namespaceOid, String namespaceName, long owner, char kind,
                           int relfilenode, List<ColumnInfo> columns, SystemTable systemTable,
                           List<IndexInfo> indexes, List<ConstraintInfo> constraints) {

    /** pg_class.relkind of an ordinary table. */
    public static final char TABLE = 'r';
    /** pg_class.relkind of an index. */
    public static final char INDEX = 'i';
    /** pg_class.relkind of a sequence. */
    public static final char SEQUENCE = 'S';
    /** pg_class.relkind of a view (no storage; its query is in pg_rewrite). */
    public static final char VIEW = 'v';

    public RelationInfo {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        constraints = List.copyOf(constraints);
    }

    /** A relation without constraints. */
    public RelationInfo(long oid, String name, long namespaceOid, String namespaceName, long owner, char kind,
                        int relfilenode, List<ColumnInfo> columns, SystemTable systemTable, List<IndexInfo> indexes) {
        this(oid, name, namespaceOid, namespaceName, owner, kind, relfilenode, columns, systemTable, indexes,
                List.of());
    }

    /** The CHECK constraints, in name order. */
    public List<ConstraintInfo> checks() {
        return constraints.stream().filter(ConstraintInfo::isCheck).toList();
    }

    /** The FOREIGN KEY constraints of this table (it is the referencing side), in name order. */
    public List<ConstraintInfo> foreignKeys() {
        return constraints.stream().filter(ConstraintInfo::isForeignKey).toList();
    }

    /** Constraint by name, or null. */
    public ConstraintInfo constraint(String constraintName) {
        for (ConstraintInfo c : constraints) {
            if (c.name().equals(constraintName)) {
                return c;
            }
        }
        return null;
    }

    public boolean isIndex() {
        return kind == INDEX;
    }

    public boolean isView() {
        return kind == VIEW;
    }

    public boolean isSequence() {
        return kind == SEQUENCE;
    }

    /** Column by name, or null. */
    public ColumnInfo column(String columnName) {
        for (ColumnInfo c : columns) {
            if (c.name().equals(columnName)) {
                return c;
            }
        }
        return null;
    }

    public DataType[] columnTypes() {
        return columns.stream().map(ColumnInfo::type).toArray(DataType[]::new);
    }

    public boolean isSystem() {
        return systemTable != null;
    }

    /** Name qualified with its schema when it is not in search_path's usual places — used in messages. */
    public String qualifiedName() {
        return namespaceName + "." + name;
    }
}
