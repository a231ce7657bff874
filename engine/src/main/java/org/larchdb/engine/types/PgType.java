package org.larchdb.engine.types;

/**
 * The base SQL types LarchDB knows, with PostgreSQL's type OIDs, names and storage lengths.
 *
 * <p>Java representation of a non-null value of each type (SQL NULL is Java {@code null}):
 * <ul>
 *   <li>BOOL → {@link Boolean}; INT2 → {@link Short}; INT4 → {@link Integer}; INT8 → {@link Long}</li>
 *   <li>FLOAT4 → {@link Float}; FLOAT8 → {@link Double}; NUMERIC → {@link java.math.BigDecimal}, or for NaN,
 *       Infinity and -Infinity the {@link NumericSpecial} constants (so NUMERIC code takes {@code Object})</li>
 *   <li>TEXT, VARCHAR, BPCHAR, NAME, CHAR → {@link String} (BPCHAR values are stored padded to their length)</li>
 *   <li>BYTEA → {@code byte[]}; UUID → {@link java.util.UUID}; OID → {@link Long} (unsigned 32-bit)</li>
 *   <li>DATE → {@link java.time.LocalDate}; TIMESTAMP → {@link java.time.LocalDateTime};
 *       TIMESTAMPTZ → {@link java.time.Instant}. 'infinity' and '-infinity' are the sentinels
 *       {@code LocalDate.MAX/MIN}, {@code LocalDateTime.MAX/MIN}, {@code Instant.MAX/MIN}: they lie outside
 *       PostgreSQL's ranges, so they compare above/below every finite value as PostgreSQL's do; they are written
 *       as PostgreSQL writes them (the largest/smallest int32 day or int64 microsecond) in binary and on pages.
 *       Input of 'now', 'today', 'tomorrow', 'yesterday' reads the system clock when the text is parsed.</li>
 *   <li>TIME → {@link java.time.LocalTime} ('24:00:00' is {@code LocalTime.MAX}); TIMETZ →
 *       {@link java.time.OffsetTime}; INTERVAL → {@link Interval} (months, days, microseconds)</li>
 *   <li>JSON → {@link String} (the text as written, validated); JSONB → {@link Jsonb} (normalized)</li>
 *   <li>arrays (the *_ARRAY constants) → {@link ArrayValue}, elements in the element type's representation</li>
 *   <li>UNKNOWN (untyped string literals and parameters before resolution) → {@link String}</li>
 * </ul>
 */
public enum PgType {
    BOOL(16, "bool", "boolean", 1, 1000, Category.BOOLEAN),
    BYTEA(17, "bytea", "bytea", -1, 1001, Category.USER),
    CHAR(18, "char", "\"char\"", 1, 1002, Category.STRING),
    NAME(19, "name", "name", 64, 1003, Category.STRING),
    INT8(20, "int8", "bigint", 8, 1016, Category.NUMERIC),
    INT2(21, "int2", "smallint", 2, 1005, Category.NUMERIC),
    INT4(23, "int4", "integer", 4, 1007, Category.NUMERIC),
    TEXT(25, "text", "text", -1, 1009, Category.STRING),
    OID(26, "oid", "oid", 4, 1028, Category.NUMERIC),
    FLOAT4(700, "float4", "real", 4, 1021, Category.NUMERIC),
    FLOAT8(701, "float8", "double precision", 8, 1022, Category.NUMERIC),
    UNKNOWN(705, "unknown", "unknown", -2, 0, Category.UNKNOWN),
    BPCHAR(1042, "bpchar", "character", -1, 1014, Category.STRING),
    VARCHAR(1043, "varchar", "character varying", -1, 1015, Category.STRING),
    DATE(1082, "date", "date", 4, 1182, Category.DATETIME),
    TIME(1083, "time", "time without time zone", 8, 1183, Category.DATETIME),
    TIMESTAMP(1114, "timestamp", "timestamp without time zone", 8, 1115, Category.DATETIME),
    TIMESTAMPTZ(1184, "timestamptz", "timestamp with time zone", 8, 1185, Category.DATETIME),
    INTERVAL(1186, "interval", "interval", 16, 1187, Category.TIMESPAN),
    TIMETZ(1266, "timetz", "time with time zone", 12, 1270, Category.DATETIME),
    NUMERIC(1700, "numeric", "numeric", -1, 1231, Category.NUMERIC),
    UUID(2950, "uuid", "uuid", 16, 2951, Category.USER),
    JSON(114, "json", "json", -1, 199, Category.USER),
    JSONB(3802, "jsonb", "jsonb", -1, 3807, Category.USER),
    // Arrays (typcategory 'A'): values are ArrayValue; the element type is the type whose arrayOid is this OID.
    BOOL_ARRAY(1000, "_bool", "boolean[]", -1, 0, Category.ARRAY),
    BYTEA_ARRAY(1001, "_bytea", "bytea[]", -1, 0, Category.ARRAY),
    NAME_ARRAY(1003, "_name", "name[]", -1, 0, Category.ARRAY),
    INT2_ARRAY(1005, "_int2", "smallint[]", -1, 0, Category.ARRAY),
    INT4_ARRAY(1007, "_int4", "integer[]", -1, 0, Category.ARRAY),
    TEXT_ARRAY(1009, "_text", "text[]", -1, 0, Category.ARRAY),
    BPCHAR_ARRAY(1014, "_bpchar", "character[]", -1, 0, Category.ARRAY),
    VARCHAR_ARRAY(1015, "_varchar", "character varying[]", -1, 0, Category.ARRAY),
    INT8_ARRAY(1016, "_int8", "bigint[]", -1, 0, Category.ARRAY),
    FLOAT4_ARRAY(1021, "_float4", "real[]", -1, 0, Category.ARRAY),
    FLOAT8_ARRAY(1022, "_float8", "double precision[]", -1, 0, Category.ARRAY),
    TIMESTAMP_ARRAY(1115, "_timestamp", "timestamp without time zone[]", -1, 0, Category.ARRAY),
    DATE_ARRAY(1182, "_date", "date[]", -1, 0, Category.ARRAY),
    TIMESTAMPTZ_ARRAY(1185, "_timestamptz", "timestamp with time zone[]", -1, 0, Category.ARRAY),
    NUMERIC_ARRAY(1231, "_numeric", "numeric[]", -1, 0, Category.ARRAY),
    UUID_ARRAY(2951, "_uuid", "uuid[]", -1, 0, Category.ARRAY),
    JSON_ARRAY(199, "_json", "json[]", -1, 0, Category.ARRAY),
    JSONB_ARRAY(3807, "_jsonb", "jsonb[]", -1, 0, Category.ARRAY);

    /** PostgreSQL's typcategory, used by type resolution rules. */
    public enum Category { BOOLEAN, NUMERIC, STRING, DATETIME, TIMESPAN, USER, ARRAY, UNKNOWN }

    private final int oid;
    private final String typname;
    private final String sqlName;
    private final int typlen;
    private final int arrayOid;
    private final Category category;

    PgType(int oid, String typname, String sqlName, int typlen, int arrayOid, Category category) {
        this.oid = oid;
        this.typname = typname;
        this.sqlName = sqlName;
        this.typlen = typlen;
        this.arrayOid = arrayOid;
        this.category = category;
    }

    /** The type's OID in pg_type, as sent in RowDescription and ParameterDescription. */
    public int oid() {
        return oid;
    }

    /** The pg_type.typname ("int4"). */
    public String typname() {
        return typname;
    }

    /** The SQL-standard name as format_type prints it ("integer"). */
    public String sqlName() {
        return sqlName;
    }

    /** pg_type.typlen: the fixed size in bytes, -1 for varlena, -2 for C strings. */
    public int typlen() {
        return typlen;
    }

    /** OID of the array type over this type, 0 if none. */
    public int arrayOid() {
        return arrayOid;
    }

    public Category category() {
        return category;
    }

    public boolean isArray() {
        return category == Category.ARRAY;
    }

    /** For an array type, its element type; null otherwise. */
    public PgType element() {
        if (category != Category.ARRAY) {
            return null;
        }
        for (PgType t : values()) {
            if (t.arrayOid == oid) {
                return t;
            }
        }
        return null;
    }

    /** The array type over this type, or null when LarchDB has none (arrays of arrays are the same type). */
    public PgType arrayType() {
        return category == Category.ARRAY ? this : arrayOid == 0 ? null : byOid(arrayOid);
    }

    public boolean isNumeric() {
        return category == Category.NUMERIC && this != OID;
    }

    public boolean isString() {
        return category == Category.STRING;
    }

    /** The type with the given OID, or null when LarchDB does not know it. */
    public static PgType byOid(int oid) {
        for (PgType t : values()) {
            if (t.oid == oid) {
                return t;
            }
        }
        return null;
    }
}
