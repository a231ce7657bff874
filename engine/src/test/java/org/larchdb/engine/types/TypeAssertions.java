package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.larchdb.engine.error.DbException;

/** Shared helpers: the expected strings in these tests were taken from PostgreSQL 15 (pg-ref). */
final class TypeAssertions {
    private TypeAssertions() {
    }

    static final TextFormat UTC = TextFormat.DEFAULT;

    static DbException assertError(String code, String message, Executable e) {
        DbException ex = assertThrows(DbException.class, e);
        assertEquals(message, ex.getMessage());
        assertEquals(code, ex.state().code(), () -> "SQLSTATE of " + message);
        return ex;
    }

    /** text in, PostgreSQL's output text back. */
    static String io(String text, DataType type) {
        return TextCodec.format(TextCodec.parse(text, type, UTC), type, UTC);
    }

    static Object parse(String text, DataType type) {
        return TextCodec.parse(text, type, UTC);
    }
}
