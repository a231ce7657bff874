package org.larchdb.engine.plan;

import org.larchdb.engine.error.DbException;
import org.larchdb.engine.exec.CorrelatedContext;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.expr.EvalContext;
import org.larchdb.engine.expr.Subquery;

/** A subquery of an expression, run from its plan for each evaluation (correlated or not). */
public record SubqueryPlan(PlanNode plan) implements Subquery {

    @Override
    public Rows open(EvalContext ctx, Object[] outerRow) {
        if (!(ctx instanceof ExecContext exec)) {
            // Expressions evaluated outside a running statement (defaults, constants) cannot read tables.
            throw DbException.notSupported("subquery in this context");
        }
        RowSource rows = plan.open(new CorrelatedContext(exec, outerRow));
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
