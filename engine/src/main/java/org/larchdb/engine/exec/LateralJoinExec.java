package org.larchdb.engine.exec;

import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.plan.JoinType;
import org.larchdb.engine.plan.LateralJoinNode;

/** Runs a {@link LateralJoinNode}: re-opens the right plan for each left row, with that row as its outer row. */
public final class LateralJoinExec implements RowSource {
    private final LateralJoinNode node;
    private final RowSource left;
    private final ExecContext ctx;
    private final int rightWidth;
    private Object[] leftRow;
    private RowSource right;
    private boolean matched;

    public LateralJoinExec(LateralJoinNode node, RowSource left, ExecContext ctx) {
        this.node = node;
        this.left = left;
        this.ctx = ctx;
        this.rightWidth = node.right().outputTypes().size();
    }

    @Override
    public Object[] next() {
        while (true) {
            if (right == null) {
                leftRow = left.next();
                if (leftRow == null) {
                    return null;
                }
                right = node.right().open(new CorrelatedContext(ctx, leftRow));
                matched = false;
            }
            Object[] r;
            while ((r = right.next()) != null) {
                Object[] joined = concat(leftRow, r);
                if (node.condition() == null || Evaluator.test(node.condition(), joined, ctx)) {
                    matched = true;
                    return joined;
                }
            }
            right.close();
            right = null;
            if (!matched && node.joinType() == JoinType.LEFT) {
                return concat(leftRow, new Object[rightWidth]);
            }
        }
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = new Object[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() {
        if (right != null) {
            right.close();
        }
        left.close();
    }
}
