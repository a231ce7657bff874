package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.plan.JoinType;
import org.larchdb.engine.plan.NestedLoopJoinNode;

/** Runs a nested-loop join over a materialised right input. */
public final class NestedLoopJoinExec implements RowSource {
    private final NestedLoopJoinNode node;
    private final RowSource left;
    private final RowSource right;
    private final ExecContext ctx;
    private final int rightWidth;
    private List<Object[]> rightRows;
    private Object[] leftRow;
    private int rightPos;
    private boolean matched;
    /** FULL joins: which right rows some left row matched, and the next one to check once the left ends. */
    private boolean[] rightMatched;
    private int unmatchedPos;

    public NestedLoopJoinExec(NestedLoopJoinNode node, RowSource left, RowSource right, ExecContext ctx) {
        this.node = node;
        this.left = left;
        this.right = right;
        this.ctx = ctx;
        this.rightWidth = node.right().outputTypes().size();
    }

    @Override
    public Object[] next() {
        if (rightRows == null) {
            rightRows = new ArrayList<>();
            Object[] r;
            while ((r = right.next()) != null) {
                rightRows.add(r);
            }
            rightMatched = new boolean[rightRows.size()];
        }
        while (true) {
            if (leftRow == null) {
                leftRow = left.next();
                if (leftRow == null) {
                    return node.joinType() == JoinType.FULL ? nextUnmatchedRight() : null;
                }
                rightPos = 0;
                matched = false;
            }
            while (rightPos < rightRows.size()) {
                Object[] joined = concat(leftRow, rightRows.get(rightPos++));
                if (node.condition() == null || Evaluator.test(node.condition(), joined, ctx)) {
                    matched = true;
                    rightMatched[rightPos - 1] = true;
                    return joined;
                }
            }
            Object[] unmatched = leftRow;
            leftRow = null;
            if (!matched && node.joinType() != JoinType.INNER) {
                return concat(unmatched, new Object[rightWidth]);
            }
        }
    }

    private Object[] nextUnmatchedRight() {
        int leftWidth = node.left().outputTypes().size();
        while (unmatchedPos < rightRows.size()) {
            int i = unmatchedPos++;
            if (!rightMatched[i]) {
                return concat(new Object[leftWidth], rightRows.get(i));
            }
        }
        return null;
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = new Object[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }
}
