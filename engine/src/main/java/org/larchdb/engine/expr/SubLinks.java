package org.larchdb.engine.expr;

import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** Evaluates {@link Expr.SubLink}s with SQL's semantics (NULLs make ANY/ALL unknown, not false). */
final class SubLinks {
    private SubLinks() {
    }

    static Object eval(Expr.SubLink link, Object[] row, EvalContext ctx) {
        Object test = link.test() == null ? null : Evaluator.eval(link.test(), row, ctx);
        try (Subquery.Rows rows = link.subquery().open(ctx, row)) {
            return switch (link.kind()) {
                case EXISTS -> rows.next() != null;
                case SCALAR -> {
                    Object[] first = rows.next();
                    if (first != null && rows.next() != null) {
                        throw new DbException(SqlState.CARDINALITY_VIOLATION,
                                "more than one row returned by a subquery used as an expression");
                    }
                    yield first == null ? null : first[0];
                }
                case ANY, ALL -> quantified(link, test, rows, ctx);
            };
        }
    }

    private static Object quantified(Expr.SubLink link, Object test, Subquery.Rows rows, EvalContext ctx) {
        boolean any = link.kind() == SubLinkKind.ANY;
        boolean sawNull = false;
        Object[] pair = new Object[2];
        pair[0] = test;
        Object[] r;
        while ((r = rows.next()) != null) {
            pair[1] = r[0];
            Object result = Evaluator.eval(link.comparison(), pair, ctx);
            if (result == null) {
                sawNull = true;
            } else if ((Boolean) result == any) {
                return any;
            }
        }
        return sawNull ? null : !any;
    }
}
