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
                    DataType.BOOL)),
    /**
     * PostgreSQL 15's columns in order. client_addr is text (no inet type yet); backend_xid and
     * backend_xmin are int8 (no xid type yet; our transaction ids are 64-bit).
     */
    PG_STAT_ACTIVITY("pg_stat_activity", List.of("datid", "datname", "pid", "leader_pid", "usesysid", "usename",
            "application_name", "client_addr", "client_hostname", "client_port", "backend_start", "xact_start",
            "query_start", "state_change", "wait_event_type", "wait_event", "state", "backend_xid", "backend_xmin",
            "query_id", "query", "backend_type"),
            List.of(DataType.OID, DataType.NAME, DataType.INT4, DataType.INT4, DataType.OID, DataType.NAME,
                    DataType.TEXT, DataType.TEXT, DataType.TEXT, DataType.INT4, DataType.TIMESTAMPTZ,
                    DataType.TIMESTAMPTZ, DataType.TIMESTAMPTZ, DataType.TIMESTAMPTZ, DataType.TEXT, DataType.TEXT,
                    DataType.TEXT, DataType.INT8, DataType.INT8, DataType.INT8, DataType.TEXT, DataType.TEXT)),
    /** PostgreSQL 15's columns in order; transactionid is int8 (no xid type yet). */
    PG_LOCKS("pg_locks", List.of("locktype", "database", "relation", "page", "tuple", "virtualxid", "transactionid",
            "classid", "objid", "objsubid", "virtualtransaction", "pid", "mode", "granted", "fastpath", "waitstart"),
            List.of(DataType.TEXT, DataType.OID, DataType.OID, DataType.INT4, DataType.INT2, DataType.TEXT,
                    DataType.INT8, DataType.OID, DataType.OID, DataType.INT2, DataType.TEXT, DataType.INT4,
                    DataType.TEXT, DataType.BOOL, DataType.BOOL, DataType.TIMESTAMPTZ));

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
