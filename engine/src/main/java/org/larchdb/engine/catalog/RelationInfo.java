package org.larchdb.engine.catalog;

import java.util.List;
import org.larchdb.engine.types.DataType;

/**
 * A relation (pg_class row with its pg_attribute and pg_attrdef rows). {@code kind} is pg_class.relkind:
 * 'r' ordinary table. {@code systemTable} is set for the system catalogs.
 */
public record RelationInfo(long oid, String name, long namespaceOid, String namespaceName, long owner, char kind,
                           int relfilenode, List<ColumnInfo> columns, SystemTable systemTable) {

    public RelationInfo {
        columns = List.copyOf(columns);
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
