package org.larchdb.engine.sql;

import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.expr.ScalarFunction;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.types.ArrayText;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.JsonValues;
import org.larchdb.engine.types.Jsonb;
import org.larchdb.engine.types.PgType;

/**
 * Binding of array_agg, json_agg, jsonb_agg, json_object_agg and jsonb_object_agg. Values are converted to json
 * text / jsonb per row here (where the session's time zone is at hand), so the executor only collects them.
 */
final class AggregateCollectors {
    private AggregateCollectors() {
    }

    record Bound(AggregateCall.Function function, Expr argument, Expr extra, DataType type) {
    }

    static Bound bind(ExprBinder binder, String name, Expr arg, Expr second) {
        return switch (name) {
            case "array_agg" -> {
                DataType type = arg.type().type().isArray() ? arg.type() : ArrayText.arrayOf(arg.type());
                if (type == null) {
                    throw new DbException(SqlState.UNDEFINED_FUNCTION, "function array_agg("
                            + arg.type().displayName() + ") does not exist");
                }
                yield new Bound(AggregateCall.Function.ARRAY_AGG, arg, null, type);
            }
            case "json_agg" -> new Bound(AggregateCall.Function.JSON_AGG, asJson(arg, false), null,
                    DataType.of(PgType.JSON));
            case "jsonb_agg" -> new Bound(AggregateCall.Function.JSONB_AGG, asJson(arg, true), null,
                    DataType.of(PgType.JSONB));
            default -> {
                boolean b = name.startsWith("jsonb");
                Expr value = second.type().type() == PgType.UNKNOWN
                        ? binder.coerce(second, DataType.TEXT, Casts.Context.IMPLICIT) : second;
                yield new Bound(b ? AggregateCall.Function.JSONB_OBJECT_AGG : AggregateCall.Function.JSON_OBJECT_AGG,
                        ExprForms.asOutputText(arg), asJson(value, b), DataType.of(b ? PgType.JSONB : PgType.JSON));
            }
        };
    }

    /** The value as jsonb or json text; SQL NULL stays NULL (the collector writes it as JSON null). */
    private static Expr asJson(Expr e, boolean jsonb) {
        DataType type = e.type();
        ScalarFunction f = new ScalarFunction(jsonb ? "to_jsonb" : "to_json", true, (a, c) -> jsonb
                ? new Jsonb(JsonValues.toJsonb(a[0], type, c.textFormat()))
                : JsonValues.toJsonText(a[0], type, c.textFormat()));
        return new Expr.FuncCall(f, List.of(e), DataType.of(jsonb ? PgType.JSONB : PgType.JSON));
    }
}
