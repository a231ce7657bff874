package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.select.TableFunction;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.FunctionScanNode;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.SetFunction;
import org.larchdb.engine.plan.SetFunctionCall;
import org.larchdb.engine.plan.ValuesNode;
import org.larchdb.engine.sql.functions.FunctionResolution;
import org.larchdb.engine.sql.functions.FunctionSignature;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Set-returning functions: their overloads and resolution (PostgreSQL's rules, so
 * {@code generate_series(1, 'a')} fails on the integer input and three unknowns are ambiguous),
 * and function calls as FROM items: {@code f(...) [AS] alias [(column, ...)]}, the single column named
 * after the alias when no column list is given, plus a bigint {@code ordinality} column WITH ORDINALITY.
 * A plain scalar function in FROM gives one row.
 */
final class SetReturningFunctions {
    private static final List<FunctionSignature> GENERATE_SERIES = List.of(
            overload(SetFunction.GENERATE_SERIES_INT4, DataType.INT4, DataType.INT4),
            overload(SetFunction.GENERATE_SERIES_INT4, DataType.INT4, DataType.INT4, DataType.INT4),
            overload(SetFunction.GENERATE_SERIES_INT8, DataType.INT8, DataType.INT8),
            overload(SetFunction.GENERATE_SERIES_INT8, DataType.INT8, DataType.INT8, DataType.INT8),
            overload(SetFunction.GENERATE_SERIES_NUMERIC, DataType.NUMERIC, DataType.NUMERIC),
            overload(SetFunction.GENERATE_SERIES_NUMERIC, DataType.NUMERIC, DataType.NUMERIC, DataType.NUMERIC),
            overload(SetFunction.GENERATE_SERIES_TIMESTAMP, DataType.TIMESTAMP, DataType.TIMESTAMP, DataType.INTERVAL),
            overload(SetFunction.GENERATE_SERIES_TIMESTAMPTZ, DataType.TIMESTAMPTZ, DataType.TIMESTAMPTZ,
                    DataType.INTERVAL));

    private SetReturningFunctions() {
    }

    private static FunctionSignature overload(SetFunction function, DataType... args) {
        // The scalar implementation is never called: the binder turns these calls into SetFunctionCalls.
        return new FunctionSignature("generate_series", List.of(args), function.resultType(), false,
                new org.larchdb.engine.expr.ScalarFunction(function.name(), true, (values, context) -> {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                            "set-valued function called in context that cannot accept a set");
                }));
    }

    static boolean isSetReturning(String name) {
        return name.equals("generate_series");
    }

    /** Whether {@code f} (as written) names a set-returning function. */
    static boolean isSetReturning(Function f) {
        return f.getName() != null && isSetReturning(Names.identifier(f.getName()))
                && (f.getMultipartName() == null || f.getMultipartName().size() == 1);
    }

    /** Resolves a call over bound arguments and casts them to the chosen overload's parameter types. */
    static SetFunctionCall resolve(ExprBinder binder, String name, List<Expr> args) {
        List<DataType> types = args.stream().map(Expr::type).toList();
        if (!types.isEmpty() && types.stream().allMatch(t -> t.type() == PgType.UNKNOWN)) {
            // No argument says which numeric or datetime overload is meant (PostgreSQL's unknown-category rule).
            throw new DbException(SqlState.AMBIGUOUS_FUNCTION, "function " + name + "("
                    + String.join(", ", java.util.Collections.nCopies(types.size(), "unknown")) + ") is not unique")
                    .withHint("Could not choose a best candidate function. You might need to add explicit type casts.");
        }
        FunctionSignature sig = FunctionResolution.resolve(name, GENERATE_SERIES, types);
        SetFunction function = SetFunction.valueOf(sig.function().name());
        List<Expr> cast = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            cast.add(binder.coerce(args.get(i), sig.argTypes().get(i), Casts.Context.IMPLICIT));
        }
        return new SetFunctionCall(function, cast);
    }

    /**
     * A function call in FROM. {@code outer} is the scope its arguments may reference beyond the
     * enclosing queries: the FROM items to its left (a function in FROM is implicitly LATERAL).
     */
    static SelectAnalyzer.FromResult fromItem(SelectAnalyzer owner, TableFunction item, Scope outer,
                                              boolean ordinality) {
        Function f = item.getFunction();
        if (f.getMultipartName() != null && f.getMultipartName().size() > 1
                && !Names.identifier(f.getMultipartName().get(0)).equals("pg_catalog")) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + f + " does not exist");
        }
        String name = Names.identifier(f.getMultipartName() == null ? f.getName()
                : f.getMultipartName().get(f.getMultipartName().size() - 1));
        Scope argScope = Scope.empty();
        if (outer != null) {
            argScope.setParent(outer);
        }
        ExprBinder binder = owner.binder(argScope);
        binder.banWindows("window functions are not allowed in functions in FROM");
        if (ExprBinder.containsAggregate(f)) {
            throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in functions in FROM");
        }
        PlanNode plan;
        DataType type;
        if (isSetReturning(name)) {
            List<Expr> args = new ArrayList<>();
            if (f.getParameters() != null) {
                for (Expression a : f.getParameters()) {
                    args.add(binder.bind(a));
                }
            }
            SetFunctionCall call = resolve(binder, name, args);
            plan = new FunctionScanNode(call, ordinality);
            type = call.type();
        } else {
            Expr value = binder.bind(f);
            if (value.type().type() == PgType.UNKNOWN) {
                value = binder.coerce(value, DataType.TEXT, Casts.Context.IMPLICIT);
            }
            type = value.type();
            List<Expr> row = new ArrayList<>(List.of(value));
            List<DataType> types = new ArrayList<>(List.of(type));
            if (ordinality) {
                row.add(new Expr.Const(1L, DataType.INT8));
                types.add(DataType.INT8);
            }
            plan = new ValuesNode(List.of(row), types);
        }
        Alias alias = item.getAlias();
        String ref = alias != null ? Names.identifier(alias.getName()) : name;
        List<String> names = new ArrayList<>();
        boolean columnList = alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty();
        names.add(alias != null && !columnList ? ref : name);
        List<DataType> types = new ArrayList<>(List.of(type));
        if (ordinality) {
            names.add("ordinality");
            types.add(DataType.INT8);
        }
        if (columnList) {
            var given = alias.getAliasColumns();
            if (given.size() > names.size()) {
                throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + ref + "\" has "
                        + names.size() + " columns available but " + given.size() + " columns specified");
            }
            for (int i = 0; i < given.size(); i++) {
                names.set(i, Names.identifier(given.get(i).name));
            }
        }
        Scope scope = Scope.empty();
        scope.add(ref, null, names, types, null);
        return new SelectAnalyzer.FromResult(plan, scope);
    }
}
