package org.larchdb.engine.types;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A jsonb value: a normalized JSON tree. Objects are {@link TreeMap}s in jsonb key order (shorter keys first, then
 * bytewise, duplicates keep the last value), arrays {@link List}s, numbers {@link BigDecimal}, strings
 * {@link String}, booleans {@link Boolean} and JSON null {@link #NULL}. Trees are never mutated once built.
 */
public record Jsonb(Object root) implements Comparable<Jsonb> {

    /** JSON's null, distinct from SQL NULL (which is Java null around the whole value). */
    public enum JsonNull { INSTANCE }

    public static final Object NULL = JsonNull.INSTANCE;

    /** jsonb's object key order: length first, then bytes (PostgreSQL's lengthCompareJsonbString). */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return java.util.Arrays.compareUnsigned(x, y);
    };

    public static TreeMap<String, Object> newObject() {
        return new TreeMap<>(KEY_ORDER);
    }

    /** Parses jsonb text input (22P02 with PostgreSQL's detail on bad input). */
    public static Jsonb parse(String text) {
        return new Jsonb(JsonParser.parse(text, true));
    }

    /** The jsonb type name of the root as jsonb_typeof says it. */
    public String typeName() {
        return typeOf(root);
    }

    static String typeOf(Object v) {
        return switch (v) {
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            case String s -> "string";
            case BigDecimal d -> "number";
            case Boolean b -> "boolean";
            default -> "null";
        };
    }

    @Override
    public String toString() {
        return JsonWriter.write(root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jsonb j && JsonbOrder.compare(root, j.root) == 0;
    }

    @Override
    public int hashCode() {
        return hash(root);
    }

    /** Consistent with {@link #equals}: numbers equal across scales hash alike. */
    private static int hash(Object v) {
        return switch (v) {
            case Map<?, ?> m -> {
                int h = 1;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    h = h * 31 + e.getKey().hashCode() * 17 + hash(e.getValue());
                }
                yield h;
            }
            case List<?> l -> {
                int h = 2;
                for (Object e : l) {
                    h = h * 31 + hash(e);
                }
                yield h;
            }
            case BigDecimal d -> d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
            default -> v.hashCode();
        };
    }

    @Override
    public int compareTo(Jsonb o) {
        return JsonbOrder.compare(root, o.root);
    }
}
