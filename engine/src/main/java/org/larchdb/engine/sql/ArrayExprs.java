package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.expr.ScalarFunction;
import org.larchdb.engine.types.ArrayOps;
import org.larchdb.engine.types.ArrayText;
import org.larchdb.engine.types.ArrayValue;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operator;
import org.larchdb.engine.types.Operators;
import org.larchdb.engine.types.PgType;

/** Binding of array syntax: ARRAY[...], subscripts and slices, casts to array types, {@code x op ANY/ALL (array)}. */
final class ArrayExprs {
    private ArrayExprs() {
    }

    /** The target type of a cast, with its array brackets ({@code '{1}'::int[]}). */
    static DataType castType(CastExpression cast) {
        DataType base = TypeNames.resolve(cast.getColDataType().getDataType(),
                cast.getColDataType().getArgumentsStringList());
        List<Integer> dims = cast.getColDataType().getArrayData();
        return dims == null || dims.isEmpty() ? base : TypeNames.arrayOf(base, null);
    }

    /** A cast expression; {@code ARRAY[]::int[]} takes its type from the cast. */
    static Expr cast(ExprBinder binder, CastExpression cast) {
        DataType target = castType(cast);
        if (cast.getLeftExpression() instanceof ArrayConstructor a && a.getExpressions() != null
                && a.getExpressions().isEmpty() || cast.getLeftExpression() instanceof ArrayConstructor b
                && b.getExpressions() == null) {
            if (!target.type().isArray()) {
                throw new DbException(SqlState.CANNOT_COERCE, "cannot cast type integer[] to "
                        + target.displayName());
            }
            return new Expr.Const(ArrayValue.EMPTY, target);
        }
        return binder.explicitCast(binder.bind(cast.getLeftExpression()), target);
    }

    /** ARRAY[e1, e2, ...]: the elements' common type; elements that are arrays make a multidimensional array. */
    static Expr construct(ExprBinder binder, ArrayConstructor a) {
        List<Expr> elements = new ArrayList<>();
        if (a.getExpressions() != null) {
            for (Expression e : a.getExpressions()) {
                elements.add(e instanceof ArrayConstructor inner ? construct(binder, inner) : binder.bind(e));
            }
        }
        if (elements.isEmpty()) {
            throw new DbException(SqlState.INDETERMINATE_DATATYPE, "cannot determine type of empty array")
                    .withHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].");
        }
        DataType common = Operators.commonType(elements.stream().map(Expr::type).toList(), "ARRAY");
        if (common.type() == PgType.UNKNOWN) {
            common = DataType.TEXT;
        }
        boolean nested = common.type().isArray();
        DataType arrayType = nested ? common : ArrayText.arrayOf(common);
        if (arrayType == null) {
            throw new DbException(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                    + common.displayName());
        }
        List<Expr> coerced = new ArrayList<>();
        for (Expr e : elements) {
            coerced.add(binder.coerce(e, common, Casts.Context.IMPLICIT));
        }
        ScalarFunction f = new ScalarFunction("array", false,
                (args, ctx) -> ArrayOps.construct(java.util.Arrays.asList(args), nested));
        return new Expr.FuncCall(f, coerced, arrayType);
    }

    /** {@code col[i]} or {@code col[i][j]} as JSqlParser gives them on a column. */
    static Expr columnSubscript(ExprBinder binder, Column c) {
        ArrayConstructor index = c.getArrayConstructor();
        Column base = new Column(c.getTable(), c.getColumnName());
        Expr array = binder.bind(base);
        if (index.getExpressions().size() == 1 && JsonExprs.sliceBounds(index.getExpressions().get(0)) != null) {
            Expression[] bounds = JsonExprs.sliceBounds(index.getExpressions().get(0));
            return slice(binder, array, bounds[0], bounds[1]);
        }
        List<Expression> subscripts = new ArrayList<>();
        for (Expression e : index.getExpressions()) {
            subscripts.add(e);
        }
        return subscript(binder, array, subscripts);
    }

    /** {@code expr[i]}, {@code expr[i][j]} or {@code expr[lo:hi]}. */
    static Expr arrayExpression(ExprBinder binder, ArrayExpression e) {
        if (e.getIndexExpression() != null && JsonExprs.sliceBounds(e.getIndexExpression()) != null) {
            Expression[] bounds = JsonExprs.sliceBounds(e.getIndexExpression());
            return slice(binder, binder.bind(e.getObjExpression()), bounds[0], bounds[1]);
        }
        List<Expression> indexes = new ArrayList<>();
        Expression obj = e;
        while (obj instanceof ArrayExpression ae && ae.getIndexExpression() != null) {
            indexes.add(0, ae.getIndexExpression());
            obj = ae.getObjExpression();
        }
        if (obj instanceof ArrayExpression slice) {
            if (!indexes.isEmpty()) {
                throw DbException.notSupported("subscripts of array slices");
            }
            return slice(binder, binder.bind(slice.getObjExpression()), slice.getStartIndexExpression(),
                    slice.getStopIndexExpression());
        }
        if (obj instanceof Column c && c.getArrayConstructor() != null) {
            throw DbException.notSupported("this subscript form");
        }
        return subscript(binder, binder.bind(obj), indexes);
    }

    /** {@code array[lo:hi]}; a null bound expression is an omitted bound. */
    private static Expr slice(ExprBinder binder, Expr arrayExpr, Expression loExpr, Expression hiExpr) {
        {
            Expr array = requireArray(arrayExpr);
            Expr lo = loExpr == null ? new Expr.Const(null, DataType.INT4)
                    : binder.coerce(binder.bind(loExpr), DataType.INT4, Casts.Context.IMPLICIT);
            Expr hi = hiExpr == null ? new Expr.Const(null, DataType.INT4)
                    : binder.coerce(binder.bind(hiExpr), DataType.INT4, Casts.Context.IMPLICIT);
            boolean openLo = loExpr == null;
            boolean openHi = hiExpr == null;
            ScalarFunction f = new ScalarFunction("array_slice", false, (args, ctx) -> {
                if (args[0] == null || (!openLo && args[1] == null) || (!openHi && args[2] == null)) {
                    return null;
                }
                return ArrayOps.slice((ArrayValue) args[0], (Integer) args[1], (Integer) args[2]);
            });
            return new Expr.FuncCall(f, List.of(array, lo, hi), array.type());
        }
    }

    private static Expr subscript(ExprBinder binder, Expr array, List<Expression> subscripts) {
        requireArray(array);
        List<Expr> args = new ArrayList<>();
        args.add(array);
        for (Expression s : subscripts) {
            Expr bound = binder.bind(s);
            if (bound.type().type() != PgType.UNKNOWN && !Casts.canCast(bound.type().type(), PgType.INT4,
                    Casts.Context.ASSIGNMENT)) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer");
            }
            args.add(binder.coerce(bound, DataType.INT4, Casts.Context.ASSIGNMENT));
        }
        ScalarFunction f = new ScalarFunction("array_subscript", true, (values, ctx) -> {
            int[] idx = new int[values.length - 1];
            for (int i = 1; i < values.length; i++) {
                idx[i - 1] = (Integer) values[i];
            }
            return ArrayOps.subscript((ArrayValue) values[0], idx);
        });
        return new Expr.FuncCall(f, args, ArrayText.elementType(array.type()));
    }

    private static Expr requireArray(Expr array) {
        if (!array.type().type().isArray()) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "cannot subscript type "
                    + array.type().displayName() + " because it does not support subscripting");
        }
        return array;
    }

    /**
     * {@code value op ANY (array)} / {@code ALL}: true/false by the element results, NULL when undecided and some
     * comparison was NULL, false for ANY and true for ALL over an empty array (ScalarArrayOpExpr).
     */
    static Expr quantified(ExprBinder binder, String op, Expr value, Expr array, boolean all) {
        if (array.type().type() == PgType.UNKNOWN) {
            DataType arrayType = value.type().type() == PgType.UNKNOWN ? DataType.of(PgType.TEXT_ARRAY)
                    : ArrayText.arrayOf(value.type());
            if (arrayType == null) {
                throw DbException.notSupported("arrays of type " + value.type().displayName());
            }
            array = binder.coerce(array, arrayType, Casts.Context.IMPLICIT);
        }
        if (!array.type().type().isArray()) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires array on right side");
        }
        DataType elementType = ArrayText.elementType(array.type());
        Operator resolved = Operators.resolveBinary(op, value.type(), elementType);
        if (resolved.result().type() != PgType.BOOL) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires operator to yield boolean");
        }
        Expr left = binder.coerce(value, resolved.left(), Casts.Context.IMPLICIT);
        DataType wantArray = ArrayText.arrayOf(resolved.right());
        Expr right = wantArray == null || wantArray.type() == array.type().type() ? array
                : binder.coerce(array, wantArray, Casts.Context.IMPLICIT);
        ScalarFunction f = new ScalarFunction(all ? "all" : "any", false, (args, ctx) -> {
            if (args[1] == null) {
                return null;
            }
            ArrayValue a = (ArrayValue) args[1];
            if (a.size() == 0) {
                return all;
            }
            if (args[0] == null) {
                return null;
            }
            boolean sawNull = false;
            for (Object e : a.elements()) {
                Boolean r = e == null ? null : (Boolean) resolved.apply(args[0], e);
                if (r == null) {
                    sawNull = true;
                } else if (r != all) {
                    return r;
                }
            }
            return sawNull ? null : all;
        });
        return new Expr.FuncCall(f, List.of(left, right), DataType.BOOL);
    }
}
