package org.larchdb.engine.types;

/**
 * A base type with its type modifier, as stored in pg_attribute.atttypmod: -1 when absent;
 * for varchar(n)/char(n) it is n + 4; for numeric(p,s) it is ((p << 16) | s) + 4; for time(p)/timetz(p) it is
 * p — PostgreSQL's encodings,
 * so RowDescription and catalog queries report the same numbers.
 */
public record DataType(PgType type, int typmod) {

    public static final DataType BOOL = of(PgType.BOOL);
    public static final DataType INT2 = of(PgType.INT2);
    public static final DataType INT4 = of(PgType.INT4);
    public static final DataType INT8 = of(PgType.INT8);
    public static final DataType FLOAT4 = of(PgType.FLOAT4);
    public static final DataType FLOAT8 = of(PgType.FLOAT8);
    public static final DataType NUMERIC = of(PgType.NUMERIC);
    public static final DataType TEXT = of(PgType.TEXT);
    public static final DataType VARCHAR = of(PgType.VARCHAR);
    public static final DataType BPCHAR = of(PgType.BPCHAR);
    public static final DataType NAME = of(PgType.NAME);
    public static final DataType CHAR = of(PgType.CHAR);
    public static final DataType BYTEA = of(PgType.BYTEA);
    public static final DataType DATE = of(PgType.DATE);
    public static final DataType TIMESTAMP = of(PgType.TIMESTAMP);
    public static final DataType TIMESTAMPTZ = of(PgType.TIMESTAMPTZ);
    public static final DataType TIME = of(PgType.TIME);
    public static final DataType TIMETZ = of(PgType.TIMETZ);
    public static final DataType INTERVAL = of(PgType.INTERVAL);
    public static final DataType UUID = of(PgType.UUID);
    public static final DataType OID = of(PgType.OID);
    public static final DataType UNKNOWN = of(PgType.UNKNOWN);

    public static DataType of(PgType type) {
        return new DataType(type, -1);
    }

    public static DataType varchar(int length) {
        return new DataType(PgType.VARCHAR, length + 4);
    }

    public static DataType bpchar(int length) {
        return new DataType(PgType.BPCHAR, length + 4);
    }

    /** time(p) or timetz(p): p fractional digits of the seconds, 0..6. */
    public static DataType time(PgType type, int precision) {
        return new DataType(type, precision);
    }

    public static DataType numeric(int precision, int scale) {
        return new DataType(PgType.NUMERIC, ((precision << 16) | (scale & 0xffff)) + 4);
    }

    /** Declared length of varchar(n)/char(n), or -1. */
    public int length() {
        return (type == PgType.VARCHAR || type == PgType.BPCHAR) && typmod >= 4 ? typmod - 4 : -1;
    }

    /** Declared precision of numeric(p,s), or -1. */
    public int precision() {
        return type == PgType.NUMERIC && typmod >= 4 ? ((typmod - 4) >> 16) & 0xffff : -1;
    }

    /** Declared scale of numeric(p,s), or -1. */
    public int scale() {
        return type == PgType.NUMERIC && typmod >= 4 ? (short) ((typmod - 4) & 0xffff) : -1;
    }

    public int oid() {
        return type.oid();
    }

    /** The type as PostgreSQL's format_type prints it: "character varying(10)", "numeric(10,2)". */
    public String displayName() {
        if (type.isArray()) {
            return new DataType(type.element(), typmod).displayName() + "[]";
        }
        if (type == PgType.VARCHAR && length() >= 0) {
            return "character varying(" + length() + ")";
        }
        if (type == PgType.BPCHAR) {
            return length() >= 0 ? "character(" + length() + ")" : "bpchar";
        }
        if ((type == PgType.TIME || type == PgType.TIMETZ) && typmod >= 0) {
            return "time(" + typmod + ") with" + (type == PgType.TIME ? "out" : "") + " time zone";
        }
        if (type == PgType.NUMERIC && precision() >= 0) {
            return "numeric(" + precision() + "," + scale() + ")";
        }
        return type.sqlName();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
