package org.larchdb.engine.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL values as JSON (to_json / to_jsonb and the json builders): numbers stay numbers (except NaN and the
 * infinities, which become strings), booleans booleans, arrays JSON arrays, date/time values ISO 8601 strings,
 * json and jsonb their own trees; everything else the string of its output function.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** The jsonb tree of a value (SQL NULL becomes JSON null). */
    public static Object toJsonb(Object v, DataType type, TextFormat format) {
        if (v == null) {
            return Jsonb.NULL;
        }
        PgType t = type.type();
        if (t.isArray()) {
            List<Object> out = new ArrayList<>();
            DataType elementType = ArrayText.elementType(type);
            ArrayValue a = (ArrayValue) v;
            if (a.ndims() > 1) {
                return nested(a, elementType, format, 0, new int[] {0});
            }
            for (Object e : a.elements()) {
                out.add(toJsonb(e, elementType, format));
            }
            return out;
        }
        return switch (t) {
            case JSONB -> ((Jsonb) v).root();
            case JSON -> Jsonb.parse((String) v).root();
            case BOOL -> v;
            case INT2, INT4, INT8 -> new BigDecimal(v.toString());
            case NUMERIC -> v instanceof BigDecimal d ? d : TextCodec.format(v, type, format);
            case FLOAT4, FLOAT8 -> {
                double d = ((Number) v).doubleValue();
                String s = TextCodec.format(v, type, format);
                yield Double.isNaN(d) || Double.isInfinite(d) ? s : new BigDecimal(s);
            }
            case DATE, TIMESTAMP, TIMESTAMPTZ -> isoText(v, type, format);
            default -> TextCodec.format(v, type, format);
        };
    }

    private static Object nested(ArrayValue a, DataType elementType, TextFormat format, int dim, int[] index) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.dims()[dim]; i++) {
            if (dim + 1 < a.ndims()) {
                out.add(nested(a, elementType, format, dim + 1, index));
            } else {
                out.add(toJsonb(a.elements()[index[0]++], elementType, format));
            }
        }
        return out;
    }

    /** json text of a value, as to_json writes it (json values are kept verbatim). */
    public static String toJsonText(Object v, DataType type, TextFormat format) {
        if (v == null) {
            return "null";
        }
        PgType t = type.type();
        if (t == PgType.JSON) {
            return (String) v;
        }
        if (t.isArray()) {
            ArrayValue a = (ArrayValue) v;
            DataType elementType = ArrayText.elementType(type);
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(toJsonText(a.elements()[i], elementType, format));
            }
            return sb.append(']').toString();
        }
        if (t == PgType.JSONB) {
            return v.toString();
        }
        return JsonWriter.write(toJsonb(v, type, format));
    }

    /** JSON's date/time form: ISO 8601 with a 'T', zones as +HH:MM. */
    private static String isoText(Object v, DataType type, TextFormat format) {
        String s = TextCodec.format(v, type, format);
        if (type.type() == PgType.DATE || s.indexOf(' ') < 0) {
            return s;
        }
        s = s.replaceFirst(" ", "T");
        if (type.type() == PgType.TIMESTAMPTZ) {
            int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
            if (sign > 10 && s.length() - sign == 3) {
                s = s + ":00";
            }
        }
        return s;
    }
}
