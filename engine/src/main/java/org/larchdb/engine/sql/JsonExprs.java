package org.larchdb.engine.sql;

import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JsonExpression;
import org.larchdb.engine.expr.Expr;

/** The {@code ->} and {@code ->>} chains JSqlParser gives as one JsonExpression, bound left to right. */
final class JsonExprs {
    private JsonExprs() {
    }

    static Expr arrows(ExprBinder binder, JsonExpression j) {
        Expr current = binder.bind(j.getExpression());
        for (Map.Entry<Expression, String> step : j.getIdentList()) {
            current = binder.applyOperator(step.getValue(), current, binder.bind(step.getKey()));
        }
        return current;
    }
}
