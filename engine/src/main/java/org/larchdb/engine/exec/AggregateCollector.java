package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.types.ArrayOps;
import org.larchdb.engine.types.ArrayValue;
import org.larchdb.engine.types.JsonWriter;
import org.larchdb.engine.types.Jsonb;

/**
 * The state of the collecting aggregates, which keep NULL inputs: array_agg (an array, multidimensional for array
 * inputs), json_agg / json_object_agg (json text; the binder has already turned each value into json text) and
 * jsonb_agg / jsonb_object_agg (jsonb; values already jsonb). All give NULL over no rows.
 */
final class AggregateCollector {
    private final AggregateCall call;
    private final List<Object> values = new ArrayList<>();
    private final List<Object> keys = new ArrayList<>();

    AggregateCollector(AggregateCall call) {
        this.call = call;
    }

    void add(Object value, Object extra) {
        switch (call.function()) {
            case JSON_OBJECT_AGG, JSONB_OBJECT_AGG -> {
                // argument: the key as text; extra: the value, already json(b)
                if (value == null) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
                }
                keys.add(value);
                values.add(extra);
            }
            default -> values.add(value);
        }
    }

    Object finish() {
        if (values.isEmpty()) {
            return null;
        }
        return switch (call.function()) {
            case ARRAY_AGG -> call.argument().type().type().isArray() ? ArrayOps.construct(values, true)
                    : ArrayValue.of(values);
            case JSON_AGG -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < values.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(values.get(i) == null ? "null" : (String) values.get(i));
                }
                yield sb.append(']').toString();
            }
            case JSONB_AGG -> {
                List<Object> out = new ArrayList<>();
                for (Object v : values) {
                    out.add(v == null ? Jsonb.NULL : ((Jsonb) v).root());
                }
                yield new Jsonb(out);
            }
            case JSON_OBJECT_AGG -> {
                StringBuilder sb = new StringBuilder("{ ");
                for (int i = 0; i < values.size(); i++) {
                    sb.append(i == 0 ? "" : ", ");
                    JsonWriter.quote(sb, (String) keys.get(i));
                    sb.append(" : ").append(values.get(i) == null ? "null" : (String) values.get(i));
                }
                yield sb.append(" }").toString();
            }
            default -> {
                TreeMap<String, Object> out = Jsonb.newObject();
                for (int i = 0; i < values.size(); i++) {
                    out.put((String) keys.get(i), values.get(i) == null ? Jsonb.NULL : ((Jsonb) values.get(i)).root());
                }
                yield new Jsonb(out);
            }
        };
    }
}
