package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.plan.WindowCall;
import org.larchdb.engine.plan.WindowFrame;
import org.larchdb.engine.plan.WindowSpec;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operators;
import org.larchdb.engine.types.PgType;

/**
 * Binds {@code f(...) OVER (...)} calls of one query level and collects them for its window node.
 * A call binds to a placeholder column reference ({@link #PLACEHOLDER_BASE} + call number) because
 * the window node's input width is known only once the whole query is bound (aggregates are
 * collected as binding goes); {@link #resolve} then points the references past the input columns.
 */
final class WindowBinder {
    /** Placeholder column numbers start here; no real row is this wide. */
    static final int PLACEHOLDER_BASE = 1 << 24;
    private static final String NO_MATCH_HINT =
            "No function matches the given name and argument types. You might need to add explicit type casts.";

    private final Map<String, NamedWindow> named = new HashMap<>();
    private final List<WindowCall> calls = new ArrayList<>();

    /** A window as written (in a WINDOW clause or an OVER clause), before binding. */
    private record NamedWindow(List<Expression> partition, List<OrderByElement> order, WindowElement frame,
                               boolean groups, WindowFrame.Exclusion exclusion) {
    }

    /** A binder for one query level with the definitions of its WINDOW clause. */
    WindowBinder(net.sf.jsqlparser.statement.select.PlainSelect select) {
        if (select.getWindowDefinitions() == null) {
            return;
        }
        for (WindowDefinition d : select.getWindowDefinitions()) {
            String name = Names.identifier(d.getWindowName());
            if (named.containsKey(name)) {
                throw new DbException(SqlState.WINDOWING_ERROR, "window \"" + name + "\" is already defined");
            }
            checkFrameSyntax(d.getWindowElement());
            PreParse.DefinitionMarks marks = PreParse.windowDefinitionMarks(select, name);
            NamedWindow own = new NamedWindow(partitionOf(d), orderOf(d), d.getWindowElement(), marks.groups(),
                    marks.exclusion());
            // A definition may build on one defined before it in the same clause.
            named.put(name, marks.base() == null ? own : copy(marks.base(), own));
        }
    }

    /** {@code (w ...)}: a copy of window w, adding ORDER BY and a frame only where PostgreSQL allows it. */
    private NamedWindow copy(String baseName, NamedWindow own) {
        NamedWindow base = named.get(baseName);
        if (base == null) {
            throw new DbException(SqlState.UNDEFINED_OBJECT, "window \"" + baseName + "\" does not exist");
        }
        if (!own.partition().isEmpty()) {
            throw new DbException(SqlState.WINDOWING_ERROR, "cannot override PARTITION BY clause of window \""
                    + baseName + "\"");
        }
        if (!own.order().isEmpty() && !base.order().isEmpty()) {
            throw new DbException(SqlState.WINDOWING_ERROR, "cannot override ORDER BY clause of window \""
                    + baseName + "\"");
        }
        if (base.frame() != null) {
            DbException e = new DbException(SqlState.WINDOWING_ERROR, "cannot copy window \"" + baseName
                    + "\" because it has a frame clause");
            throw own.order().isEmpty() && own.frame() == null ? e.withHint("Omit the parentheses in this OVER clause.")
                    : e;
        }
        return new NamedWindow(base.partition(), own.order().isEmpty() ? base.order() : own.order(), own.frame(),
                own.groups(), own.exclusion());
    }

    /** Whether {@code e} calls a window function at this query level (not inside a subquery). */
    static boolean containsWindow(Expression e) {
        boolean[] found = {false};
        e.accept(new net.sf.jsqlparser.util.deparser.ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(net.sf.jsqlparser.expression.AnalyticExpression a, S context) {
                if (a.getType() != net.sf.jsqlparser.expression.AnalyticType.FILTER_ONLY) {
                    found[0] = true;
                }
                return super.visit(a, context);
            }

            @Override
            public <S> StringBuilder visit(net.sf.jsqlparser.statement.select.ParenthesedSelect select, S context) {
                return getBuffer();
            }

            @Override
            public <S> StringBuilder visit(net.sf.jsqlparser.statement.select.Select select, S context) {
                return getBuffer();
            }

            @Override
            public <S> StringBuilder visit(net.sf.jsqlparser.expression.AnyComparisonExpression any, S context) {
                return getBuffer();
            }
        }, null);
        return found[0];
    }

    static boolean isWindowFunction(String name) {
        return switch (name) {
            case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
                 "first_value", "last_value", "nth_value" -> true;
            default -> false;
        };
    }

    /** The calls bound so far, in placeholder order. */
    List<WindowCall> calls() {
        return calls;
    }

    Expr bind(AnalyticExpression a, ExprBinder binder) {
        String name = Names.identifier(a.getName());
        if ((a.getWindowName() == null || PreParse.isWindowReference(a)) && a.getWindowDefinition() != null) {
            checkFrameSyntax(a.getWindowDefinition().getWindowElement());
        }
        AggregateBinder.Syntax syntax = AggregateBinder.Syntax.of(a);
        String previous = binder.banWindows("window function calls cannot be nested");
        WindowCall call;
        try {
            // PostgreSQL binds the arguments before the OVER clause; the window goes in after.
            call = isWindowFunction(name) ? windowFunction(name, syntax, null, binder)
                    : windowAggregate(name, syntax, null, binder);
        } finally {
            binder.banWindows(previous);
        }
        call = new WindowCall(call.function(), call.args(), call.aggregate(), window(a, binder), call.type());
        int index = calls.indexOf(call);
        if (index < 0) {
            calls.add(call);
            index = calls.size() - 1;
        }
        return new Expr.ColumnRef(PLACEHOLDER_BASE + index, call.type(), name);
    }

    // ---- functions

    private static WindowCall windowFunction(String name, AggregateBinder.Syntax syntax, WindowSpec window,
                                             ExprBinder binder) {
        if (syntax.distinct() || syntax.star()) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "DISTINCT specified, but " + name
                    + " is not an aggregate function");
        }
        if (syntax.filter() != null) {
            throw notImplemented("FILTER is not implemented for non-aggregate window functions");
        }
        List<Expr> args = new ArrayList<>();
        for (Expression e : syntax.args()) {
            args.add(binder.bind(e));
        }
        WindowCall.Function function = WindowCall.Function.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        return switch (function) {
            case ROW_NUMBER, RANK, DENSE_RANK -> {
                arity(name, args, 0, 0);
                yield new WindowCall(function, args, null, window, DataType.INT8);
            }
            case PERCENT_RANK, CUME_DIST -> {
                arity(name, args, 0, 0);
                yield new WindowCall(function, args, null, window, DataType.FLOAT8);
            }
            case NTILE -> {
                arity(name, args, 1, 1);
                yield new WindowCall(function, List.of(integerArgument(name, args, 0, binder)), null, window,
                        DataType.INT4);
            }
            case LAG, LEAD -> {
                arity(name, args, 1, 3);
                Expr value = args.get(0);
                List<Expr> bound = new ArrayList<>();
                if (args.size() == 3) {
                    DataType common = Operators.commonType(List.of(value.type(), args.get(2).type()), name);
                    if (!value.type().equals(args.get(2).type())) {
                        // anycompatible resolution keeps a type modifier only when all inputs share it
                        common = DataType.of(common.type());
                    }
                    bound.add(binder.coerce(value, common, Casts.Context.IMPLICIT));
                    bound.add(integerArgument(name, args, 1, binder));
                    bound.add(binder.coerce(args.get(2), common, Casts.Context.IMPLICIT));
                    yield new WindowCall(function, bound, null, window, common);
                }
                bound.add(polymorphic(value));
                if (args.size() == 2) {
                    bound.add(integerArgument(name, args, 1, binder));
                }
                yield new WindowCall(function, bound, null, window, value.type());
            }
            case FIRST_VALUE, LAST_VALUE -> {
                arity(name, args, 1, 1);
                Expr value = polymorphic(args.get(0));
                yield new WindowCall(function, List.of(value), null, window, value.type());
            }
            case NTH_VALUE -> {
                arity(name, args, 2, 2);
                Expr value = polymorphic(args.get(0));
                yield new WindowCall(function, List.of(value, integerArgument(name, args, 1, binder)), null,
                        window, value.type());
            }
            case AGGREGATE -> throw new IllegalStateException("not a window function: " + name);
        };
    }

    private static WindowCall windowAggregate(String name, AggregateBinder.Syntax syntax, WindowSpec window,
                                              ExprBinder binder) {
        if (!isAggregateName(name)) {
            if (Functions.lookup(name).isEmpty()) {
                List<Expr> args = new ArrayList<>();
                for (Expression e : syntax.args()) {
                    args.add(binder.bind(e));
                }
                throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + typeList(args)
                        + ") does not exist").withHint(NO_MATCH_HINT);
            }
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "OVER specified, but " + name
                    + " is not a window function nor an aggregate function");
        }
        if (syntax.distinct()) {
            throw notImplemented("DISTINCT is not implemented for window functions");
        }
        if (!syntax.orderBy().isEmpty()) {
            throw notImplemented("aggregate ORDER BY is not implemented for window functions");
        }
        AggregateCall aggregate = new AggregateBinder(binder).resolve(syntax, true);
        return new WindowCall(WindowCall.Function.AGGREGATE, List.of(), aggregate, window, aggregate.type());
    }

    private static DbException notImplemented(String message) {
        return new DbException(SqlState.FEATURE_NOT_SUPPORTED, message);
    }

    private static boolean isAggregateName(String name) {
        return ExprBinder.isAggregate(new net.sf.jsqlparser.expression.Function().withName(name));
    }

    private static void arity(String name, List<Expr> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + typeList(args)
                    + ") does not exist").withHint(NO_MATCH_HINT);
        }
    }

    private static Expr integerArgument(String name, List<Expr> args, int i, ExprBinder binder) {
        Expr e = args.get(i);
        PgType t = e.type().type();
        if (t != PgType.UNKNOWN && t != PgType.INT2 && t != PgType.INT4) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + typeList(args)
                    + ") does not exist").withHint(NO_MATCH_HINT);
        }
        return binder.coerce(e, DataType.INT4, Casts.Context.IMPLICIT);
    }

    /** An anyelement argument: an untyped literal leaves its type undetermined, as in PostgreSQL. */
    private static Expr polymorphic(Expr e) {
        if (e.type().type() == PgType.UNKNOWN) {
            throw new DbException(SqlState.DATATYPE_MISMATCH,
                    "could not determine polymorphic type because input has type unknown");
        }
        return e;
    }

    private static Expr textIfUnknown(Expr e, ExprBinder binder) {
        return e.type().type() == PgType.UNKNOWN ? binder.coerce(e, DataType.TEXT, Casts.Context.IMPLICIT) : e;
    }

    private static String typeList(List<Expr> args) {
        return String.join(", ", args.stream().map(a -> a.type().type() == PgType.UNKNOWN ? "unknown"
                : a.type().displayName()).toList());
    }

    // ---- the window

    private WindowSpec window(AnalyticExpression a, ExprBinder binder) {
        WindowDefinition def = a.getWindowDefinition();
        // PreParse turned an inline GROUPS frame into RANGE, blanked EXCLUDE, and marked the call.
        NamedWindow window = new NamedWindow(partitionOf(def), orderOf(def), def == null ? null
                : def.getWindowElement(), PreParse.isGroupsFrame(a), PreParse.frameExclusion(a));
        if (a.getWindowName() != null) {
            String name = Names.identifier(a.getWindowName());
            if (PreParse.isWindowReference(a)) {
                window = copy(name, window);
            } else {
                window = named.get(name);
                if (window == null) {
                    throw new DbException(SqlState.UNDEFINED_OBJECT, "window \"" + name + "\" does not exist");
                }
            }
        }
        List<Expression> partition = window.partition();
        List<OrderByElement> order = window.order();
        String previous = binder.banWindows("window functions are not allowed in window definitions");
        try {
            WindowFrame boundFrame = frame(window.frame(), window.groups(), window.exclusion(), order.size(), binder);
            List<Expr> partitionBy = new ArrayList<>();
            for (Expression e : partition) {
                partitionBy.add(textIfUnknown(binder.bind(e), binder));
            }
            List<SortKey> orderBy = new ArrayList<>();
            for (OrderByElement o : order) {
                Expr key = textIfUnknown(binder.bind(o.getExpression()), binder);
                boolean desc = !o.isAsc();
                boolean nullsFirst = o.getNullOrdering() == null ? desc
                        : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
                orderBy.add(new SortKey(key, desc, nullsFirst));
            }
            boundFrame = WindowFrames.typeOffsets(boundFrame, orderBy, binder);
            return new WindowSpec(partitionBy, orderBy, boundFrame);
        } finally {
            binder.banWindows(previous);
        }
    }

    private static List<Expression> partitionOf(WindowDefinition def) {
        List<Expression> out = new ArrayList<>();
        if (def != null && def.getPartitionExpressionList() != null) {
            for (Object e : def.getPartitionExpressionList()) {
                out.add((Expression) e);
            }
        }
        return out;
    }

    private static List<OrderByElement> orderOf(WindowDefinition def) {
        return def == null || def.getOrderByElements() == null ? List.of() : def.getOrderByElements();
    }

    /** The frame clause with PostgreSQL's grammar checks; offsets are typed later, once ORDER BY is bound. */
    private static WindowFrame frame(WindowElement element, boolean groups, WindowFrame.Exclusion exclusion,
                                     int orderKeys, ExprBinder binder) {
        if (element == null) {
            return WindowFrame.DEFAULT;
        }
        WindowFrame.Mode mode = element.getType() == WindowElement.Type.ROWS ? WindowFrame.Mode.ROWS
                : groups ? WindowFrame.Mode.GROUPS : WindowFrame.Mode.RANGE;
        if (mode == WindowFrame.Mode.GROUPS && orderKeys == 0) {
            throw new DbException(SqlState.WINDOWING_ERROR, "GROUPS mode requires an ORDER BY clause");
        }
        WindowOffset startSyntax = element.getRange() != null ? element.getRange().getStart() : element.getOffset();
        WindowOffset endSyntax = element.getRange() != null ? element.getRange().getEnd() : null;
        WindowFrame.BoundKind startKind = kind(startSyntax);
        WindowFrame.BoundKind endKind = endSyntax == null ? WindowFrame.BoundKind.CURRENT_ROW : kind(endSyntax);
        WindowFrames.check(startKind, endKind, endSyntax == null);
        WindowFrame.Bound start = new WindowFrame.Bound(startKind, offset(startSyntax, binder));
        WindowFrame.Bound end = new WindowFrame.Bound(endKind, endSyntax == null ? null : offset(endSyntax, binder));
        if (mode == WindowFrame.Mode.RANGE && orderKeys != 1 && (start.offset() != null || end.offset() != null)) {
            throw new DbException(SqlState.WINDOWING_ERROR,
                    "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
        }
        return new WindowFrame(mode, start, end, exclusion);
    }

    /** The grammar's frame checks, which PostgreSQL makes before binding anything. */
    private static void checkFrameSyntax(WindowElement element) {
        if (element == null) {
            return;
        }
        WindowOffset start = element.getRange() != null ? element.getRange().getStart() : element.getOffset();
        WindowOffset end = element.getRange() != null ? element.getRange().getEnd() : null;
        WindowFrames.check(kind(start), end == null ? WindowFrame.BoundKind.CURRENT_ROW : kind(end), end == null);
    }

    private static WindowFrame.BoundKind kind(WindowOffset offset) {
        Expression e = offset.getExpression();
        return switch (offset.getType()) {
            case CURRENT -> WindowFrame.BoundKind.CURRENT_ROW;
            case PRECEDING -> e == null ? WindowFrame.BoundKind.UNBOUNDED_PRECEDING : WindowFrame.BoundKind.PRECEDING;
            case FOLLOWING -> e == null ? WindowFrame.BoundKind.UNBOUNDED_FOLLOWING : WindowFrame.BoundKind.FOLLOWING;
            default -> throw new DbException(SqlState.SYNTAX_ERROR, "syntax error in window frame");
        };
    }

    private static Expr offset(WindowOffset offset, ExprBinder binder) {
        return offset.getExpression() == null ? null : binder.bind(offset.getExpression());
    }

    // ---- placeholders

    /** Points placeholder references of this level's window calls at the window node's output columns. */
    static Expr resolve(Expr e, int inputWidth) {
        return WindowFrames.remap(e, inputWidth);
    }
}
