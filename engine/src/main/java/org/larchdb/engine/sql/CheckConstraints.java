package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.TextFormat;

/**
 * CHECK constraints: analysis of their expressions with PostgreSQL's restrictions, the names
 * PostgreSQL generates for them, and their bound predicates for the rows being stored.
 */
public final class CheckConstraints {
    /**
     * Bound checks by table version (the RelationInfo of one catalog snapshot, compared by identity, so
     * a lookup per stored row costs one identity hash) and text format; a memo, so it is simply
     * cleared when it grows.
     */
    private static final Map<MemoKey, List<Bound>> BOUND = new ConcurrentHashMap<>();
    private static final int MEMO_LIMIT = 1024;
    private static final CatalogSnapshot NO_CATALOG = new CatalogSnapshot(Map.of(), Map.of(), Map.of(), Map.of(),
            Map.of(), Map.of(), Map.of(), Map.of());

    private CheckConstraints() {
    }

    /** A CHECK constraint with its predicate bound over the table's row. */
    public record Bound(ConstraintInfo constraint, Expr predicate) {
    }

    /** A CHECK constraint of a statement, analyzed: its name, expression text and columns (conkey). */
    public record Definition(String name, String expression, List<Integer> attnums, boolean validated) {
    }

    private record MemoKey(RelationInfo table, TextFormat format) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MemoKey k && k.table == table && k.format.equals(format);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(table) * 31 + format.hashCode();
        }
    }

    /** The table's CHECK constraints in the order PostgreSQL tests them (by name), bound over its row. */
    public static List<Bound> bound(RelationInfo table, TextFormat format) {
        MemoKey key = new MemoKey(table, format);
        List<Bound> bound = BOUND.get(key);
        if (bound == null) {
            AnalysisContext ctx = new AnalysisContext(NO_CATALOG, List.of(), null, format);
            List<Bound> out = new ArrayList<>();
            for (ConstraintInfo c : table.checks()) {
                out.add(new Bound(c, analyze(c.expression(), table.name(), table.columns(), ctx)));
            }
            bound = List.copyOf(out);
            if (BOUND.size() >= MEMO_LIMIT) {
                BOUND.clear();
            }
            BOUND.put(key, bound);
        }
        return bound;
    }

    /**
     * Analyzes a CHECK expression over the columns of {@code table}: a boolean predicate without
     * subqueries, aggregates or window functions that names no other table (PostgreSQL's errors).
     */
    public static Expr analyze(String text, String table, List<ColumnInfo> columns, AnalysisContext ctx) {
        Expression parsed = Analyzer.parseExpression(text);
        rejectForbidden(parsed);
        Scope scope = Scope.empty();
        scope.add(table, null, columns.stream().map(ColumnInfo::name).toList(),
                columns.stream().map(ColumnInfo::type).toList(), null);
        ExprBinder binder = new ExprBinder(ctx, scope, new ParameterTypes(new int[0]), new Privileges());
        return binder.bindCondition(parsed, "CHECK");
    }

    /** Analyzes a CHECK of a statement and names it (PostgreSQL's ChooseConstraintName when unnamed). */
    public static Definition define(UtilityStatement.CheckConstraint check, String table, List<ColumnInfo> columns,
                                    AnalysisContext ctx, Predicate<String> nameTaken, boolean validated) {
        Expr predicate = analyze(check.expression(), table, columns, ctx);
        List<Integer> attnums = new ArrayList<>();
        for (int index : referencedColumns(predicate)) {
            attnums.add(columns.get(index).attnum());
        }
        String name = check.name();
        if (name == null) {
            // "t_col_check" when the expression uses one column, else "t_check" (PostgreSQL's approximation).
            String column = attnums.size() == 1 ? columns.get(referencedColumns(predicate).get(0)).name() : null;
            name = chooseConstraintName(table, column, "check", nameTaken);
        } else if (name.length() > 63) {
            name = name.substring(0, 63);
        }
        return new Definition(name, check.expression(), attnums, validated);
    }

    /** Row positions of the columns a predicate reads, in the order it first mentions them. */
    static List<Integer> referencedColumns(Expr e) {
        Set<Integer> out = new LinkedHashSet<>();
        collect(e, out);
        return List.copyOf(out);
    }

    private static void collect(Expr e, Set<Integer> out) {
        switch (e) {
            case Expr.ColumnRef c -> out.add(c.index());
            case Expr.OpCall op -> {
                collect(op.left(), out);
                collect(op.right(), out);
            }
            case Expr.PrefixCall op -> collect(op.operand(), out);
            case Expr.And and -> and.args().forEach(a -> collect(a, out));
            case Expr.Or or -> or.args().forEach(a -> collect(a, out));
            case Expr.Not not -> collect(not.arg(), out);
            case Expr.IsNull isNull -> collect(isNull.arg(), out);
            case Expr.Cast cast -> collect(cast.arg(), out);
            case Expr.FuncCall call -> call.args().forEach(a -> collect(a, out));
            case Expr.Case c -> {
                for (int i = 0; i < c.conditions().size(); i++) {
                    collect(c.conditions().get(i), out);
                    collect(c.results().get(i), out);
                }
                if (c.elseResult() != null) {
                    collect(c.elseResult(), out);
                }
            }
            case Expr.Const c -> {
            }
            case Expr.ParamRef p -> {
            }
            case Expr.OuterRef o -> {
            }
            case Expr.SubLink s -> {
            }
        }
    }

    /**
     * PostgreSQL's ChooseConstraintName: {@code name1_name2_label}, with 1, 2, ... appended to the label
     * until the name is free, the parts shortened (the longer first) to fit 63 bytes.
     */
    public static String chooseConstraintName(String name1, String name2, String label, Predicate<String> taken) {
        for (int pass = 0; ; pass++) {
            String candidate = makeObjectName(name1, name2, pass == 0 ? label : label + pass);
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }

    /** PostgreSQL's makeObjectName (ASCII names; multibyte clipping is not needed for them). */
    static String makeObjectName(String name1, String name2, String label) {
        int overhead = (name2 == null ? 0 : 1) + (label == null ? 0 : label.length() + 1);
        int avail = 63 - overhead;
        int n1 = name1.length();
        int n2 = name2 == null ? 0 : name2.length();
        while (n1 + n2 > avail) {
            if (n1 > n2) {
                n1--;
            } else {
                n2--;
            }
        }
        StringBuilder sb = new StringBuilder(name1.substring(0, n1));
        if (name2 != null) {
            sb.append('_').append(name2, 0, n2);
        }
        if (label != null) {
            sb.append('_').append(label);
        }
        return sb.toString();
    }

    /** 0A000 for subqueries, 42803 for aggregates, 42P20 for window functions, 42P02 for $n, as PostgreSQL. */
    private static void rejectForbidden(Expression e) {
        e.accept(new ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(Function function, S context) {
                if (ExprBinder.isAggregate(function)) {
                    throw new DbException(SqlState.GROUPING_ERROR,
                            "aggregate functions are not allowed in check constraints");
                }
                return super.visit(function, context);
            }

            @Override
            public <S> StringBuilder visit(AnalyticExpression a, S context) {
                if (a.getType() == AnalyticType.FILTER_ONLY) {
                    throw new DbException(SqlState.GROUPING_ERROR,
                            "aggregate functions are not allowed in check constraints");
                }
                throw new DbException(SqlState.WINDOWING_ERROR, "window functions are not allowed in check constraints");
            }

            @Override
            public <S> StringBuilder visit(JdbcParameter parameter, S context) {
                if (parameter.getIndex() != null && parameter.isUseFixedIndex()) {
                    // A constraint outlives the statement: it has no parameters to refer to.
                    throw new DbException(SqlState.UNDEFINED_PARAMETER, "there is no parameter $"
                            + parameter.getIndex());
                }
                return super.visit(parameter, context);
            }

            @Override
            public <S> StringBuilder visit(ParenthesedSelect select, S context) {
                throw subquery();
            }

            @Override
            public <S> StringBuilder visit(Select select, S context) {
                throw subquery();
            }

            @Override
            public <S> StringBuilder visit(AnyComparisonExpression any, S context) {
                throw subquery();
            }
        }, null);
    }

    private static DbException subquery() {
        return new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in check constraint");
    }
}
