package org.larchdb.engine.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.schema.Column;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operator;
import org.larchdb.engine.types.Operators;
import org.larchdb.engine.types.PgType;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.sql.functions.FunctionResolution;
import org.larchdb.engine.sql.functions.FunctionSignature;

/**
 * Binds JSqlParser expressions to {@link Expr}s over a {@link Scope}: resolves names, types
 * literals and parameters from their context, resolves operators and functions, inserts casts.
 * In aggregation mode (set by {@link #enterAggregation}) it binds over the output row of an
 * aggregate node: group-key expressions and aggregate calls become references into that row.
 */
final class ExprBinder {
    private final AnalysisContext ctx;
    private final Scope scope;
    private final ParameterTypes params;
    private final Privileges privileges;
    private List<Expr> groupKeys;
    private List<AggregateCall> aggregates;
    /** The query's grouping sets while binding over its aggregate's output (null: plain GROUP BY). */
    private GroupingSets.Expansion groupingSets;
    /** Collects set-returning function calls (a select list); null where they are not allowed. */
    private ProjectSetBinder setFunctions;
    /** Plans subqueries of expressions; null where subqueries are not allowed. */
    private SubqueryBinder.Planner subqueries;
    /** Collects window function calls; null where they are not allowed. */
    private WindowBinder windows;
    /** While set, a window call is an error with this message (nested calls, window definitions). */
    private String windowBan;

    ExprBinder(AnalysisContext ctx, Scope scope, ParameterTypes params, Privileges privileges) {
        this.ctx = ctx;
        this.scope = scope;
        this.params = params;
        this.privileges = privileges;
    }

    /** From now on bind over an aggregate's output row: these keys, then the collected aggregates. */
    void enterAggregation(List<Expr> keys, List<AggregateCall> collected) {
        this.groupKeys = keys;
        this.aggregates = collected;
    }

    /** Declares the grouping sets of the aggregation entered (for GROUPING()). */
    void setGroupingSets(GroupingSets.Expansion expansion) {
        this.groupingSets = expansion;
    }

    /** Allows set-returning function calls from now on, collected by {@code collector} (null: no longer). */
    void collectSetFunctions(ProjectSetBinder collector) {
        this.setFunctions = collector;
    }

    /** Allows window function calls in the expressions this binder binds, collected by {@code collector}. */
    void enterWindowing(WindowBinder collector) {
        this.windows = collector;
    }

    /** Sets the message for window calls met from now on (null: allowed again); returns the previous one. */
    String banWindows(String message) {
        String previous = windowBan;
        windowBan = message;
        return previous;
    }

    /** Allows subqueries in the expressions this binder binds, planned by {@code planner}. */
    ExprBinder withSubqueries(SubqueryBinder.Planner planner) {
        this.subqueries = planner;
        return this;
    }

    Scope scope() {
        return scope;
    }

    /** The grouping expressions while binding over an aggregate's output row, else null. */
    List<Expr> groupKeys() {
        return groupKeys;
    }

    boolean inAggregation() {
        return groupKeys != null;
    }

    // ---- entry points

    Expr bind(Expression e) {
        if (groupKeys != null && !(e instanceof Function f && isAggregate(f)) && !containsAggregate(e)
                && !WindowBinder.containsWindow(e) && (setFunctions == null || !ProjectSetBinder.contains(e))) {
            Expr plain = withoutAggregation(e);
            for (int i = 0; i < groupKeys.size(); i++) {
                if (ExprMatch.same(groupKeys.get(i), plain)) {
                    return new Expr.ColumnRef(i, plain.type(), null);
                }
            }
            if (plain instanceof Expr.OuterRef) {
                return plain; // a constant at this query level
            }
            if (e instanceof Column c && !isKeywordColumn(c)) {
                Expr.ColumnRef ref = (Expr.ColumnRef) plain;
                throw new DbException(SqlState.GROUPING_ERROR, "column \"" + qualifiedRefName(c, ref)
                        + "\" must appear in the GROUP BY clause or be used in an aggregate function");
            }
            if (plain instanceof Expr.Const || plain instanceof Expr.ParamRef) {
                return plain;
            }
        }
        return bindNode(e);
    }

    /** Binds a condition that must be boolean (WHERE, HAVING, ON, AND/OR arguments). */
    Expr bindCondition(Expression e, String clause) {
        Expr bound = bind(e);
        return requireBoolean(bound, clause);
    }

    private Expr requireBoolean(Expr bound, String clause) {
        if (bound.type().type() == PgType.BOOL) {
            return bound;
        }
        if (bound.type().type() == PgType.UNKNOWN) {
            return coerce(bound, DataType.BOOL, Casts.Context.IMPLICIT);
        }
        throw new DbException(SqlState.DATATYPE_MISMATCH, "argument of " + clause
                + " must be type boolean, not type " + bound.type().displayName());
    }

    private Expr withoutAggregation(Expression e) {
        List<Expr> keys = groupKeys;
        groupKeys = null;
        try {
            return bindNode(e);
        } finally {
            groupKeys = keys;
        }
    }

    // ---- dispatch on the parse tree

    private Expr bindNode(Expression e) {
        return switch (e) {
            case NullValue n -> new Expr.Const(null, DataType.UNKNOWN);
            case BooleanValue b -> new Expr.Const(b.getValue(), DataType.BOOL);
            case LongValue l -> integerLiteral(l.getStringValue());
            case DoubleValue d -> new Expr.Const(new BigDecimal(d.toString()), DataType.NUMERIC);
            case StringValue s -> stringLiteral(s);
            case DateTimeLiteralExpression d -> typedLiteral(d);
            case net.sf.jsqlparser.expression.IntervalExpression iv -> IntervalExprs.intervalLiteral(iv, ctx);
            case JdbcParameter p -> parameter(p);
            case Column c when c.getArrayConstructor() != null -> ArrayExprs.columnSubscript(this, c);
            case Column c -> column(c);
            case net.sf.jsqlparser.expression.ArrayConstructor a -> ArrayExprs.construct(this, a);
            case net.sf.jsqlparser.expression.ArrayExpression a -> ArrayExprs.arrayExpression(this, a);
            case net.sf.jsqlparser.expression.JsonExpression j -> JsonExprs.arrows(this, j);
            case net.sf.jsqlparser.expression.operators.relational.JsonOperator j ->
                    operator(j.getStringExpression(), j.getLeftExpression(), j.getRightExpression());
            case ParenthesedExpressionList<?> list -> {
                if (list.size() != 1) {
                    throw DbException.notSupported("row constructors");
                }
                yield bind(list.get(0));
            }
            case SignedExpression s -> signed(s);
            case AndExpression and -> new Expr.And(List.of(bindCondition(and.getLeftExpression(), "AND"),
                    bindCondition(and.getRightExpression(), "AND")));
            case OrExpression or -> new Expr.Or(List.of(bindCondition(or.getLeftExpression(), "OR"),
                    bindCondition(or.getRightExpression(), "OR")));
            case NotExpression not -> new Expr.Not(bindCondition(not.getExpression(), "NOT"));
            case IsNullExpression isNull -> new Expr.IsNull(bind(isNull.getLeftExpression()), isNull.isNot());
            case IsBooleanExpression isBool -> isBoolean(isBool);
            case ComparisonOperator cmp -> comparison(cmp.getStringExpression().equals("!=") ? "<>"
                    : cmp.getStringExpression(), cmp.getLeftExpression(), cmp.getRightExpression());
            case Addition a -> operator("+", a.getLeftExpression(), a.getRightExpression());
            case Subtraction s -> operator("-", s.getLeftExpression(), s.getRightExpression());
            case Multiplication m -> operator("*", m.getLeftExpression(), m.getRightExpression());
            case Division d -> operator("/", d.getLeftExpression(), d.getRightExpression());
            case Modulo m -> operator("%", m.getLeftExpression(), m.getRightExpression());
            case Concat c -> operator("||", c.getLeftExpression(), c.getRightExpression());
            case Between b -> between(b);
            case LikeExpression like -> like(like);
            case InExpression in -> inList(in);
            case CastExpression cast -> ArrayExprs.cast(this, cast);
            case TimeKeyExpression t -> function(t.getStringValue().toLowerCase(Locale.ROOT), List.of());
            case Function f -> functionCall(f);
            case net.sf.jsqlparser.expression.AnalyticExpression a
                    when a.getType() == net.sf.jsqlparser.expression.AnalyticType.FILTER_ONLY ->
                    new AggregateBinder(this).bind(AggregateBinder.Syntax.of(a));
            case net.sf.jsqlparser.expression.AnalyticExpression a
                    when a.getType() == net.sf.jsqlparser.expression.AnalyticType.OVER -> windowCall(a);
            case net.sf.jsqlparser.statement.select.ParenthesedSelect sub -> subqueries().scalar(sub);
            case net.sf.jsqlparser.expression.operators.relational.ExistsExpression exists ->
                    subqueries().exists(exists);
            case CaseExpression c -> caseExpr(c);
            case IsDistinctExpression d -> ExprForms.distinct(this, d);
            case RegExpMatchOperator r -> ExprForms.regexMatch(this, r);
            case ExtractExpression x -> function("extract", List.of(new Expr.Const(x.getName(), DataType.UNKNOWN),
                    bind(x.getExpression())));
            case TrimFunction t -> ExprForms.trim(this, t);
            case BinaryExpression b -> throw DbException.notSupported("operator " + b.getStringExpression());
            default -> throw DbException.notSupported("expression " + e.getClass().getSimpleName() + " (" + e + ")");
        };
    }

    // ---- literals and parameters

    private static Expr integerLiteral(String text) {
        try {
            long v = Long.parseLong(text);
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return new Expr.Const((int) v, DataType.INT4);
            }
            return new Expr.Const(v, DataType.INT8);
        } catch (NumberFormatException ex) {
            return new Expr.Const(new BigDecimal(text), DataType.NUMERIC);
        }
    }

    private static Expr stringLiteral(StringValue s) {
        String raw = s.getValue();
        String prefix = s.getPrefix() == null ? "" : s.getPrefix().toUpperCase(Locale.ROOT);
        String value = switch (prefix) {
            case "" -> raw.replace("''", "'");
            case "E" -> unescape(raw);
            case "N" -> raw.replace("''", "'");
            default -> throw DbException.notSupported(prefix + "'...' string literals");
        };
        return new Expr.Const(value, DataType.UNKNOWN);
    }

    /** Backslash escapes of E'...' strings. */
    private static String unescape(String raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\'' && i + 1 < raw.length() && raw.charAt(i + 1) == '\'') {
                sb.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < raw.length()) {
                char n = raw.charAt(++i);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private Expr typedLiteral(DateTimeLiteralExpression d) {
        String v = d.getValue();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1).replace("''", "'");
        }
        DataType type = switch (d.getType()) {
            case DATE -> DataType.DATE;
            case TIMESTAMP -> DataType.TIMESTAMP;
            case TIMESTAMPTZ -> DataType.TIMESTAMPTZ;
            default -> throw DbException.notSupported("type " + d.getType().name().toLowerCase(Locale.ROOT));
        };
        return new Expr.Const(TextCodec.parse(v, type, ctx.textFormat()), type);
    }

    private Expr parameter(JdbcParameter p) {
        if (p.getIndex() == null || !p.isUseFixedIndex()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"?\"");
        }
        int index = p.getIndex() - 1;
        DataType t = params.get(index);
        return new Expr.ParamRef(index, t == null ? DataType.UNKNOWN : t);
    }

    // ---- names

    private Expr column(Column c) {
        String name = Names.identifier(c.getColumnName());
        String table = c.getTable() == null || c.getTable().getName() == null ? null
                : Names.identifier(c.getTable().getName());
        String schema = c.getTable() == null || c.getTable().getSchemaName() == null ? null
                : Names.identifier(c.getTable().getSchemaName());
        if (table == null && isKeywordColumn(c)) {
            String lower = c.getColumnName().toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return new Expr.Const(lower.equals("true"), DataType.BOOL);
            }
            return function(lower, List.of());
        }
        Scope.Resolved found = scope.lookup(schema, table, name);
        Scope.ScopeColumn col = found == null ? null : found.column();
        if (col == null) {
            if (table != null) {
                throw new DbException(SqlState.UNDEFINED_COLUMN, "column " + table + "." + name + " does not exist");
            }
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
        }
        if (col.relation() != null) {
            privileges.need(col.relation(), Privilege.SELECT, col.name());
        }
        if (found.levelsUp() > 0) {
            return new Expr.OuterRef(found.levelsUp(), col.index(), col.type(), col.name());
        }
        return new Expr.ColumnRef(col.index(), col.type(), col.name());
    }

    private SubqueryBinder subqueries() {
        if (subqueries == null) {
            throw DbException.notSupported("subqueries in this context");
        }
        return new SubqueryBinder(this, subqueries);
    }

    private static boolean isKeywordColumn(Column c) {
        if (c.getTable() != null && c.getTable().getName() != null) {
            return false;
        }
        String raw = c.getColumnName();
        if (raw.startsWith("\"")) {
            return false;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false") || Functions.isParameterlessKeyword(lower);
    }

    private String qualifiedRefName(Column c, Expr.ColumnRef ref) {
        for (Scope.Item item : scope.items()) {
            for (Scope.ScopeColumn sc : item.columns()) {
                if (sc.index() == ref.index()) {
                    return item.refName() + "." + sc.name();
                }
            }
        }
        return Names.identifier(c.getColumnName());
    }

    // ---- operators

    /** A comparison, including {@code x op ANY/ALL (array)} over the arrays LarchDB can produce. */
    private Expr comparison(String op, Expression left, Expression right) {
        if (right instanceof net.sf.jsqlparser.expression.AnyComparisonExpression any) {
            return subqueries().quantified(op, left, any);
        }
        if (right instanceof Function f && f.getParameters() != null && f.getParameters().size() == 1) {
            String quantifier = f.getName().toLowerCase(Locale.ROOT);
            if (quantifier.equals("any") || quantifier.equals("some") || quantifier.equals("all")) {
                List<Expr> elements = arrayElements(f.getParameters().get(0));
                if (elements == null) {
                    return ArrayExprs.quantified(this, op, bind(left), bind(f.getParameters().get(0)),
                            quantifier.equals("all"));
                }
                Expr value = bind(left);
                List<Expr> tests = new ArrayList<>();
                for (Expr element : elements) {
                    tests.add(applyOperator(op, value, element));
                }
                if (tests.isEmpty()) {
                    return new Expr.Const(quantifier.equals("all"), DataType.BOOL);
                }
                return quantifier.equals("all") ? new Expr.And(tests) : new Expr.Or(tests);
            }
        }
        return operator(op, left, right);
    }

    /**
     * Elements of an array-valued expression. Arrays are not a LarchDB type yet; the one array
     * clients need at connect time, {@code current_schemas(bool)} (pgjdbc's type lookups), is expanded here.
     */
    private List<Expr> arrayElements(Expression e) {
        if (e instanceof Function f && Names.identifier(f.getName()).equals("current_schemas")
                && f.getParameters() != null && f.getParameters().size() == 1) {
            Expr flag = coerce(bind(f.getParameters().get(0)), DataType.BOOL, Casts.Context.IMPLICIT);
            if (!(flag instanceof Expr.Const c) || c.value() == null) {
                throw DbException.notSupported("current_schemas() with a non-constant argument");
            }
            List<Expr> out = new ArrayList<>();
            List<String> path = new ArrayList<>();
            if ((Boolean) c.value() && !ctx.searchPath().contains("pg_catalog")) {
                path.add("pg_catalog");
            }
            for (String schema : ctx.searchPath()) {
                path.add(schema.equals("$user") ? ctx.role().name() : schema);
            }
            for (String schema : path) {
                if (ctx.catalog().namespace(schema) != null) {
                    out.add(new Expr.Const(schema, DataType.NAME));
                }
            }
            return out;
        }
        return null; // a real array value: see ArrayExprs.quantified
    }

    private Expr operator(String op, Expression left, Expression right) {
        return applyOperator(op, bind(left), bind(right));
    }

    Expr applyOperator(String op, Expr l, Expr r) {
        if (Operators.needsTimeZone(op, l.type(), r.type())) {
            return IntervalExprs.bind(this, op, l, r);
        }
        Operator resolved = Operators.resolveBinary(op, l.type(), r.type());
        // text || anynonarray converts the other side with its output function, as PostgreSQL's anytextcat.
        Casts.Context context = op.equals("||") ? Casts.Context.EXPLICIT : Casts.Context.IMPLICIT;
        return new Expr.OpCall(resolved, coerce(l, resolved.left(), context), coerce(r, resolved.right(), context));
    }

    private Expr signed(SignedExpression s) {
        Expression inner = s.getExpression();
        if (s.getSign() == '-' && inner instanceof LongValue l) {
            return integerLiteral("-" + l.getStringValue());
        }
        if (s.getSign() == '-' && inner instanceof DoubleValue d) {
            return new Expr.Const(new BigDecimal("-" + d), DataType.NUMERIC);
        }
        Expr operand = bind(inner);
        if (s.getSign() == '~') {
            throw DbException.notSupported("operator ~");
        }
        Operator op = Operators.resolvePrefix(String.valueOf(s.getSign()), operand.type());
        return new Expr.PrefixCall(op, coerce(operand, op.right() != null ? op.right() : op.left(),
                Casts.Context.IMPLICIT));
    }

    private Expr isBoolean(IsBooleanExpression e) {
        Expr arg = requireBoolean(bind(e.getLeftExpression()), "IS " + (e.isTrue() ? "TRUE" : "FALSE"));
        // IS [NOT] TRUE/FALSE never yields NULL: "arg IS NOT NULL AND arg" is FALSE for a NULL arg.
        Expr result = new Expr.And(List.of(new Expr.IsNull(arg, true), e.isTrue() ? arg : new Expr.Not(arg)));
        return e.isNot() ? new Expr.Not(result) : result;
    }

    /** [NOT] LIKE / ILIKE with PostgreSQL's pattern rules (default escape: backslash). */
    private Expr like(LikeExpression like) {
        if (like.getLikeKeyWord() == LikeExpression.KeyWord.SIMILAR_TO) {
            return ExprForms.similarTo(this, like);
        }
        boolean caseInsensitive = switch (like.getLikeKeyWord()) {
            case LIKE -> false;
            case ILIKE -> true;
            default -> throw DbException.notSupported(like.getLikeKeyWord().name().replace('_', ' '));
        };
        Expr value = bind(like.getLeftExpression());
        Expr pattern = bind(like.getRightExpression());
        String op = caseInsensitive ? "~~*" : "~~";
        for (Expr operand : List.of(value, pattern)) {
            PgType t = operand.type().type();
            if (t != PgType.UNKNOWN && !t.isString()) {
                throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                        + value.type().displayName() + " " + op + " " + pattern.type().displayName())
                        .withHint("No operator matches the given name and argument types. "
                                + "You might need to add explicit type casts.");
            }
        }
        List<Expr> args = new ArrayList<>(List.of(coerce(value, DataType.TEXT, Casts.Context.IMPLICIT),
                coerce(pattern, DataType.TEXT, Casts.Context.IMPLICIT)));
        if (like.getEscape() != null) {
            args.add(coerce(bind(like.getEscape()), DataType.TEXT, Casts.Context.IMPLICIT));
        }
        Expr call = new Expr.FuncCall(LikePattern.function(caseInsensitive, args.size() == 3), args, DataType.BOOL);
        return like.isNot() ? new Expr.Not(call) : call;
    }

    private Expr between(Between b) {
        Expr value = bind(b.getLeftExpression());
        Expr start = bind(b.getBetweenExpressionStart());
        Expr end = bind(b.getBetweenExpressionEnd());
        Expr both = new Expr.And(List.of(applyOperator(">=", value, start), applyOperator("<=", value, end)));
        if (PreParse.isSymmetric(b)) {
            // PostgreSQL expands x BETWEEN SYMMETRIC a AND b to (x >= a AND x <= b) OR (x >= b AND x <= a).
            Expr reversed = new Expr.And(List.of(applyOperator(">=", value, end), applyOperator("<=", value, start)));
            both = new Expr.Or(List.of(both, reversed));
        }
        return b.isNot() ? new Expr.Not(both) : both;
    }

    private Expr inList(InExpression in) {
        if (in.getRightExpression() instanceof net.sf.jsqlparser.statement.select.Select sub) {
            return subqueries().in(in.getLeftExpression(), sub, in.isNot());
        }
        if (!(in.getRightExpression() instanceof ExpressionList<?> list)) {
            throw DbException.notSupported("IN (subquery)");
        }
        Expr value = bind(in.getLeftExpression());
        List<Expr> tests = new ArrayList<>();
        for (Expression item : list) {
            tests.add(applyOperator("=", value, bind(item)));
        }
        Expr any = tests.size() == 1 ? tests.get(0) : new Expr.Or(tests);
        return in.isNot() ? new Expr.Not(any) : any;
    }

    private Expr caseExpr(CaseExpression c) {
        Expr subject = c.getSwitchExpression() == null ? null : bind(c.getSwitchExpression());
        List<Expr> conditions = new ArrayList<>();
        List<Expr> results = new ArrayList<>();
        for (WhenClause w : c.getWhenClauses()) {
            Expr when = bind(w.getWhenExpression());
            conditions.add(subject == null ? requireBoolean(when, "CASE/WHEN") : applyOperator("=", subject, when));
            results.add(bind(w.getThenExpression()));
        }
        Expr elseResult = c.getElseExpression() == null ? null : bind(c.getElseExpression());
        // PostgreSQL passes the ELSE result first, so it is the first type named in a mismatch error
        List<DataType> types = new ArrayList<>();
        if (elseResult != null) {
            types.add(elseResult.type());
        }
        types.addAll(results.stream().map(Expr::type).toList());
        DataType type = Operators.commonType(types, "CASE");
        List<Expr> coerced = results.stream().map(r -> coerce(r, type, Casts.Context.IMPLICIT)).toList();
        return new Expr.Case(conditions, coerced,
                elseResult == null ? null : coerce(elseResult, type, Casts.Context.IMPLICIT), type);
    }

    // ---- functions and aggregates

    static boolean isAggregate(Function f) {
        return switch (f.getName().toLowerCase(Locale.ROOT)) {
            case "count", "sum", "min", "max", "bool_and", "bool_or", "every", "avg" -> true;
            case "string_agg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop" -> true;
            case "array_agg", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg" -> true;
            default -> false;
        };
    }

    private Expr windowCall(net.sf.jsqlparser.expression.AnalyticExpression a) {
        if (windowBan != null) {
            throw new DbException(SqlState.WINDOWING_ERROR, windowBan);
        }
        if (windows == null) {
            throw new DbException(SqlState.WINDOWING_ERROR, "window functions are not allowed here");
        }
        return windows.bind(a, this);
    }

    static boolean containsAggregate(Expression e) {
        boolean[] found = {false};
        e.accept(new net.sf.jsqlparser.util.deparser.ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(Function function, S context) {
                // GROUPING() is evaluated over the aggregate's output like an aggregate call.
                if (isAggregate(function) || GroupingSets.isGrouping(function)) {
                    found[0] = true;
                }
                return super.visit(function, context);
            }

            @Override
            public <S> StringBuilder visit(net.sf.jsqlparser.expression.AnalyticExpression a, S context) {
                if (a.getType() == net.sf.jsqlparser.expression.AnalyticType.FILTER_ONLY) {
                    found[0] = true;
                }
                return super.visit(a, context);
            }

            // An aggregate inside a subquery belongs to the subquery's level, not this one.
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

    private Expr functionCall(Function f) {
        String name = Names.identifier(f.getName());
        if (f.getMultipartName() != null && f.getMultipartName().size() > 1) {
            String schema = Names.identifier(f.getMultipartName().get(0));
            if (!schema.equals("pg_catalog")) {
                throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + f + " does not exist");
            }
            name = Names.identifier(f.getMultipartName().get(f.getMultipartName().size() - 1));
        }
        if (isAggregate(f)) {
            return aggregate(name, f);
        }
        if (GroupingSets.isGrouping(f)) {
            return GroupingSets.grouping(this, f, groupingSets);
        }
        if (WindowBinder.isWindowFunction(name)) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "window function " + name + " requires an OVER clause");
        }
        if (f.isDistinct() || isStar(f)) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "DISTINCT specified, but " + name
                    + " is not an aggregate function");
        }
        if (f.getParameters() == null && f.getNamedParameters() != null) {
            return ExprForms.namedForm(this, name, f.getNamedParameters());
        }
        if (name.equals("make_interval") && f.getParameters() != null) {
            return IntervalExprs.makeInterval(this, f.getParameters());
        }
        List<Expr> args = new ArrayList<>();
        if (f.getParameters() != null) {
            for (Expression a : f.getParameters()) {
                args.add(bind(a));
            }
        }
        if (SetReturningFunctions.isSetReturning(name)) {
            if (setFunctions == null) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed here");
            }
            return setFunctions.bind(this, name, args);
        }
        if (ArrayFunctions.handles(name)) {
            return ArrayFunctions.bind(this, name, args);
        }
        if (JsonFunctions.handles(name)) {
            return JsonFunctions.bind(this, name, args);
        }
        return ExprForms.isSpecial(name) ? ExprForms.special(this, name, args) : function(name, args);
    }

    Expr function(String name, List<Expr> args) {
        List<DataType> types = args.stream().map(Expr::type).toList();
        FunctionSignature sig = FunctionResolution.resolve(name, Functions.lookup(name), types);
        if (sig.result() == null) {
            throw DbException.notSupported("type interval (function " + name + ")");
        }
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expr a = args.get(i);
            coerced.add(i < sig.argTypes().size() ? coerce(a, sig.argTypes().get(i), Casts.Context.IMPLICIT)
                    : ExprForms.asOutputText(coerceUnknownToText(a)));
        }
        return new Expr.FuncCall(sig.function(), coerced, sig.result());
    }

    private Expr coerceUnknownToText(Expr e) {
        return e.type().type() == PgType.UNKNOWN ? coerce(e, DataType.TEXT, Casts.Context.IMPLICIT) : e;
    }

    /** {@code f(*)}: JSqlParser marks it either as all-columns or with a lone {@code *} argument. */
    private static boolean isStar(Function f) {
        return f.isAllColumns() || (f.getParameters() != null && f.getParameters().size() == 1
                && f.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns);
    }

    private Expr aggregate(String name, Function f) {
        return new AggregateBinder(this).bind(AggregateBinder.Syntax.of(name, f));
    }

    /** Binds over the input row even in aggregation mode (aggregate arguments, FILTER, ORDER BY). */
    Expr bindOverInput(Expression e) {
        List<Expr> keys = groupKeys;
        groupKeys = null;
        try {
            return bind(e);
        } finally {
            groupKeys = keys;
        }
    }

    /** Adds an aggregate to the aggregate node being built; returns its column in the node's output. */
    Expr registerAggregate(AggregateCall call, String name) {
        if (groupKeys == null) {
            throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed here");
        }
        int index = aggregates.indexOf(call);
        if (index < 0) {
            aggregates.add(call);
            index = aggregates.size() - 1;
        }
        return new Expr.ColumnRef(groupKeys.size() + index, call.type(), name);
    }

    Expr requireBooleanArgument(Expr bound, String clause) {
        return requireBoolean(bound, clause);
    }

    // ---- coercion

    /** Converts an expression to {@code target} in the given cast context, typing literals and parameters. */
    Expr coerce(Expr e, DataType target, Casts.Context context) {
        PgType from = e.type().type();
        if (target.type() == PgType.UNKNOWN) {
            return e;
        }
        if (e instanceof Expr.Const c && from == PgType.UNKNOWN) {
            Object v = c.value() == null ? null
                    : Casts.cast(c.value(), DataType.UNKNOWN, target, context, ctx.textFormat());
            return new Expr.Const(v, target);
        }
        if (e instanceof Expr.ParamRef p && from == PgType.UNKNOWN) {
            params.set(p.index(), target);
            Expr typed = new Expr.ParamRef(p.index(), DataType.of(target.type()));
            return target.typmod() >= 0 ? new Expr.Cast(typed, target, context) : typed;
        }
        if (from == target.type()) {
            if (target.typmod() >= 0 && target.typmod() != e.type().typmod()) {
                return new Expr.Cast(e, target, context);
            }
            return e;
        }
        if (e instanceof Expr.Const c && c.value() == null) {
            return new Expr.Const(null, target);
        }
        if (!Casts.canCast(from, target.type(), context)) {
            if (context == Casts.Context.EXPLICIT) {
                throw new DbException(SqlState.CANNOT_COERCE, "cannot cast type " + e.type().displayName()
                        + " to " + target.displayName());
            }
            throw new DbException(SqlState.DATATYPE_MISMATCH, "cannot convert type " + e.type().displayName()
                    + " to " + target.displayName());
        }
        return new Expr.Cast(e, target, context);
    }

    /** An explicit cast: {@code CAST(x AS t)} or {@code x::t}. */
    Expr explicitCast(Expr e, DataType target) {
        return coerce(e, target, Casts.Context.EXPLICIT);
    }

    /**
     * Coerces a value for storage in a column (assignment context), with PostgreSQL's error:
     * 42804 {@code column "a" is of type integer but expression is of type boolean}.
     */
    Expr coerceForColumn(Expr e, DataType target, String columnName) {
        PgType from = e.type().type();
        if (from != PgType.UNKNOWN && from != target.type()
                && !Casts.canCast(from, target.type(), Casts.Context.ASSIGNMENT)
                && !(e instanceof Expr.Const c && c.value() == null)) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "column \"" + columnName + "\" is of type "
                    + target.displayName() + " but expression is of type " + e.type().displayName())
                    .withHint("You will need to rewrite or cast the expression.");
        }
        return coerce(e, target, Casts.Context.ASSIGNMENT);
    }

    // ---- output column names (PostgreSQL's FigureColname)

    static String columnName(Expression e) {
        String name = figureName(e);
        return name == null ? "?column?" : name;
    }

    /**
     * The name PostgreSQL gives an output column, or null for "?column?". Column references and
     * function calls name strongly; a cast of something unnamed takes its type's name.
     */
    private static String figureName(Expression e) {
        return switch (e) {
            case Column c -> {
                String raw = c.getColumnName();
                String lower = raw.toLowerCase(Locale.ROOT);
                if (!raw.startsWith("\"") && (lower.equals("true") || lower.equals("false"))) {
                    yield null;
                }
                yield Names.identifier(raw);
            }
            case Function f -> Names.identifier(f.getMultipartName() != null && f.getMultipartName().size() > 1
                    ? f.getMultipartName().get(f.getMultipartName().size() - 1) : f.getName());
            case net.sf.jsqlparser.expression.AnalyticExpression a -> Names.identifier(a.getName());
            case net.sf.jsqlparser.statement.select.ParenthesedSelect p -> SubqueryBinder.columnName(p);
            case net.sf.jsqlparser.expression.operators.relational.ExistsExpression x -> x.isNot() ? null : "exists";
            case TimeKeyExpression t -> t.getStringValue().toLowerCase(Locale.ROOT);
            case net.sf.jsqlparser.expression.ArrayConstructor a -> "array";
            case net.sf.jsqlparser.expression.ArrayExpression a -> figureName(a.getObjExpression());
            case CastExpression c -> {
                Expression inner = c.getLeftExpression();
                while (inner instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
                    inner = p.get(0);
                }
                if (inner instanceof Column || inner instanceof Function || inner instanceof TimeKeyExpression
                        || inner instanceof net.sf.jsqlparser.expression.ArrayConstructor
                        || inner instanceof net.sf.jsqlparser.expression.ArrayExpression) {
                    String innerName = figureName(inner);
                    if (innerName != null) {
                        yield innerName;
                    }
                }
                yield TypeNames.resolve(c.getColDataType().getDataType(),
                        c.getColDataType().getArgumentsStringList()).type().typname();
            }
            case CaseExpression c -> "case";
            case ExtractExpression x -> "extract";
            case net.sf.jsqlparser.expression.IntervalExpression iv -> "interval";
            case TrimFunction t -> ExprForms.trimFunctionName(t);
            case ParenthesedExpressionList<?> p when p.size() == 1 -> figureName(p.get(0));
            case DateTimeLiteralExpression d -> switch (d.getType()) {
                case DATE -> "date";
                case TIMESTAMP -> "timestamp";
                case TIMESTAMPTZ -> "timestamptz";
                default -> null;
            };
            default -> null;
        };
    }
}
