package org.larchdb.engine.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * The json and jsonb operators: {@code -> ->> #> #>>} (both types), {@code @> <@ ? ?| ?& || -} (jsonb).
 * An untyped literal on the right takes the type PostgreSQL's operator resolution gives it (text for keys,
 * jsonb for containment and concatenation).
 */
public final class JsonbOperators {
    private JsonbOperators() {
    }

    private static final DataType JSON = DataType.of(PgType.JSON);
    private static final DataType JSONB = DataType.of(PgType.JSONB);
    private static final DataType TEXT_ARRAY = DataType.of(PgType.TEXT_ARRAY);

    /** The operator, or null when {@code op} over these types is not a json operator. */
    public static Operator resolve(String op, DataType left, DataType right) {
        PgType l = left.type();
        PgType r = right.type();
        if (l == PgType.UNKNOWN && (r == PgType.JSONB || r == PgType.JSON) && !op.equals("<@")) {
            l = r; // e.g. '{"a":1}' || j
        }
        if (l != PgType.JSON && l != PgType.JSONB) {
            if (op.equals("<@") && r == PgType.JSONB && l == PgType.UNKNOWN) {
                l = PgType.JSONB;
            } else {
                return null;
            }
        }
        boolean b = l == PgType.JSONB;
        DataType self = b ? JSONB : JSON;
        return switch (op) {
            case "->", "->>" -> {
                boolean asText = op.equals("->>");
                DataType result = asText ? DataType.TEXT : self;
                if (isIntegral(r)) {
                    yield new Operator(op, self, DataType.INT4, result, (x, k) -> b
                            ? jsonbResult(element(((Jsonb) x).root(), (Integer) k), asText)
                            : jsonResult(JsonNavigation.element((String) x, (Integer) k), asText));
                }
                if (r == PgType.UNKNOWN || r.isString()) {
                    yield new Operator(op, self, DataType.TEXT, result, (x, k) -> b
                            ? jsonbResult(field(((Jsonb) x).root(), (String) k), asText)
                            : jsonResult(JsonNavigation.field((String) x, (String) k), asText));
                }
                yield null;
            }
            case "#>", "#>>" -> {
                if (r != PgType.UNKNOWN && r != PgType.TEXT_ARRAY) {
                    yield null;
                }
                boolean asText = op.equals("#>>");
                yield new Operator(op, self, TEXT_ARRAY, asText ? DataType.TEXT : self, (x, p) -> b
                        ? jsonbResult(path(((Jsonb) x).root(), (ArrayValue) p), asText)
                        : jsonResult(jsonPath((String) x, (ArrayValue) p), asText));
            }
            case "@>", "<@" -> {
                if (!b || (r != PgType.JSONB && r != PgType.UNKNOWN)) {
                    yield null;
                }
                boolean reversed = op.equals("<@");
                yield new Operator(op, JSONB, JSONB, DataType.BOOL, (x, y) -> reversed
                        ? contains(((Jsonb) y).root(), ((Jsonb) x).root())
                        : contains(((Jsonb) x).root(), ((Jsonb) y).root()));
            }
            case "?" -> b && (r == PgType.UNKNOWN || r.isString()) ? new Operator(op, JSONB, DataType.TEXT,
                    DataType.BOOL, (x, k) -> exists(((Jsonb) x).root(), (String) k)) : null;
            case "?|", "?&" -> {
                if (!b || (r != PgType.UNKNOWN && r != PgType.TEXT_ARRAY)) {
                    yield null;
                }
                boolean any = op.equals("?|");
                yield new Operator(op, JSONB, TEXT_ARRAY, DataType.BOOL, (x, keys) -> {
                    for (Object k : ((ArrayValue) keys).elements()) {
                        if (k == null) {
                            continue;
                        }
                        boolean found = exists(((Jsonb) x).root(), (String) k);
                        if (found == any) {
                            return any;
                        }
                    }
                    return !any;
                });
            }
            case "||" -> b && (r == PgType.JSONB || r == PgType.UNKNOWN)
                    ? new Operator(op, JSONB, JSONB, JSONB, (x, y) -> new Jsonb(concat(((Jsonb) x).root(),
                    ((Jsonb) y).root()))) : null;
            case "-" -> {
                if (!b) {
                    yield null;
                }
                if (isIntegral(r)) {
                    yield new Operator(op, JSONB, DataType.INT4, JSONB,
                            (x, i) -> new Jsonb(deleteIndex(((Jsonb) x).root(), (Integer) i)));
                }
                if (r == PgType.UNKNOWN || r.isString()) {
                    yield new Operator(op, JSONB, DataType.TEXT, JSONB,
                            (x, k) -> new Jsonb(deleteKey(((Jsonb) x).root(), (String) k)));
                }
                if (r == PgType.TEXT_ARRAY) {
                    yield new Operator(op, JSONB, TEXT_ARRAY, JSONB, (x, keys) -> {
                        Object v = ((Jsonb) x).root();
                        for (Object k : ((ArrayValue) keys).elements()) {
                            if (k != null) {
                                v = deleteKey(v, (String) k);
                            }
                        }
                        return new Jsonb(v);
                    });
                }
                yield null;
            }
            default -> null;
        };
    }

    private static boolean isIntegral(PgType t) {
        return t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8;
    }

    /** A member as the operator returns it: jsonb, or for ->> the text (strings unquoted, JSON null as NULL). */
    static Object jsonbResult(Object v, boolean asText) {
        if (v == null) {
            return null;
        }
        if (!asText) {
            return new Jsonb(v);
        }
        if (v == Jsonb.NULL) {
            return null;
        }
        return v instanceof String s ? s : JsonWriter.write(v);
    }

    private static Object jsonResult(String raw, boolean asText) {
        if (raw == null) {
            return null;
        }
        if (!asText) {
            return raw;
        }
        Object v = Jsonb.parse(raw).root();
        if (v == Jsonb.NULL) {
            return null;
        }
        return v instanceof String s ? s : raw;
    }

    static Object field(Object v, String key) {
        return v instanceof Map<?, ?> m ? m.get(key) : null;
    }

    /** Array element; a negative index counts from the end. */
    static Object element(Object v, int index) {
        if (!(v instanceof List<?> l)) {
            return null;
        }
        int i = index < 0 ? l.size() + index : index;
        return i >= 0 && i < l.size() ? l.get(i) : null;
    }

    static Object path(Object v, ArrayValue path) {
        for (Object step : path.elements()) {
            if (step == null || v == null) {
                return null;
            }
            String s = (String) step;
            if (v instanceof List<?>) {
                try {
                    v = element(v, Integer.parseInt(s.strip()));
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                v = field(v, s);
            }
        }
        return v;
    }

    /** json #>: the raw text of the value at a path (kept exactly as written, as in PostgreSQL), or null. */
    static String jsonPath(String raw, ArrayValue path) {
        for (Object step : path.elements()) {
            if (step == null || raw == null) {
                return null;
            }
            String s = (String) step;
            if (raw.strip().startsWith("[")) {
                try {
                    raw = JsonNavigation.element(raw, Integer.parseInt(s.strip()));
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                raw = JsonNavigation.field(raw, s);
            }
        }
        return raw;
    }

    /** jsonb ?: a key of an object, a string element of an array, or an equal string scalar. */
    static boolean exists(Object v, String key) {
        return switch (v) {
            case Map<?, ?> m -> m.containsKey(key);
            case List<?> l -> l.contains(key);
            case String s -> s.equals(key);
            default -> false;
        };
    }

    /** jsonb @>: PostgreSQL's JsonbDeepContains. */
    static boolean contains(Object a, Object b) {
        if (a instanceof Map<?, ?> ma) {
            if (!(b instanceof Map<?, ?> mb)) {
                return false;
            }
            for (Map.Entry<?, ?> e : mb.entrySet()) {
                if (!ma.containsKey(e.getKey())) {
                    return false;
                }
                Object av = ma.get(e.getKey());
                Object bv = e.getValue();
                boolean container = av instanceof Map || av instanceof List;
                if (container ? !contains(av, bv) : JsonbOrder.compare(av, bv) != 0) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la) {
            if (b instanceof List<?> lb) {
                for (Object be : lb) {
                    boolean found = false;
                    for (Object ae : la) {
                        boolean container = be instanceof Map || be instanceof List;
                        if (container ? (ae instanceof Map || ae instanceof List) && contains(ae, be)
                                : !(ae instanceof Map || ae instanceof List) && JsonbOrder.compare(ae, be) == 0) {
                            found = true;
                            break;
                        }
                    }
                    if (!found) {
                        return false;
                    }
                }
                return true;
            }
            // a raw scalar is contained in an array holding it (the top-level special case)
            return !(b instanceof Map) && la.stream().anyMatch(x -> !(x instanceof Map || x instanceof List)
                    && JsonbOrder.compare(x, b) == 0);
        }
        return !(b instanceof Map || b instanceof List) && JsonbOrder.compare(a, b) == 0;
    }

    /** jsonb ||: objects merge (right wins), otherwise arrays concatenate with scalars/objects wrapped. */
    static Object concat(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeMap<String, Object> out = Jsonb.newObject();
            ma.forEach((k, v) -> out.put((String) k, v));
            mb.forEach((k, v) -> out.put((String) k, v));
            return out;
        }
        List<Object> out = new ArrayList<>();
        if (a instanceof List<?> la) {
            out.addAll(la);
        } else {
            out.add(a);
        }
        if (b instanceof List<?> lb) {
            out.addAll(lb);
        } else {
            out.add(b);
        }
        return out;
    }

    static Object deleteKey(Object v, String key) {
        return switch (v) {
            case Map<?, ?> m -> {
                TreeMap<String, Object> out = Jsonb.newObject();
                m.forEach((k, x) -> out.put((String) k, x));
                out.remove(key);
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                for (Object e : l) {
                    if (!key.equals(e)) {
                        out.add(e);
                    }
                }
                yield out;
            }
            default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        };
    }

    static Object deleteIndex(Object v, int index) {
        return switch (v) {
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l);
                int i = index < 0 ? l.size() + index : index;
                if (i >= 0 && i < l.size()) {
                    out.remove(i);
                }
                yield out;
            }
            case Map<?, ?> m -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                    "cannot delete from object using integer index");
            default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        };
    }

    /** Whether a BigDecimal-valued JSON number is integral (used by jsonb to int casts' callers). */
    static boolean integral(BigDecimal d) {
        return d.stripTrailingZeros().scale() <= 0;
    }
}
