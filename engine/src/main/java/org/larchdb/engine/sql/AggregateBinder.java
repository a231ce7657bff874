package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Binds aggregate calls ({@code agg([DISTINCT] args [ORDER BY ...]) [FILTER (WHERE ...)]}) with
 * PostgreSQL's argument and result types: sum(int4) is bigint, avg/variance/stddev of integers and
 * numerics are numeric and of floats double precision, string_agg(text, text) is text.
 */
final class AggregateBinder {
    private static final String NO_MATCH_HINT =
            "No function matches the given name and argument types. You might need to add explicit type casts.";

    /** An aggregate call as written, from a plain call or one with FILTER. */
    record Syntax(String name, List<Expression> args, boolean star, boolean distinct, List<OrderByElement> orderBy,
                  Expression filter) {

        static Syntax of(String name, Function f) {
            boolean star = f.isAllColumns() || (f.getParameters() != null && f.getParameters().size() == 1
                    && f.getParameters().get(0) instanceof AllColumns);
            return new Syntax(name, star || f.getParameters() == null ? List.of() : List.copyOf(f.getParameters()),
                    star, f.isDistinct(), f.getOrderByElements() == null ? List.of() : f.getOrderByElements(), null);
        }

        static Syntax of(AnalyticExpression a) {
            List<Expression> args = new ArrayList<>();
            Expression e = a.getExpression();
            if (e instanceof ExpressionList<?> list) {
                args.addAll(list);
            } else if (e != null && !(e instanceof AllColumns)) {
                args.add(e);
            }
            // JSqlParser keeps a FILTERed call's later arguments in its window-function slots.
            if (a.getOffset() != null) {
                args.add(a.getOffset());
            }
            if (a.getDefaultValue() != null) {
                args.add(a.getDefaultValue());
            }
            boolean star = a.isAllColumns() || e instanceof AllColumns;
            return new Syntax(Names.identifier(a.getName()), args, star, a.isDistinct(),
                    a.getFuncOrderBy() == null ? List.of() : a.getFuncOrderBy(), a.getFilterExpression());
        }
    }

    private final ExprBinder binder;

    AggregateBinder(ExprBinder binder) {
        this.binder = binder;
    }

    Expr bind(Syntax call) {
        if (!binder.inAggregation()) {
            throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed here");
        }
        return binder.registerAggregate(resolve(call, false), call.name());
    }

    /**
     * Resolves an aggregate call. A plain aggregate binds its arguments over the aggregate node's
     * input; a window aggregate ({@code window}) binds them over the window node's input, which in
     * a grouped query is the aggregate node's output ({@code sum(count(*)) OVER ()}).
     */
    AggregateCall resolve(Syntax call, boolean window) {
        String name = call.name();
        Expr filter = null;
        if (call.filter() != null) {
            if (!window && ExprBinder.containsAggregate(call.filter())) {
                throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in FILTER");
            }
            filter = binder.requireBooleanArgument(window ? binder.bind(call.filter())
                    : binder.bindOverInput(call.filter()), "FILTER");
        }
        if (call.star()) {
            if (!name.equals("count")) {
                throw new DbException(SqlState.WRONG_OBJECT_TYPE, name + "(*) specified, but " + name
                        + " is not an aggregate function that accepts *");
            }
            return new AggregateCall(AggregateCall.Function.COUNT_STAR, null, DataType.INT8, false, filter, null,
                    List.of());
        }
        List<Expr> args = new ArrayList<>();
        for (Expression a : call.args()) {
            if (!window && WindowBinder.containsWindow(a)) {
                throw new DbException(SqlState.GROUPING_ERROR,
                        "aggregate function calls cannot contain window function calls");
            }
            if (!window && ExprBinder.containsAggregate(a)) {
                throw new DbException(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested");
            }
            args.add(window ? binder.bind(a) : binder.bindOverInput(a));
        }
        int expected = name.equals("string_agg") || name.endsWith("_object_agg") ? 2 : 1;
        if (args.size() != expected) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + typeList(args)
                    + ") does not exist").withHint(NO_MATCH_HINT);
        }
        Expr arg = args.get(0);
        if (arg.type().type() == PgType.UNKNOWN) {
            arg = binder.coerce(arg, DataType.TEXT, Casts.Context.IMPLICIT);
        }
        Expr extra = null;
        AggregateCall.Function function;
        DataType type;
        switch (name) {
            case "count" -> {
                function = AggregateCall.Function.COUNT;
                type = DataType.INT8;
            }
            case "sum" -> {
                function = AggregateCall.Function.SUM;
                type = sumType(arg.type(), name);
            }
            case "min", "max" -> {
                function = name.equals("min") ? AggregateCall.Function.MIN : AggregateCall.Function.MAX;
                type = arg.type();
            }
            case "bool_and", "every", "bool_or" -> {
                function = name.equals("bool_or") ? AggregateCall.Function.BOOL_OR : AggregateCall.Function.BOOL_AND;
                arg = binder.requireBooleanArgument(arg, name);
                type = DataType.BOOL;
            }
            case "avg", "variance", "var_samp", "var_pop", "stddev", "stddev_samp", "stddev_pop" -> {
                function = switch (name) {
                    case "avg" -> AggregateCall.Function.AVG;
                    case "variance", "var_samp" -> AggregateCall.Function.VAR_SAMP;
                    case "var_pop" -> AggregateCall.Function.VAR_POP;
                    case "stddev", "stddev_samp" -> AggregateCall.Function.STDDEV_SAMP;
                    default -> AggregateCall.Function.STDDEV_POP;
                };
                type = switch (arg.type().type()) {
                    case INT2, INT4, INT8, NUMERIC -> DataType.NUMERIC;
                    case FLOAT4, FLOAT8 -> DataType.FLOAT8;
                    case INTERVAL -> {
                        if (function != AggregateCall.Function.AVG) {
                            throw noSuchFunction(name, arg.type());
                        }
                        yield DataType.INTERVAL;
                    }
                    default -> throw noSuchFunction(name, arg.type());
                };
            }
            case "string_agg" -> {
                function = AggregateCall.Function.STRING_AGG;
                if (!arg.type().type().isString()) {
                    throw new DbException(SqlState.UNDEFINED_FUNCTION, "function string_agg(" + typeList(args)
                            + ") does not exist").withHint(NO_MATCH_HINT);
                }
                arg = binder.coerce(arg, DataType.TEXT, Casts.Context.IMPLICIT);
                extra = binder.coerce(args.get(1), DataType.TEXT, Casts.Context.IMPLICIT);
                type = DataType.TEXT;
            }
            case "array_agg", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg" -> {
                AggregateCollectors.Bound bound = AggregateCollectors.bind(binder, name, arg,
                        args.size() > 1 ? args.get(1) : null);
                function = bound.function();
                arg = bound.argument();
                extra = bound.extra();
                type = bound.type();
            }
            default -> throw DbException.notSupported("aggregate " + name);
        }
        List<SortKey> orderBy = new ArrayList<>();
        for (OrderByElement o : call.orderBy()) {
            Expr key = binder.bindOverInput(o.getExpression());
            if (key.type().type() == PgType.UNKNOWN) {
                key = binder.coerce(key, DataType.TEXT, Casts.Context.IMPLICIT);
            }
            if (call.distinct() && !ExprMatch.same(key, args.get(0)) && !ExprMatch.same(key, arg)) {
                throw new DbException(SqlState.INVALID_COLUMN_REFERENCE,
                        "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list");
            }
            boolean desc = !o.isAsc();
            boolean nullsFirst = o.getNullOrdering() == null ? desc
                    : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
            orderBy.add(new SortKey(key, desc, nullsFirst));
        }
        // min/max/bool_and/bool_or ignore duplicates anyway; DISTINCT changes the others.
        return new AggregateCall(function, arg, type, call.distinct(), filter, extra, orderBy);
    }

    static DataType sumType(DataType arg, String name) {
        return switch (arg.type()) {
            case INT2, INT4 -> DataType.INT8;
            case INT8, NUMERIC -> DataType.NUMERIC;
            case FLOAT4 -> DataType.FLOAT4;
            case FLOAT8 -> DataType.FLOAT8;
            case INTERVAL -> DataType.INTERVAL;
            default -> throw noSuchFunction(name, arg);
        };
    }

    private static DbException noSuchFunction(String name, DataType arg) {
        return new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + arg.displayName()
                + ") does not exist").withHint(NO_MATCH_HINT);
    }

    private static String typeList(List<Expr> args) {
        return String.join(", ", args.stream().map(a -> a.type().type() == PgType.UNKNOWN ? "unknown"
                : a.type().displayName()).toList());
    }
}
