package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.expr.ScalarFunction;
import org.larchdb.engine.types.ArrayValue;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.JsonValues;
import org.larchdb.engine.types.JsonWriter;
import org.larchdb.engine.types.Jsonb;
import org.larchdb.engine.types.Operator;
import org.larchdb.engine.types.PgType;

/**
 * The json/jsonb functions whose arguments are of any type (to_json, json_build_object...) and those over
 * json/jsonb values (jsonb_typeof, jsonb_array_length, jsonb_pretty, jsonb_extract_path...). They are bound here
 * because the function registry only knows fixed argument types.
 */
final class JsonFunctions {
    private JsonFunctions() {
    }

    private static final DataType JSON = DataType.of(PgType.JSON);
    private static final DataType JSONB = DataType.of(PgType.JSONB);

    private static final Set<String> NAMES = Set.of("to_json", "to_jsonb", "json_build_object", "jsonb_build_object",
            "json_build_array", "jsonb_build_array", "json_typeof", "jsonb_typeof", "json_array_length",
            "jsonb_array_length", "jsonb_pretty", "json_extract_path", "jsonb_extract_path",
            "json_extract_path_text", "jsonb_extract_path_text", "jsonb_strip_nulls", "json_strip_nulls");

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    static Expr bind(ExprBinder binder, String name, List<Expr> rawArgs) {
        List<Expr> args = new ArrayList<>();
        boolean anyArguments = name.startsWith("to_json") || name.contains("_build_");
        for (Expr a : rawArgs) {
            if (!anyArguments) {
                args.add(a);
                continue;
            }
            // untyped literals are text, as for PostgreSQL's "any" parameters
            args.add(a.type().type() == PgType.UNKNOWN ? binder.coerce(a, DataType.TEXT, Casts.Context.IMPLICIT) : a);
        }
        List<DataType> types = args.stream().map(Expr::type).toList();
        boolean b = name.startsWith("jsonb");
        DataType self = b || name.equals("to_jsonb") ? JSONB : JSON;
        return switch (name) {
            case "to_json", "to_jsonb" -> {
                arity(name, args, 1);
                DataType t = types.get(0);
                yield call(name, true, args, self, (v, c) -> self == JSONB
                        ? new Jsonb(JsonValues.toJsonb(v[0], t, c.textFormat()))
                        : JsonValues.toJsonText(v[0], t, c.textFormat()));
            }
            case "json_build_object", "jsonb_build_object" -> {
                if (args.size() % 2 != 0) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                            "argument list must have even number of elements")
                            .withHint("The arguments of " + name
                                    + "() must consist of alternating keys and values.");
                }
                yield call(name, false, args, self, (v, c) -> {
                    TreeMap<String, Object> map = Jsonb.newObject();
                    StringBuilder sb = new StringBuilder("{");
                    for (int i = 0; i < v.length; i += 2) {
                        if (v[i] == null) {
                            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "argument " + (i + 1)
                                    + ": key must not be null");
                        }
                        String key = keyText(v[i], types.get(i), c);
                        if (self == JSONB) {
                            map.put(key, JsonValues.toJsonb(v[i + 1], types.get(i + 1), c.textFormat()));
                        } else {
                            sb.append(i == 0 ? "" : ", ");
                            JsonWriter.quote(sb, key);
                            sb.append(" : ").append(JsonValues.toJsonText(v[i + 1], types.get(i + 1),
                                    c.textFormat()));
                        }
                    }
                    return self == JSONB ? new Jsonb(map) : sb.append('}').toString();
                });
            }
            case "json_build_array", "jsonb_build_array" -> call(name, false, args, self, (v, c) -> {
                List<Object> list = new ArrayList<>();
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < v.length; i++) {
                    if (self == JSONB) {
                        list.add(JsonValues.toJsonb(v[i], types.get(i), c.textFormat()));
                    } else {
                        sb.append(i == 0 ? "" : ", ").append(JsonValues.toJsonText(v[i], types.get(i),
                                c.textFormat()));
                    }
                }
                return self == JSONB ? new Jsonb(list) : sb.append(']').toString();
            });
            case "json_typeof", "jsonb_typeof" -> {
                List<Expr> one = typed(binder, name, args, self, 1);
                yield call(name, true, one, DataType.TEXT, (v, c) -> root(v[0]) instanceof Object r
                        ? typeName(r) : null);
            }
            case "json_array_length", "jsonb_array_length" -> {
                List<Expr> one = typed(binder, name, args, self, 1);
                yield call(name, true, one, DataType.INT4, (v, c) -> {
                    Object r = root(v[0]);
                    if (r instanceof List<?> l) {
                        return l.size();
                    }
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE, r instanceof Map
                            ? "cannot get array length of a non-array" : "cannot get array length of a scalar");
                });
            }
            case "jsonb_pretty" -> call(name, true, typed(binder, name, args, JSONB, 1), DataType.TEXT,
                    (v, c) -> JsonWriter.pretty(((Jsonb) v[0]).root()));
            case "jsonb_strip_nulls", "json_strip_nulls" -> call(name, true, typed(binder, name, args, self, 1),
                    self, (v, c) -> {
                        Object stripped = stripNulls(root(v[0]));
                        return self == JSONB ? new Jsonb(stripped) : JsonWriter.write(stripped);
                    });
            default -> {
                // json(b)_extract_path(_text)(from, VARIADIC path text[])
                if (args.isEmpty()) {
                    throw noFunction(name, types);
                }
                boolean asText = name.endsWith("_text");
                List<Expr> coerced = new ArrayList<>();
                coerced.add(binder.coerce(args.get(0), self, Casts.Context.IMPLICIT));
                for (int i = 1; i < args.size(); i++) {
                    coerced.add(binder.coerce(args.get(i), DataType.TEXT, Casts.Context.IMPLICIT));
                }
                Operator path = org.larchdb.engine.types.Operators.resolveBinary(asText ? "#>>" : "#>", self,
                        DataType.of(PgType.TEXT_ARRAY));
                yield call(name, true, coerced, asText ? DataType.TEXT : self, (v, c) -> path.apply(v[0],
                        ArrayValue.of(java.util.Arrays.asList(v).subList(1, v.length))));
            }
        };
    }

    private static Object root(Object value) {
        return value instanceof Jsonb j ? j.root() : Jsonb.parse((String) value).root();
    }

    private static String typeName(Object r) {
        return new Jsonb(r).typeName();
    }

    private static Object stripNulls(Object v) {
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = Jsonb.newObject();
            m.forEach((k, x) -> {
                if (x != Jsonb.NULL) {
                    out.put((String) k, stripNulls(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(JsonFunctions::stripNulls).toList();
        }
        return v;
    }

    private static String keyText(Object key, DataType type, org.larchdb.engine.expr.EvalContext c) {
        return key instanceof String s ? s : org.larchdb.engine.types.TextCodec.format(key, type, c.textFormat());
    }

    private static List<Expr> typed(ExprBinder binder, String name, List<Expr> args, DataType type, int n) {
        arity(name, args, n);
        PgType have = args.get(0).type().type();
        if (have != type.type() && have != PgType.UNKNOWN && !Casts.canCast(have, type.type(), Casts.Context.IMPLICIT)) {
            throw noFunction(name, args.stream().map(Expr::type).toList());
        }
        return List.of(binder.coerce(args.get(0), type, Casts.Context.IMPLICIT));
    }

    private static void arity(String name, List<Expr> args, int n) {
        if (args.size() != n) {
            throw noFunction(name, args.stream().map(Expr::type).toList());
        }
    }

    static DbException noFunction(String name, List<DataType> types) {
        return new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + "("
                + String.join(", ", types.stream().map(DataType::displayName).toList()) + ") does not exist")
                .withHint("No function matches the given name and argument types. You might need to add explicit "
                        + "type casts.");
    }

    private static Expr call(String name, boolean strict, List<Expr> args, DataType result, ScalarFunction.Impl f) {
        return new Expr.FuncCall(new ScalarFunction(name, strict, f), args, result);
    }
}
