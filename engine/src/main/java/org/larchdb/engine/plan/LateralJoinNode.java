package org.larchdb.engine.plan;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.LateralJoinExec;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/**
 * A join whose right input is a LATERAL subquery: the right plan reads the current left row through
 * outer references (levels up 1), so it runs again for every left row. INNER or LEFT only, as in PostgreSQL.
 */
public record LateralJoinNode(PlanNode left, PlanNode right, JoinType joinType, Expr condition) implements PlanNode {

    @Override
    public List<DataType> outputTypes() {
        List<DataType> types = new ArrayList<>(left.outputTypes());
        types.addAll(right.outputTypes());
        return types;
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new LateralJoinExec(this, left.open(ctx), ctx);
    }

    @Override
    public String describe() {
        return "Nested Loop " + joinType + " (lateral)";
    }
}
