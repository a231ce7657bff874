package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.GroupByElement;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/**
 * Expands a GROUP BY clause with ROLLUP, CUBE and GROUPING SETS into plain grouping sets, as
 * PostgreSQL's parse_agg.c does: the items of the GROUP BY list combine by cross product (each
 * set of the result concatenates one set of every item), the members of GROUPING SETS by union,
 * {@code ROLLUP(a, b)} is {@code ((a, b), (a), ())} and {@code CUBE(a, b)} every subset. Duplicate
 * sets are kept (they give duplicate rows, as in PostgreSQL).
 *
 * <p>The distinct key expressions become the aggregate's group keys; when there is more than one
 * set, one more hidden key follows them holding the number of the set a row belongs to, which
 * {@code GROUPING()} reads.
 */
final class GroupingSets {
    static final int MAX_SETS = 4096;
    static final int MAX_CUBE = 12;

    /** The bound group keys (hidden set-number key last when {@link #sets} is non-null) and the sets. */
    record Expansion(List<Expr> keys, List<List<Integer>> sets) {

        /** Whether the query groups by several sets (and so has the hidden set-number key). */
        boolean multiple() {
            return sets != null;
        }

        /** Number of real keys (without the hidden set-number key). */
        int realKeys() {
            return sets == null ? keys.size() : keys.size() - 1;
        }
    }

    /** The hidden key's placeholder expression: the executor fills that column in, it is never evaluated. */
    static final Expr SET_NUMBER = new Expr.Const("\u0000grouping set number", DataType.INT4);

    private GroupingSets() {
    }

    /** Whether {@code group} uses ROLLUP, CUBE or GROUPING SETS (or {@code ()} among other items). */
    static boolean present(GroupByElement group) {
        if (group.getGroupingSets() != null && !group.getGroupingSets().isEmpty()) {
            return true;
        }
        ExpressionList<?> list = group.getGroupByExpressionList();
        if (list == null) {
            return false;
        }
        for (Expression e : list) {
            if (isRollupOrCube(e) || (e instanceof ParenthesedExpressionList<?> p && p.isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** Expands the clause into sets of written expressions, then binds each distinct one with {@code bind}. */
    static Expansion expand(GroupByElement group, java.util.function.Function<Expression, Expr> bind) {
        List<List<Expression>> sets;
        if (group.getGroupingSets() != null && !group.getGroupingSets().isEmpty()) {
            sets = new ArrayList<>();
            for (Object member : group.getGroupingSets()) {
                sets.addAll(setMember(member));
            }
        } else {
            sets = new ArrayList<>();
            sets.add(List.of());
            for (Object item : group.getGroupByExpressionList()) {
                sets = crossProduct(sets, item((Expression) item));
            }
        }
        if (sets.size() > MAX_SETS) {
            throw new DbException(SqlState.STATEMENT_TOO_COMPLEX, "too many grouping sets present (maximum "
                    + MAX_SETS + ")");
        }
        List<Expr> keys = new ArrayList<>();
        List<List<Integer>> boundSets = new ArrayList<>();
        for (List<Expression> set : sets) {
            List<Integer> indexes = new ArrayList<>();
            for (Expression e : set) {
                Expr bound = bind.apply(e);
                int index = ExprMatch.indexOf(keys, bound);
                if (index < 0) {
                    keys.add(bound);
                    index = keys.size() - 1;
                }
                if (!indexes.contains(index)) {
                    indexes.add(index);
                }
            }
            boundSets.add(indexes);
        }
        if (boundSets.size() == 1) {
            // One set is plain grouping by its keys (the empty set: one group over everything).
            return new Expansion(keys, null);
        }
        keys.add(SET_NUMBER);
        return new Expansion(keys, boundSets);
    }

    private static boolean isRollupOrCube(Expression e) {
        return e instanceof Function f && f.getMultipartName().size() == 1 && !f.isAllColumns()
                && (f.getName().equalsIgnoreCase("rollup") || f.getName().equalsIgnoreCase("cube"));
    }

    /** One member of GROUPING SETS (...): a parenthesized set, a ROLLUP/CUBE, or a single expression. */
    private static List<List<Expression>> setMember(Object member) {
        if (member instanceof ParenthesedExpressionList<?> p) {
            return List.of(flatten(p));
        }
        if (member instanceof ExpressionList<?> list) {
            List<List<Expression>> out = new ArrayList<>();
            for (Expression e : list) {
                out.addAll(item(e));
            }
            return out;
        }
        return item((Expression) member);
    }

    /** The sets of one GROUP BY item. */
    private static List<List<Expression>> item(Expression e) {
        if (isRollupOrCube(e)) {
            Function f = (Function) e;
            List<List<Expression>> elements = new ArrayList<>();
            if (f.getParameters() instanceof ParenthesedExpressionList<?> single) {
                // JSqlParser hands CUBE((a, b)) over as one parenthesized list: one composite element.
                elements.add(flatten(single));
            } else if (f.getParameters() != null) {
                for (Expression p : f.getParameters()) {
                    elements.add(p instanceof ParenthesedExpressionList<?> list ? flatten(list) : List.of(p));
                }
            }
            return f.getName().equalsIgnoreCase("rollup") ? rollup(elements) : cube(elements);
        }
        if (e instanceof ParenthesedExpressionList<?> p) {
            return List.of(flatten(p));
        }
        return List.of(List.of(e));
    }

    private static List<Expression> flatten(ExpressionList<?> list) {
        return new ArrayList<>(list);
    }

    /** ROLLUP(e1, ..., en): (e1..en), (e1..en-1), ..., (). */
    static <T> List<List<T>> rollup(List<List<T>> elements) {
        List<List<T>> out = new ArrayList<>();
        for (int n = elements.size(); n >= 0; n--) {
            List<T> set = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                set.addAll(elements.get(i));
            }
            out.add(set);
        }
        return out;
    }

    /** CUBE(e1, ..., en): every subset, larger ones first as PostgreSQL lists them. */
    static <T> List<List<T>> cube(List<List<T>> elements) {
        if (elements.size() > MAX_CUBE) {
            throw new DbException(SqlState.TOO_MANY_COLUMNS, "CUBE is limited to " + MAX_CUBE + " elements");
        }
        int n = elements.size();
        List<List<T>> out = new ArrayList<>();
        for (int mask = (1 << n) - 1; mask >= 0; mask--) {
            List<T> set = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << (n - 1 - i))) != 0) {
                    set.addAll(elements.get(i));
                }
            }
            out.add(set);
        }
        return out;
    }

    static <T> List<List<T>> crossProduct(List<List<T>> left, List<List<T>> right) {
        List<List<T>> out = new ArrayList<>();
        for (List<T> l : left) {
            for (List<T> r : right) {
                List<T> set = new ArrayList<>(l);
                set.addAll(r);
                out.add(set);
            }
            if (out.size() > MAX_SETS * 4) {
                // PostgreSQL reports the count after expanding; stop early, the answer is the same.
                throw new DbException(SqlState.STATEMENT_TOO_COMPLEX, "too many grouping sets present (maximum "
                        + MAX_SETS + ")");
            }
        }
        return out;
    }

    /** Binds GROUPING(args): a bit per argument, set (high bit first) when that key is absent from the row's set. */
    static Expr grouping(ExprBinder binder, Function f, Expansion expansion) {
        List<Expression> args = f.getParameters() == null ? List.of() : List.copyOf(f.getParameters());
        if (args.size() >= 32) {
            throw new DbException(SqlState.TOO_MANY_ARGUMENTS, "GROUPING must have fewer than 32 arguments");
        }
        if (!binder.inAggregation()) {
            throw new DbException(SqlState.GROUPING_ERROR, "grouping operations are not allowed here");
        }
        List<Expr> keys = binder.groupKeys();
        int realKeys = expansion == null ? keys.size() : expansion.realKeys();
        int[] argKeys = new int[args.size()];
        for (int i = 0; i < argKeys.length; i++) {
            Expr bound = binder.bindOverInput(args.get(i));
            int index = ExprMatch.indexOf(keys.subList(0, realKeys), bound);
            if (index < 0) {
                throw new DbException(SqlState.GROUPING_ERROR,
                        "arguments to GROUPING must be grouping expressions of the associated query level");
            }
            argKeys[i] = index;
        }
        if (expansion == null || !expansion.multiple()) {
            return new Expr.Const(0, DataType.INT4);
        }
        List<List<Integer>> sets = expansion.sets();
        int[] masks = new int[sets.size()];
        for (int s = 0; s < masks.length; s++) {
            int mask = 0;
            for (int key : argKeys) {
                mask = (mask << 1) | (sets.get(s).contains(key) ? 0 : 1);
            }
            masks[s] = mask;
        }
        var function = new org.larchdb.engine.expr.ScalarFunction("grouping", true,
                (values, context) -> masks[(Integer) values[0]]);
        return new Expr.FuncCall(function, List.of(new Expr.ColumnRef(realKeys, DataType.INT4, "grouping")),
                DataType.INT4);
    }

    /** Whether a function call is GROUPING(...). */
    static boolean isGrouping(Function f) {
        return f.getName() != null && f.getName().toLowerCase(Locale.ROOT).equals("grouping")
                && (f.getMultipartName() == null || f.getMultipartName().size() == 1);
    }

    /** Whether {@code e} calls GROUPING() at this query level (subqueries are their own level). */
    static boolean containsGrouping(Expression e) {
        boolean[] found = {false};
        e.accept(new net.sf.jsqlparser.util.deparser.ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(Function function, S context) {
                if (isGrouping(function)) {
                    found[0] = true;
                }
                return super.visit(function, context);
            }

            @Override
            public <S> StringBuilder visit(net.sf.jsqlparser.statement.select.ParenthesedSelect select, S context) {
                return getBuffer();
            }
        }, null);
        return found[0];
    }
}
