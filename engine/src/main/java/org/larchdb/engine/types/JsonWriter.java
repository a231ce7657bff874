package org.larchdb.engine.types;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Writes JSON text: jsonb's output form ({@code {"a": 1, "b": [1, 2]}}) and the escaping of json strings. */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** jsonb_out of a tree. */
    public static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, -1, 0);
        return sb.toString();
    }

    /** jsonb_pretty: four-space indentation, one element or field per line. */
    public static String pretty(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, 0, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indentStep, int level) {
        boolean pretty = indentStep >= 0;
        switch (v) {
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    sb.append('{');
                    if (pretty) {
                        newline(sb, level);
                    }
                    sb.append('}');
                    return;
                }
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(first ? "" : ",");
                    if (pretty) {
                        newline(sb, level + 1);
                    } else if (!first) {
                        sb.append(' ');
                    }
                    first = false;
                    quote(sb, (String) e.getKey());
                    sb.append(": ");
                    write(sb, e.getValue(), indentStep, level + 1);
                }
                if (pretty) {
                    newline(sb, level);
                }
                sb.append('}');
            }
            case List<?> l -> {
                if (l.isEmpty()) {
                    sb.append('[');
                    if (pretty) {
                        newline(sb, level);
                    }
                    sb.append(']');
                    return;
                }
                sb.append('[');
                boolean first = true;
                for (Object e : l) {
                    sb.append(first ? "" : ",");
                    if (pretty) {
                        newline(sb, level + 1);
                    } else if (!first) {
                        sb.append(' ');
                    }
                    first = false;
                    write(sb, e, indentStep, level + 1);
                }
                if (pretty) {
                    newline(sb, level);
                }
                sb.append(']');
            }
            case String s -> quote(sb, s);
            case BigDecimal d -> sb.append(NumericValues.format(d));
            case Boolean b -> sb.append(b ? "true" : "false");
            default -> sb.append("null");
        }
    }

    private static void newline(StringBuilder sb, int level) {
        sb.append('\n');
        sb.append("    ".repeat(level));
    }

    /** escape_json: a JSON string literal. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        quote(sb, s);
        return sb.toString();
    }
}
