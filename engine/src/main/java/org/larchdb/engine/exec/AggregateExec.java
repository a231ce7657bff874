package org.larchdb.engine.exec;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.plan.AggregateNode;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operator;
import org.larchdb.engine.types.Operators;
import org.larchdb.engine.types.PgType;

/** Runs an {@link AggregateNode} with a hash table of groups, in memory. */
public final class AggregateExec implements RowSource {
    private final AggregateNode node;
    private final RowSource input;
    private final ExecContext ctx;
    private Iterator<Map.Entry<GroupKey, Object[]>> results;

    public AggregateExec(AggregateNode node, RowSource input, ExecContext ctx) {
        this.node = node;
        this.input = input;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (results == null) {
            results = aggregate().entrySet().iterator();
        }
        if (!results.hasNext()) {
            return null;
        }
        Map.Entry<GroupKey, Object[]> e = results.next();
        Object[] keys = e.getKey().values();
        Object[] states = e.getValue();
        Object[] out = new Object[keys.length + states.length];
        System.arraycopy(keys, 0, out, 0, keys.length);
        for (int i = 0; i < states.length; i++) {
            out[keys.length + i] = finish(node.aggregates().get(i), states[i]);
        }
        return out;
    }

    private Map<GroupKey, Object[]> aggregate() {
        List<Expr> keyExprs = node.groupKeys();
        PgType[] keyTypes = keyExprs.stream().map(k -> k.type().type()).toArray(PgType[]::new);
        List<AggregateCall> aggs = node.aggregates();
        Map<GroupKey, Object[]> groups = new LinkedHashMap<>();
        if (keyExprs.isEmpty()) {
            groups.put(new GroupKey(new Object[0], keyTypes), initialStates(aggs));
        }
        Object[] row;
        while ((row = input.next()) != null) {
            Object[] keyValues = new Object[keyExprs.size()];
            for (int i = 0; i < keyValues.length; i++) {
                keyValues[i] = Evaluator.eval(keyExprs.get(i), row, ctx);
            }
            Object[] states = groups.computeIfAbsent(new GroupKey(keyValues, keyTypes), k -> initialStates(aggs));
            for (int i = 0; i < aggs.size(); i++) {
                AggregateCall agg = aggs.get(i);
                Object value = agg.argument() == null ? null : Evaluator.eval(agg.argument(), row, ctx);
                states[i] = accumulate(agg, states[i], value);
            }
        }
        return groups;
    }

    private static Object[] initialStates(List<AggregateCall> aggs) {
        Object[] states = new Object[aggs.size()];
        for (int i = 0; i < states.length; i++) {
            AggregateCall.Function f = aggs.get(i).function();
            states[i] = f == AggregateCall.Function.COUNT || f == AggregateCall.Function.COUNT_STAR ? 0L : null;
        }
        return states;
    }

    private static Object accumulate(AggregateCall agg, Object state, Object value) {
        return switch (agg.function()) {
            case COUNT_STAR -> (Long) state + 1;
            case COUNT -> value == null ? state : (Long) state + 1;
            case SUM -> value == null ? state : add(agg, state, value);
            case MIN -> value == null ? state
                    : state == null || Comparisons.compare(value, state, agg.type().type()) < 0 ? value : state;
            case MAX -> value == null ? state
                    : state == null || Comparisons.compare(value, state, agg.type().type()) > 0 ? value : state;
            case BOOL_AND -> value == null ? state : state == null ? value : (Boolean) state && (Boolean) value;
            case BOOL_OR -> value == null ? state : state == null ? value : (Boolean) state || (Boolean) value;
        };
    }

    private static final Operator NUMERIC_ADD = Operators.resolveBinary("+", DataType.NUMERIC, DataType.NUMERIC);

    /** sum(): int2/int4 accumulate in bigint, bigint and numeric in numeric, floats in their type. */
    private static Object add(AggregateCall agg, Object state, Object value) {
        return switch (agg.type().type()) {
            case INT8 -> {
                long v = ((Number) value).longValue();
                try {
                    yield state == null ? v : Math.addExact((Long) state, v);
                } catch (ArithmeticException e) {
                    throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
                }
            }
            case NUMERIC -> {
                Object v = value instanceof Number n && !(value instanceof BigDecimal)
                        ? BigDecimal.valueOf(n.longValue()) : value; // BigDecimal or NumericSpecial
                yield state == null ? v : NUMERIC_ADD.apply(state, v);
            }
            case FLOAT4 -> state == null ? (Float) value : (Float) state + (Float) value;
            case FLOAT8 -> state == null ? (Double) value : (Double) state + (Double) value;
            default -> throw DbException.notSupported("sum over " + agg.type());
        };
    }

    private static Object finish(AggregateCall agg, Object state) {
        return state;
    }

    @Override
    public void close() {
        input.close();
    }
}
