package org.larchdb.engine.plan;

import org.larchdb.engine.error.DbException;
import org.larchdb.engine.exec.CorrelatedContext;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import java.util.List;
import org.larchdb.engine.expr.EvalContext;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.expr.Subquery;

/**
 * A subquery of an expression, run from its plan for each evaluation (correlated or not).
 * {@code outerRow}, when not null, builds the row the subquery's outer references read from the
 * enclosing query's current row: a grouped query's subquery sees its grouping columns where they
 * were in the input row, though the current row is the aggregate's output.
 */
public record SubqueryPlan(PlanNode plan, List<Expr> outerRow) implements Subquery {

    public SubqueryPlan(PlanNode plan) {
        this(plan, null);
    }

    @Override
    public Rows open(EvalContext ctx, Object[] currentRow) {
        if (!(ctx instanceof ExecContext exec)) {
            // Expressions evaluated outside a running statement (defaults, constants) cannot read tables.
            throw DbException.notSupported("subquery in this context");
        }
        Object[] outer = currentRow;
        if (this.outerRow != null) {
            outer = new Object[this.outerRow.size()];
            for (int i = 0; i < outer.length; i++) {
                outer[i] = Evaluator.eval(this.outerRow.get(i), currentRow, ctx);
            }
        }
        RowSource rows = plan.open(new CorrelatedContext(exec, outer));
        return new Rows() {
            @Override
            public Object[] next() {
                return rows.next();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }
}
