package org.larchdb.engine.types;

import java.time.ZoneId;

/** PostgreSQL's text input and output functions for every {@link PgType}. */
public final class TextCodec {
    private TextCodec() {
    }

    /**
     * Parses the text form of a value (the type's input function), applying the type modifier
     * (varchar length check with 22001, numeric rounding to scale and precision check with 22003).
     * Timestamptz text without an offset is read in {@code timeZone}.
     *
     * @throws org.larchdb.engine.error.DbException 22P02 / 22007 / 22008 / 22003 with PostgreSQL's messages,
     *         e.g. {@code invalid input syntax for type integer: "abc"}
     */
    public static Object parse(String text, DataType type, ZoneId timeZone) {
        throw new UnsupportedOperationException("filled in by the types work");
    }

    /** Formats a non-null value as PostgreSQL's output function does (DateStyle ISO, bytea hex). */
    public static String format(Object value, DataType type, ZoneId timeZone) {
        throw new UnsupportedOperationException("filled in by the types work");
    }
}
