package org.larchdb.engine.sql;

import java.util.List;
import java.util.Objects;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.Operator;

/**
 * Structural equality of bound expressions, as PostgreSQL's equal() on expression trees: an ORDER BY
 * or DISTINCT ON item "is" a select-list item when both bind to the same tree. Record equality is not
 * enough because a resolved {@link Operator} carries its implementation, which may be a fresh lambda.
 */
final class ExprMatch {
    private ExprMatch() {
    }

    static boolean same(Expr a, Expr b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        return switch (a) {
            case Expr.OpCall x -> b instanceof Expr.OpCall y && same(x.operator(), y.operator())
                    && same(x.left(), y.left()) && same(x.right(), y.right());
            case Expr.PrefixCall x -> b instanceof Expr.PrefixCall y && same(x.operator(), y.operator())
                    && same(x.operand(), y.operand());
            case Expr.And x -> b instanceof Expr.And y && same(x.args(), y.args());
            case Expr.Or x -> b instanceof Expr.Or y && same(x.args(), y.args());
            case Expr.Not x -> b instanceof Expr.Not y && same(x.arg(), y.arg());
            case Expr.IsNull x -> b instanceof Expr.IsNull y && x.negated() == y.negated() && same(x.arg(), y.arg());
            case Expr.Cast x -> b instanceof Expr.Cast y && x.type().equals(y.type())
                    && x.context() == y.context() && same(x.arg(), y.arg());
            case Expr.FuncCall x -> b instanceof Expr.FuncCall y && x.function().name().equals(y.function().name())
                    && x.type().equals(y.type()) && same(x.args(), y.args());
            case Expr.Case x -> b instanceof Expr.Case y && x.type().equals(y.type())
                    && same(x.conditions(), y.conditions()) && same(x.results(), y.results())
                    && same(x.elseResult(), y.elseResult());
            default -> a.equals(b);
        };
    }

    /** Position of the first expression of {@code list} that is the same as {@code e}, or -1. */
    static int indexOf(List<Expr> list, Expr e) {
        for (int i = 0; i < list.size(); i++) {
            if (same(list.get(i), e)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean same(List<Expr> a, List<Expr> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Operator a, Operator b) {
        return a.name().equals(b.name()) && Objects.equals(a.left(), b.left()) && Objects.equals(a.right(), b.right())
                && a.result().equals(b.result());
    }
}
