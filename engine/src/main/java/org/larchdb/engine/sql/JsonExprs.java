package org.larchdb.engine.sql;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.SimilarToExpression;
import org.larchdb.engine.expr.Expr;

/**
 * The {@code ->}, {@code ->>}, {@code #>} and {@code #>>} chains JSqlParser gives as one JsonExpression, bound
 * left to right.
 * JSqlParser nests a chain whose key is not a plain string literal ({@code j -> 'a' -> 1} arrives as
 * {@code j -> ('a' -> 1)}) and lets a trailing comparison into the last key ({@code j -> 'a' = x} arrives as
 * {@code j -> ('a' = x)}, likewise AND, IS NULL, ||...); both are undone here so the operators bind as in PostgreSQL.
 */
final class JsonExprs {
    private JsonExprs() {
    }

    static Expr arrows(ExprBinder binder, JsonExpression j) {
        List<Map.Entry<Expression, String>> steps = new ArrayList<>();
        flatten(j.getIdentList(), steps);
        Map.Entry<Expression, String> last = steps.get(steps.size() - 1);
        if (bindsLooser(last.getKey())) {
            // The last key swallowed what follows (j #>> '{a}' = 'v' AND x arrives as j #>> ('{a}' = 'v' AND x)):
            // the chain becomes the leftmost operand of that expression, which is then bound instead.
            Expression outer = last.getKey();
            Expression holder = outer;
            while (bindsLooser(leftOperand(holder))) {
                holder = leftOperand(holder);
            }
            List<Map.Entry<Expression, String>> chain = new ArrayList<>(steps.subList(0, steps.size() - 1));
            chain.add(new AbstractMap.SimpleEntry<>(leftOperand(holder), last.getValue()));
            JsonExpression inner = new JsonExpression(j.getExpression());
            chain.forEach(step -> inner.addIdent(step.getKey(), step.getValue()));
            setLeftOperand(holder, inner);
            return binder.bind(outer);
        }
        Expr current = binder.bind(j.getExpression());
        for (Map.Entry<Expression, String> step : steps) {
            current = binder.applyOperator(step.getValue(), current, binder.bind(step.getKey()));
        }
        return current;
    }

    /**
     * Whether JSqlParser let an expression into the last key that binds looser than the json operators in
     * PostgreSQL: boolean and comparison forms, and the operators of the same level (left-associative: ||,
     * {@code @>}, {@code ?}...). Arithmetic binds tighter and stays in the key, as in PostgreSQL.
     */
    private static boolean bindsLooser(Expression e) {
        return e instanceof ComparisonOperator || e instanceof AndExpression || e instanceof OrExpression
                || e instanceof XorExpression || e instanceof Concat || e instanceof LikeExpression
                || e instanceof IsNullExpression || e instanceof IsBooleanExpression || e instanceof InExpression
                || e instanceof Between || e instanceof SimilarToExpression || e instanceof JsonOperator
                || e instanceof IsDistinctExpression;
    }

    private static Expression leftOperand(Expression e) {
        return switch (e) {
            case BinaryExpression b -> b.getLeftExpression();
            case IsNullExpression n -> n.getLeftExpression();
            case IsBooleanExpression n -> n.getLeftExpression();
            case InExpression n -> n.getLeftExpression();
            case Between n -> n.getLeftExpression();
            default -> null;
        };
    }

    private static void setLeftOperand(Expression e, Expression left) {
        switch (e) {
            case BinaryExpression b -> b.setLeftExpression(left);
            case IsNullExpression n -> n.setLeftExpression(left);
            case IsBooleanExpression n -> n.setLeftExpression(left);
            case InExpression n -> n.setLeftExpression(left);
            case Between n -> n.setLeftExpression(left);
            default -> throw new IllegalStateException("no left operand: " + e.getClass().getSimpleName());
        }
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
        return j.getIdentList().stream().allMatch(s -> s.getValue().equals("->") || s.getValue().equals("->>")
                || s.getValue().equals("#>") || s.getValue().equals("#>>"));
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
