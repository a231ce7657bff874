package org.larchdb.engine.types;

/**
 * A resolved operator: the argument types its implementation expects (the analyzer casts the
 * operands to them), the result type, and the implementation over non-null values
 * (strict operators: a NULL operand gives NULL without calling {@link #apply}).
 */
public record Operator(String name, DataType left, DataType right, DataType result, Impl impl) {

    /** The function behind an operator; throws DbException (22003, 22012...) on failure. */
    @FunctionalInterface
    public interface Impl {
        Object apply(Object left, Object right);
    }

    public Object apply(Object leftValue, Object rightValue) {
        return impl.apply(leftValue, rightValue);
    }
}
