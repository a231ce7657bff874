package org.larchdb.engine.exec;

import java.util.List;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.ValuesNode;

/** Runs a {@link ValuesNode}: evaluates one row of expressions per call. */
public final class ValuesExec implements RowSource {
    private static final Object[] EMPTY = new Object[0];
    private final ValuesNode node;
    private final ExecContext ctx;
    private int next;

    public ValuesExec(ValuesNode node, ExecContext ctx) {
        this.node = node;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (next >= node.rows().size()) {
            return null;
        }
        List<Expr> exprs = node.rows().get(next++);
        Object[] row = new Object[exprs.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = Evaluator.eval(exprs.get(i), EMPTY, ctx);
        }
        return row;
    }

    @Override
    public void close() {
    }
}
