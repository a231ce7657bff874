package org.larchdb.engine.catalog;

import java.util.List;
import org.larchdb.engine.types.DataType;

/**
 * The system catalog tables: their fixed OIDs (also their relfilenodes) and columns, a subset of
 * PostgreSQL's with the same names, types and column order so client catalog queries work. Column
 * positions are constants so catalog code reads rows without name lookups.
 */
public enum SystemTable {
    PG_TYPE(1247, "pg_type", List.of(
            col("oid", DataType.OID), col("typname", DataType.NAME), col("typnamespace", DataType.OID),
            col("typowner", DataType.OID), col("typlen", DataType.INT2), col("typbyval", DataType.BOOL),
            col("typtype", DataType.CHAR), col("typcategory", DataType.CHAR), col("typispreferred", DataType.BOOL),
            col("typisdefined", DataType.BOOL), col("typdelim", DataType.CHAR), col("typrelid", DataType.OID),
            col("typelem", DataType.OID), col("typarray", DataType.OID), col("typinput", DataType.TEXT),
            col("typoutput", DataType.TEXT), col("typnotnull", DataType.BOOL), col("typbasetype", DataType.OID),
            col("typtypmod", DataType.INT4), col("typndims", DataType.INT4))),
    PG_ATTRIBUTE(1249, "pg_attribute", List.of(
            col("attrelid", DataType.OID), col("attname", DataType.NAME), col("atttypid", DataType.OID),
            col("attlen", DataType.INT2), col("attnum", DataType.INT2), col("atttypmod", DataType.INT4),
            col("attnotnull", DataType.BOOL), col("atthasdef", DataType.BOOL), col("attisdropped", DataType.BOOL),
            col("attidentity", DataType.CHAR), col("attgenerated", DataType.CHAR))),
    PG_CLASS(1259, "pg_class", List.of(
            col("oid", DataType.OID), col("relname", DataType.NAME), col("relnamespace", DataType.OID),
            col("reltype", DataType.OID), col("relowner", DataType.OID), col("relam", DataType.OID),
            col("relfilenode", DataType.OID), col("reltuples", DataType.FLOAT4), col("relhasindex", DataType.BOOL),
            col("relisshared", DataType.BOOL), col("relpersistence", DataType.CHAR), col("relkind", DataType.CHAR),
            col("relnatts", DataType.INT2), col("relchecks", DataType.INT2), col("relhasrules", DataType.BOOL),
            col("relhastriggers", DataType.BOOL), col("relrowsecurity", DataType.BOOL),
            col("relispartition", DataType.BOOL))),
    PG_AUTHID(1260, "pg_authid", List.of(
            col("oid", DataType.OID), col("rolname", DataType.NAME), col("rolsuper", DataType.BOOL),
            col("rolinherit", DataType.BOOL), col("rolcreaterole", DataType.BOOL), col("rolcreatedb", DataType.BOOL),
            col("rolcanlogin", DataType.BOOL), col("rolreplication", DataType.BOOL), col("rolbypassrls", DataType.BOOL),
            col("rolconnlimit", DataType.INT4), col("rolpassword", DataType.TEXT),
            col("rolvaliduntil", DataType.TIMESTAMPTZ))),
    PG_DATABASE(1262, "pg_database", List.of(
            col("oid", DataType.OID), col("datname", DataType.NAME), col("datdba", DataType.OID),
            col("encoding", DataType.INT4), col("datlocprovider", DataType.CHAR), col("datistemplate", DataType.BOOL),
            col("datallowconn", DataType.BOOL), col("datconnlimit", DataType.INT4), col("datcollate", DataType.TEXT),
            col("datctype", DataType.TEXT))),
    PG_ATTRDEF(2604, "pg_attrdef", List.of(
            col("oid", DataType.OID), col("adrelid", DataType.OID), col("adnum", DataType.INT2),
            col("adbin", DataType.TEXT))),
    /**
     * Constraints: CHECK ('c'), PRIMARY KEY ('p'), UNIQUE ('u') and FOREIGN KEY ('f'). PostgreSQL's conkey,
     * confkey and confdelsetcols are int2[]; they are
     * stored as text in the array's text form ("{1,3}", null when no column is involved), and conbin holds
     * a CHECK expression as SQL text rather than a node tree (as pg_attrdef.adbin does here).
     */
    PG_CONSTRAINT(2606, "pg_constraint", List.of(
            col("oid", DataType.OID), col("conname", DataType.NAME), col("connamespace", DataType.OID),
            col("contype", DataType.CHAR), col("condeferrable", DataType.BOOL), col("condeferred", DataType.BOOL),
            col("convalidated", DataType.BOOL), col("conrelid", DataType.OID), col("contypid", DataType.OID),
            col("conindid", DataType.OID), col("conparentid", DataType.OID), col("confrelid", DataType.OID),
            col("confupdtype", DataType.CHAR), col("confdeltype", DataType.CHAR), col("confmatchtype", DataType.CHAR),
            col("conislocal", DataType.BOOL), col("coninhcount", DataType.INT2), col("connoinherit", DataType.BOOL),
            col("conkey", DataType.TEXT), col("confkey", DataType.TEXT), col("confdelsetcols", DataType.TEXT),
            col("conbin", DataType.TEXT))),
    /**
     * Indexes. PostgreSQL's indkey and indoption are int2vector; until LarchDB has array types they are
     * stored as text in int2vector's text form ("1 3").
     */
    PG_INDEX(2610, "pg_index", List.of(
            col("indexrelid", DataType.OID), col("indrelid", DataType.OID), col("indnatts", DataType.INT2),
            col("indnkeyatts", DataType.INT2), col("indisunique", DataType.BOOL), col("indisprimary", DataType.BOOL),
            col("indisvalid", DataType.BOOL), col("indkey", DataType.TEXT), col("indoption", DataType.TEXT))),
    /** Sequence parameters, one row per sequence (the current value lives in the sequence's own heap). */
    PG_SEQUENCE(2224, "pg_sequence", List.of(
            col("seqrelid", DataType.OID), col("seqtypid", DataType.OID), col("seqstart", DataType.INT8),
            col("seqincrement", DataType.INT8), col("seqmax", DataType.INT8), col("seqmin", DataType.INT8),
            col("seqcache", DataType.INT8), col("seqcycle", DataType.BOOL))),
    /**
     * Dependencies; so far only a sequence's on the column that owns it (serial: deptype 'a', identity:
     * 'i'), so DROP TABLE drops it and DROP SEQUENCE refuses.
     */
    PG_DEPEND(2608, "pg_depend", List.of(
            col("classid", DataType.OID), col("objid", DataType.OID), col("objsubid", DataType.INT4),
            col("refclassid", DataType.OID), col("refobjid", DataType.OID), col("refobjsubid", DataType.INT4),
            col("deptype", DataType.CHAR))),
    /** Comments (COMMENT ON): objsubid is the column number for a column's comment, else 0. */
    PG_DESCRIPTION(2609, "pg_description", List.of(
            col("objoid", DataType.OID), col("classoid", DataType.OID), col("objsubid", DataType.INT4),
            col("description", DataType.TEXT))),
    PG_NAMESPACE(2615, "pg_namespace", List.of(
            col("oid", DataType.OID), col("nspname", DataType.NAME), col("nspowner", DataType.OID))),
    /**
     * Rewrite rules; so far only views' {@code _RETURN} rules (ev_type '1' SELECT, is_instead). PostgreSQL's
     * ev_qual and ev_action are node trees; ev_action holds the view's query as SQL text here, analyzed again
     * wherever the view is read.
     */
    PG_REWRITE(2618, "pg_rewrite", List.of(
            col("oid", DataType.OID), col("rulename", DataType.NAME), col("ev_class", DataType.OID),
            col("ev_type", DataType.CHAR), col("ev_enabled", DataType.CHAR), col("is_instead", DataType.BOOL),
            col("ev_qual", DataType.TEXT), col("ev_action", DataType.TEXT)));

    private final int oid;
    private final String relname;
    private final List<SystemColumn> columns;

    SystemTable(int oid, String relname, List<SystemColumn> columns) {
        this.oid = oid;
        this.relname = relname;
        this.columns = columns;
    }

    private static SystemColumn col(String name, DataType type) {
        return new SystemColumn(name, type);
    }

    public int oid() {
        return oid;
    }

    public String relname() {
        return relname;
    }

    public List<SystemColumn> columns() {
        return columns;
    }

    public DataType[] columnTypes() {
        return columns.stream().map(SystemColumn::type).toArray(DataType[]::new);
    }

    /** Position of a column by name (catalog code uses it once, to build its constants). */
    public int column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(relname + " has no column " + name);
    }
}
