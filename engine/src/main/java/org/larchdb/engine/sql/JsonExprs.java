package org.larchdb.engine.sql;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import org.larchdb.engine.expr.Expr;

/**
 * The {@code ->} and {@code ->>} chains JSqlParser gives as one JsonExpression, bound left to right.
 * JSqlParser nests a chain whose key is not a plain string literal ({@code j -> 'a' -> 1} arrives as
 * {@code j -> ('a' -> 1)}) and lets a trailing comparison into the last key ({@code j -> 'a' = x} arrives as
 * {@code j -> ('a' = x)}); both are undone here so the operators bind as in PostgreSQL.
 */
final class JsonExprs {
    private JsonExprs() {
    }

    static Expr arrows(ExprBinder binder, JsonExpression j) {
        List<Map.Entry<Expression, String>> steps = new ArrayList<>();
        flatten(j.getIdentList(), steps);
        ComparisonOperator trailing = null;
        Map.Entry<Expression, String> last = steps.get(steps.size() - 1);
        if (last.getKey() instanceof ComparisonOperator cmp) {
            trailing = cmp;
            steps.set(steps.size() - 1, new AbstractMap.SimpleEntry<>(cmp.getLeftExpression(), last.getValue()));
            List<Map.Entry<Expression, String>> reflattened = new ArrayList<>();
            flatten(steps, reflattened);
            steps = reflattened;
        }
        Expr current = binder.bind(j.getExpression());
        for (Map.Entry<Expression, String> step : steps) {
            current = binder.applyOperator(step.getValue(), current, binder.bind(step.getKey()));
        }
        if (trailing != null) {
            String op = trailing.getStringExpression().equals("!=") ? "<>" : trailing.getStringExpression();
            current = binder.applyOperator(op, current, binder.bind(trailing.getRightExpression()));
        }
        return current;
    }

    private static void flatten(List<Map.Entry<Expression, String>> in, List<Map.Entry<Expression, String>> out) {
        for (Map.Entry<Expression, String> step : in) {
            if (step.getKey() instanceof JsonExpression nested && isArrowChain(nested)) {
                out.add(new AbstractMap.SimpleEntry<>(nested.getExpression(), step.getValue()));
                flatten(nested.getIdentList(), out);
            } else {
                out.add(step);
            }
        }
    }

    private static boolean isArrowChain(JsonExpression j) {
        return j.getIdentList().stream().allMatch(s -> s.getValue().equals("->") || s.getValue().equals("->>"));
    }

    /** {@code lo:hi} inside brackets, which JSqlParser reads as a JsonExpression with the operator ":"; else null. */
    static Expression[] sliceBounds(Expression index) {
        if (index instanceof JsonExpression j && j.getIdentList().size() == 1
                && j.getIdentList().get(0).getValue().equals(":")) {
            return new Expression[] {j.getExpression(), j.getIdentList().get(0).getKey()};
        }
        if (index instanceof net.sf.jsqlparser.expression.NumericBind n) {
            // [:n] reads as a numbered bind variable
            return new Expression[] {null, new net.sf.jsqlparser.expression.LongValue(n.getBindId())};
        }
        return null;
    }
}
