package org.larchdb.engine.expr;

/** The implementation of a scalar function; {@code strict} ones return NULL for a NULL argument without being called. */
public record ScalarFunction(String name, boolean strict, Impl impl) {

    @FunctionalInterface
    public interface Impl {
        Object apply(Object[] args, EvalContext context);
    }
}
