package org.larchdb.engine.exec;

import java.util.List;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;

/** Runs a projection. */
public final class ProjectExec implements RowSource {
    private final RowSource input;
    private final Expr[] exprs;
    private final ExecContext ctx;

    public ProjectExec(RowSource input, List<Expr> exprs, ExecContext ctx) {
        this.input = input;
        this.exprs = exprs.toArray(Expr[]::new);
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        Object[] in = input.next();
        if (in == null) {
            return null;
        }
        Object[] out = new Object[exprs.length];
        for (int i = 0; i < exprs.length; i++) {
            out[i] = Evaluator.eval(exprs[i], in, ctx);
        }
        return out;
    }

    @Override
    public void close() {
        input.close();
    }
}
