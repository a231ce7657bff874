package org.larchdb.engine.error;

/**
 * The SQLSTATE codes LarchDB reports, with PostgreSQL's condition names. Add codes here as
 * features need them; the five-character code is what clients see.
 */
public enum SqlState {
    SUCCESSFUL_COMPLETION("00000"),
    WARNING("01000"),
    // Class 08 — connection exception
    CONNECTION_EXCEPTION("08000"),
    CONNECTION_FAILURE("08006"),
    PROTOCOL_VIOLATION("08P01"),
    // Class 0A — feature not supported
    FEATURE_NOT_SUPPORTED("0A000"),
    // Class 21 / 22 — cardinality and data exceptions
    CARDINALITY_VIOLATION("21000"),
    DATA_EXCEPTION("22000"),
    STRING_DATA_RIGHT_TRUNCATION("22001"),
    NUMERIC_VALUE_OUT_OF_RANGE("22003"),
    NULL_VALUE_NOT_ALLOWED("22004"),
    INVALID_DATETIME_FORMAT("22007"),
    DATETIME_FIELD_OVERFLOW("22008"),
    INVALID_PARAMETER_VALUE("22023"),
    INVALID_ROW_COUNT_IN_LIMIT_CLAUSE("2201W"),
    INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE("2201X"),
    DIVISION_BY_ZERO("22012"),
    INVALID_PRECEDING_OR_FOLLOWING_SIZE("22013"),
    INVALID_ARGUMENT_FOR_NTILE("22014"),
    INVALID_ARGUMENT_FOR_NTH_VALUE("22016"),
    SUBSTRING_ERROR("22011"),
    INVALID_ARGUMENT_FOR_LOGARITHM("2201E"),
    INVALID_ARGUMENT_FOR_POWER_FUNCTION("2201F"),
    INVALID_REGULAR_EXPRESSION("2201B"),
    INVALID_ESCAPE_SEQUENCE("22025"),
    INVALID_TEXT_REPRESENTATION("22P02"),
    INVALID_BINARY_REPRESENTATION("22P03"),
    CHARACTER_NOT_IN_REPERTOIRE("22021"),
    // Class 23 — integrity constraint violation
    NOT_NULL_VIOLATION("23502"),
    FOREIGN_KEY_VIOLATION("23503"),
    UNIQUE_VIOLATION("23505"),
    CHECK_VIOLATION("23514"),
    // Class 2B — dependent objects
    DEPENDENT_OBJECTS_STILL_EXIST("2BP01"),
    // Class 25 — invalid transaction state
    ACTIVE_SQL_TRANSACTION("25001"),
    NO_ACTIVE_SQL_TRANSACTION("25P01"),
    IN_FAILED_SQL_TRANSACTION("25P02"),
    READ_ONLY_SQL_TRANSACTION("25006"),
    // Class 26 / 28 — statements and authorization
    INVALID_SQL_STATEMENT_NAME("26000"),
    INVALID_AUTHORIZATION_SPECIFICATION("28000"),
    INVALID_PASSWORD("28P01"),
    // Class 34 — invalid cursor name (unknown portal)
    INVALID_CURSOR_NAME("34000"),
    // Class 3D / 3F — catalog and schema names
    INVALID_CATALOG_NAME("3D000"),
    INVALID_SCHEMA_NAME("3F000"),
    // Class 40 — transaction rollback
    SERIALIZATION_FAILURE("40001"),
    DEADLOCK_DETECTED("40P01"),
    // Class 42 — syntax error or access rule violation
    SYNTAX_ERROR("42601"),
    INSUFFICIENT_PRIVILEGE("42501"),
    CANNOT_COERCE("42846"),
    GROUPING_ERROR("42803"),
    WINDOWING_ERROR("42P20"),
    UNDEFINED_FUNCTION("42883"),
    UNDEFINED_COLUMN("42703"),
    UNDEFINED_TABLE("42P01"),
    UNDEFINED_PARAMETER("42P02"),
    UNDEFINED_OBJECT("42704"),
    DUPLICATE_COLUMN("42701"),
    DUPLICATE_TABLE("42P07"),
    DUPLICATE_OBJECT("42710"),
    DUPLICATE_ALIAS("42712"),
    DUPLICATE_PREPARED_STATEMENT("42P05"),
    DUPLICATE_CURSOR("42P03"),
    AMBIGUOUS_COLUMN("42702"),
    AMBIGUOUS_FUNCTION("42725"),
    DATATYPE_MISMATCH("42804"),
    INDETERMINATE_DATATYPE("42P18"),
    INVALID_COLUMN_REFERENCE("42P10"),
    INVALID_TABLE_DEFINITION("42P16"),
    WRONG_OBJECT_TYPE("42809"),
    INVALID_NAME("42602"),
    NAME_TOO_LONG("42622"),
    RESERVED_NAME("42939"),
    // Class 53 / 54 / 55 / 57 — resources and operator intervention
    TOO_MANY_CONNECTIONS("53300"),
    PROGRAM_LIMIT_EXCEEDED("54000"),
    OBJECT_IN_USE("55006"),
    CANT_CHANGE_RUNTIME_PARAM("55P02"),
    LOCK_NOT_AVAILABLE("55P03"),
    QUERY_CANCELED("57014"),
    ADMIN_SHUTDOWN("57P01"),
    // Class 58 / XX — system and internal errors
    IO_ERROR("58030"),
    INTERNAL_ERROR("XX000"),
    DATA_CORRUPTED("XX001"),
    INDEX_CORRUPTED("XX002");

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    /** The five-character SQLSTATE code. */
    public String code() {
        return code;
    }

    /** The two-character class, as used for metrics ("22", "42", ...). */
    public String sqlClass() {
        return code.substring(0, 2);
    }
}
