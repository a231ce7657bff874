package org.larchdb.engine.types;

import java.util.List;

/**
 * Operator and type resolution, following PostgreSQL's rules (typeconv): which operator a
 * {@code left op right} means, and the common type of a UNION/CASE/COALESCE/VALUES column.
 */
public final class Operators {
    private Operators() {
    }

    /**
     * Resolves a binary operator ({@code + - * / % = <> < > <= >= ||}) for the operand types.
     * UNKNOWN operands (untyped literals and parameters) take the other side's type, as in PostgreSQL.
     *
     * @throws org.larchdb.engine.error.DbException 42883 {@code operator does not exist: integer + boolean}
     *         with PostgreSQL's hint
     */
    public static Operator resolveBinary(String op, DataType left, DataType right) {
        throw new UnsupportedOperationException("filled in by the types work");
    }

    /** Resolves a prefix operator ({@code -} and {@code +}) for the operand type. */
    public static Operator resolvePrefix(String op, DataType operand) {
        throw new UnsupportedOperationException("filled in by the types work");
    }

    /**
     * The common type of several expressions (UNION, CASE, COALESCE, VALUES rows), PostgreSQL's
     * select_common_type: all UNKNOWN gives TEXT; otherwise the preferred type of the category.
     *
     * @param context what to name in the error, e.g. "UNION", "CASE", "COALESCE"
     * @throws org.larchdb.engine.error.DbException 42804 {@code UNION types integer and text cannot be matched}
     */
    public static DataType commonType(List<DataType> types, String context) {
        throw new UnsupportedOperationException("filled in by the types work");
    }
}
