package org.larchdb.engine.expr;

/**
 * A planned subquery an expression can run. Implemented by the planner (expressions do not know
 * plans); {@code open} runs it with {@code outerRow} as the current row of the enclosing query,
 * which its {@link Expr.OuterRef}s with levelsUp 1 read.
 */
public interface Subquery {

    Rows open(EvalContext ctx, Object[] outerRow);

    /** The rows of one run of the subquery; {@code next()} returns null at the end. */
    interface Rows extends AutoCloseable {
        Object[] next();

        @Override
        void close();
    }
}
