package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.expr.ScalarFunction;
import org.larchdb.engine.types.ArrayOps;
import org.larchdb.engine.types.ArrayText;
import org.larchdb.engine.types.ArrayValue;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;
import org.larchdb.engine.types.TextCodec;

/**
 * The array functions, polymorphic over anyarray/anyelement (which the function registry cannot express):
 * the array type comes from the arguments, an untyped literal takes the other arguments' type.
 */
final class ArrayFunctions {
    private ArrayFunctions() {
    }

    private static final Set<String> NAMES = Set.of("array_length", "cardinality", "array_append", "array_prepend",
            "array_cat", "array_position", "array_remove", "array_lower", "array_upper", "array_dims", "array_ndims",
            "string_to_array", "array_to_string", "unnest");

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    static Expr bind(ExprBinder binder, String name, List<Expr> args) {
        List<DataType> types = args.stream().map(Expr::type).toList();
        return switch (name) {
            case "unnest" -> throw DbException.notSupported("set-returning function unnest in this context");
            case "array_length", "array_lower", "array_upper" -> {
                need(name, types, 2);
                Expr a = array(binder, name, args.get(0), null, types);
                Expr d = intArg(binder, name, args.get(1), types);
                yield call(name, List.of(a, d), DataType.INT4, v -> switch (name) {
                    case "array_length" -> ArrayOps.length((ArrayValue) v[0], (Integer) v[1]);
                    case "array_lower" -> ArrayOps.lower((ArrayValue) v[0], (Integer) v[1]);
                    default -> ArrayOps.upper((ArrayValue) v[0], (Integer) v[1]);
                });
            }
            case "cardinality", "array_ndims" -> {
                need(name, types, 1);
                Expr a = array(binder, name, args.get(0), null, types);
                yield call(name, List.of(a), DataType.INT4, v -> name.equals("cardinality")
                        ? ((ArrayValue) v[0]).size() : ((ArrayValue) v[0]).ndims() == 0 ? null
                        : ((ArrayValue) v[0]).ndims());
            }
            case "array_dims" -> {
                need(name, types, 1);
                Expr a = array(binder, name, args.get(0), null, types);
                yield call(name, List.of(a), DataType.TEXT, v -> ArrayOps.dimsText((ArrayValue) v[0]));
            }
            case "array_append", "array_prepend", "array_position", "array_remove" -> {
                need(name, types, 2);
                boolean elementFirst = name.equals("array_prepend");
                Expr rawArray = args.get(elementFirst ? 1 : 0);
                Expr rawElement = args.get(elementFirst ? 0 : 1);
                Expr a = array(binder, name, rawArray, rawElement, types);
                DataType elementType = ArrayText.elementType(a.type());
                Expr e = binder.coerce(rawElement, elementType, Casts.Context.IMPLICIT);
                PgType et = elementType.type();
                List<Expr> bound = elementFirst ? List.of(e, a) : List.of(a, e);
                yield switch (name) {
                    case "array_append" -> nonStrict(name, bound, a.type(),
                            v -> ArrayOps.append(v[0] == null ? ArrayValue.EMPTY : (ArrayValue) v[0], v[1]));
                    case "array_prepend" -> nonStrict(name, bound, a.type(),
                            v -> ArrayOps.prepend(v[0], v[1] == null ? ArrayValue.EMPTY : (ArrayValue) v[1]));
                    case "array_position" -> nonStrict(name, bound, DataType.INT4,
                            v -> v[0] == null ? null : ArrayOps.position((ArrayValue) v[0], v[1], et));
                    default -> nonStrict(name, bound, a.type(),
                            v -> v[0] == null ? null : ArrayOps.remove((ArrayValue) v[0], v[1], et));
                };
            }
            case "array_cat" -> {
                need(name, types, 2);
                Expr a = args.get(0).type().type() == PgType.UNKNOWN && types.get(1).type().isArray()
                        ? binder.coerce(args.get(0), types.get(1), Casts.Context.IMPLICIT)
                        : array(binder, name, args.get(0), null, types);
                Expr b = binder.coerce(args.get(1), a.type(), Casts.Context.IMPLICIT);
                yield nonStrict(name, List.of(a, b), a.type(), v -> v[0] == null ? v[1] : v[1] == null ? v[0]
                        : ArrayOps.cat((ArrayValue) v[0], (ArrayValue) v[1]));
            }
            case "string_to_array" -> {
                if (args.size() < 2 || args.size() > 3) {
                    throw JsonFunctions.noFunction(name, types);
                }
                List<Expr> text = new ArrayList<>();
                for (Expr x : args) {
                    text.add(binder.coerce(x, DataType.TEXT, Casts.Context.IMPLICIT));
                }
                yield nonStrict(name, text, DataType.of(PgType.TEXT_ARRAY),
                        v -> v[0] == null ? null : stringToArray((String) v[0], (String) v[1],
                                v.length > 2 ? (String) v[2] : null));
            }
            default -> { // array_to_string(anyarray, text [, text])
                if (args.size() < 2 || args.size() > 3) {
                    throw JsonFunctions.noFunction(name, types);
                }
                Expr a = array(binder, name, args.get(0), null, types);
                DataType elementType = ArrayText.elementType(a.type());
                List<Expr> bound = new ArrayList<>();
                bound.add(a);
                for (int i = 1; i < args.size(); i++) {
                    bound.add(binder.coerce(args.get(i), DataType.TEXT, Casts.Context.IMPLICIT));
                }
                yield new Expr.FuncCall(new ScalarFunction(name, false, (v, c) -> {
                    if (v[0] == null || v[1] == null) {
                        return null;
                    }
                    StringBuilder sb = new StringBuilder();
                    boolean first = true;
                    for (Object e : ((ArrayValue) v[0]).elements()) {
                        String s = e == null ? (v.length > 2 ? (String) v[2] : null)
                                : TextCodec.format(e, elementType, c.textFormat());
                        if (s == null) {
                            continue;
                        }
                        sb.append(first ? "" : (String) v[1]).append(s);
                        first = false;
                    }
                    return sb.toString();
                }), bound, DataType.TEXT);
            }
        };
    }

    /** string_to_array: a NULL delimiter splits into characters, an empty one gives the whole string. */
    static ArrayValue stringToArray(String s, String delimiter, String nullString) {
        List<Object> out = new ArrayList<>();
        if (s.isEmpty()) {
            return ArrayValue.EMPTY;
        }
        if (delimiter == null) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else if (delimiter.isEmpty()) {
            out.add(s);
        } else {
            int start = 0;
            while (true) {
                int i = s.indexOf(delimiter, start);
                out.add(s.substring(start, i < 0 ? s.length() : i));
                if (i < 0) {
                    break;
                }
                start = i + delimiter.length();
            }
        }
        if (nullString != null) {
            out.replaceAll(x -> nullString.equals(x) ? null : x);
        }
        return ArrayValue.of(out);
    }

    /** The array argument; an untyped literal becomes an array of the element argument's type (or text). */
    private static Expr array(ExprBinder binder, String name, Expr a, Expr element, List<DataType> types) {
        PgType t = a.type().type();
        if (t == PgType.UNKNOWN) {
            DataType want = element == null || element.type().type() == PgType.UNKNOWN
                    ? DataType.of(PgType.TEXT_ARRAY) : ArrayText.arrayOf(element.type());
            if (want == null) {
                throw JsonFunctions.noFunction(name, types);
            }
            return binder.coerce(a, want, Casts.Context.IMPLICIT);
        }
        if (!t.isArray()) {
            throw JsonFunctions.noFunction(name, types);
        }
        return a;
    }

    private static Expr intArg(ExprBinder binder, String name, Expr e, List<DataType> types) {
        PgType t = e.type().type();
        if (t != PgType.UNKNOWN && !Casts.canCast(t, PgType.INT4, Casts.Context.IMPLICIT)) {
            throw JsonFunctions.noFunction(name, types);
        }
        return binder.coerce(e, DataType.INT4, Casts.Context.IMPLICIT);
    }

    private static void need(String name, List<DataType> types, int n) {
        if (types.size() != n) {
            throw JsonFunctions.noFunction(name, types);
        }
    }

    private interface Body {
        Object apply(Object[] v);
    }

    private static Expr call(String name, List<Expr> args, DataType result, Body body) {
        return new Expr.FuncCall(new ScalarFunction(name, true, (v, c) -> body.apply(v)), args, result);
    }

    private static Expr nonStrict(String name, List<Expr> args, DataType result, Body body) {
        return new Expr.FuncCall(new ScalarFunction(name, false, (v, c) -> body.apply(v)), args, result);
    }
}
