package org.larchdb.engine.types;

import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** The errors of the type functions, worded exactly as PostgreSQL's, in one place so every codec says the same thing. */
final class TypeErrors {
    private TypeErrors() {
    }

    static DbException invalidSyntax(String typeName, String text) {
        return new DbException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    static DbException outOfRangeForType(String text, String typeName) {
        return new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + text + "\" is out of range for type " + typeName);
    }

    /** "integer out of range", "smallint out of range", "bigint out of range". */
    static DbException outOfRange(String what) {
        return new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, what + " out of range");
    }

    static DbException floatOverflow() {
        return new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }

    static DbException floatUnderflow() {
        return new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
    }

    static DbException divisionByZero() {
        return new DbException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    static DbException datetimeSyntax(String typeName, String text) {
        return new DbException(SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    static DbException datetimeFieldOverflow(String text) {
        return new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
    }

    static DbException binaryFormat() {
        return new DbException(SqlState.INVALID_BINARY_REPRESENTATION, "incorrect binary data format");
    }

    static DbException insufficientData() {
        return new DbException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
    }

    static DbException tooLong(DataType type) {
        String name = type.type() == PgType.VARCHAR ? "character varying" : "character";
        return new DbException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                "value too long for type " + name + "(" + type.length() + ")");
    }
}
