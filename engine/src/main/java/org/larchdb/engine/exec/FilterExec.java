package org.larchdb.engine.exec;

import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;

/** Runs a filter: skips rows whose predicate is not TRUE. */
public final class FilterExec implements RowSource {
    private final RowSource input;
    private final Expr predicate;
    private final ExecContext ctx;

    public FilterExec(RowSource input, Expr predicate, ExecContext ctx) {
        this.input = input;
        this.predicate = predicate;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        Object[] row;
        while ((row = input.next()) != null) {
            if (Evaluator.test(predicate, row, ctx)) {
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        input.close();
    }
}
