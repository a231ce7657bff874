package org.larchdb.engine.exec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.larchdb.engine.plan.SetOperationNode;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Runs a {@link SetOperationNode}. UNION streams both inputs (remembering rows seen unless ALL);
 * INTERSECT and EXCEPT first count the right input's rows, then stream the left one against the counts.
 */
public final class SetOperationExec implements RowSource {
    private final SetOperationNode node;
    private final RowSource left;
    private final RowSource right;
    private final PgType[] types;
    private final Set<GroupKey> emitted = new HashSet<>();
    private Map<GroupKey, long[]> rightCounts;
    private boolean leftDone;

    public SetOperationExec(SetOperationNode node, RowSource left, RowSource right) {
        this.node = node;
        this.left = left;
        this.right = right;
        this.types = node.outputTypes().stream().map(DataType::type).toArray(PgType[]::new);
    }

    @Override
    public Object[] next() {
        return node.kind() == SetOperationNode.Kind.UNION ? nextUnion() : nextIntersectOrExcept();
    }

    private Object[] nextUnion() {
        Object[] row;
        while (!leftDone) {
            row = left.next();
            if (row == null) {
                leftDone = true;
                break;
            }
            if (node.all() || emitted.add(new GroupKey(row, types))) {
                return row;
            }
        }
        while ((row = right.next()) != null) {
            if (node.all() || emitted.add(new GroupKey(row, types))) {
                return row;
            }
        }
        return null;
    }

    private Object[] nextIntersectOrExcept() {
        if (rightCounts == null) {
            rightCounts = new HashMap<>();
            Object[] row;
            while ((row = right.next()) != null) {
                rightCounts.computeIfAbsent(new GroupKey(row, types), k -> new long[1])[0]++;
            }
        }
        boolean intersect = node.kind() == SetOperationNode.Kind.INTERSECT;
        Object[] row;
        while ((row = left.next()) != null) {
            GroupKey key = new GroupKey(row, types);
            long[] count = rightCounts.get(key);
            boolean inRight = count != null && count[0] > 0;
            if (node.all()) {
                if (inRight) {
                    count[0]--;
                }
                if (inRight == intersect) {
                    return row;
                }
            } else if (inRight == intersect && emitted.add(key)) {
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }
}
