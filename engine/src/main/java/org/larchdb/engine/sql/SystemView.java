package org.larchdb.engine.sql;

import java.util.List;
import org.larchdb.engine.types.DataType;

/**
 * Views in pg_catalog whose rows come from server state rather than a heap. Their columns follow
 * PostgreSQL's (a subset: array columns such as pg_settings.enumvals are left out until arrays exist).
 */
public enum SystemView {
    PG_SETTINGS("pg_settings", List.of("name", "setting", "unit", "category", "short_desc", "context", "vartype",
            "source", "min_val", "max_val", "boot_val", "reset_val", "pending_restart"),
            List.of(DataType.TEXT, DataType.TEXT, DataType.TEXT, DataType.TEXT, DataType.TEXT, DataType.TEXT,
                    DataType.TEXT, DataType.TEXT, DataType.TEXT, DataType.TEXT, DataType.TEXT, DataType.TEXT,
                    DataType.BOOL));

    private final String viewName;
    private final List<String> columnNames;
    private final List<DataType> columnTypes;

    SystemView(String viewName, List<String> columnNames, List<DataType> columnTypes) {
        this.viewName = viewName;
        this.columnNames = columnNames;
        this.columnTypes = columnTypes;
    }

    public String viewName() {
        return viewName;
    }

    public List<String> columnNames() {
        return columnNames;
    }

    public List<DataType> columnTypes() {
        return columnTypes;
    }

    /** The view with that name in pg_catalog, or null. */
    static SystemView byName(String name) {
        for (SystemView v : values()) {
            if (v.viewName.equals(name)) {
                return v;
            }
        }
        return null;
    }
}
