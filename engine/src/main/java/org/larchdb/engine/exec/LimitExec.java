package org.larchdb.engine.exec;

import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;

/** Runs LIMIT/OFFSET: skips {@code offset} rows, then returns at most {@code limit}. */
public final class LimitExec implements RowSource {
    private static final Object[] EMPTY = new Object[0];
    private final RowSource input;
    private final long limit;
    private long toSkip;
    private long returned;

    public LimitExec(RowSource input, Expr limitExpr, Expr offsetExpr, ExecContext ctx) {
        this.input = input;
        Object l = limitExpr == null ? null : Evaluator.eval(limitExpr, EMPTY, ctx);
        Object o = offsetExpr == null ? null : Evaluator.eval(offsetExpr, EMPTY, ctx);
        this.limit = l == null ? Long.MAX_VALUE : ((Number) l).longValue();
        this.toSkip = o == null ? 0 : ((Number) o).longValue();
        if (limit < 0) {
            throw new DbException(SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE, "LIMIT must not be negative");
        }
        if (toSkip < 0) {
            throw new DbException(SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, "OFFSET must not be negative");
        }
    }

    @Override
    public Object[] next() {
        if (returned >= limit) {
            return null;
        }
        Object[] row;
        while (toSkip > 0) {
            if (input.next() == null) {
                return null;
            }
            toSkip--;
        }
        row = input.next();
        if (row != null) {
            returned++;
        }
        return row;
    }

    @Override
    public void close() {
        input.close();
    }
}
