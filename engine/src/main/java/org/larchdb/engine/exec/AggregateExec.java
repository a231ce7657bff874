package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.plan.AggregateNode;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.PgType;

/**
 * Runs an {@link AggregateNode} with a hash table of groups, in memory. Aggregates with ORDER BY
 * keep their group's inputs until the end and feed them sorted.
 */
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
        List<List<Integer>> sets = node.groupingSets();
        if (keyExprs.isEmpty()) {
            groups.put(new GroupKey(new Object[0], keyTypes), initialStates(aggs));
        }
        if (sets != null) {
            // An empty grouping set yields its row even when there is no input at all.
            for (int s = 0; s < sets.size(); s++) {
                if (sets.get(s).isEmpty()) {
                    groups.put(new GroupKey(setKey(new Object[keyExprs.size()], sets.get(s), s), keyTypes),
                            initialStates(aggs));
                }
            }
        }
        // With grouping sets the last key is the set number, filled in here rather than evaluated.
        int evaluated = sets == null ? keyExprs.size() : keyExprs.size() - 1;
        Object[] row;
        while ((row = input.next()) != null) {
            Object[] keyValues = new Object[keyExprs.size()];
            for (int i = 0; i < evaluated; i++) {
                keyValues[i] = Evaluator.eval(keyExprs.get(i), row, ctx);
            }
            if (sets == null) {
                accumulate(groups.computeIfAbsent(new GroupKey(keyValues, keyTypes), k -> initialStates(aggs)),
                        row);
                continue;
            }
            for (int s = 0; s < sets.size(); s++) {
                GroupKey key = new GroupKey(setKey(keyValues, sets.get(s), s), keyTypes);
                accumulate(groups.computeIfAbsent(key, k -> initialStates(aggs)), row);
            }
        }
        return groups;
    }

    /** The key values of {@code row} as grouped by one set: keys outside it NULL, then the set number. */
    private static Object[] setKey(Object[] keyValues, List<Integer> set, int setNumber) {
        Object[] values = new Object[keyValues.length];
        for (int k : set) {
            values[k] = keyValues[k];
        }
        values[values.length - 1] = setNumber;
        return values;
    }

    private void accumulate(Object[] states, Object[] row) {
        List<AggregateCall> aggs = node.aggregates();
        for (int i = 0; i < aggs.size(); i++) {
            AggregateCall agg = aggs.get(i);
            if (agg.filter() != null && !Evaluator.test(agg.filter(), row, ctx)) {
                continue;
            }
            Object value = agg.argument() == null ? null : Evaluator.eval(agg.argument(), row, ctx);
            Object extra = agg.extra() == null ? null : Evaluator.eval(agg.extra(), row, ctx);
            if (states[i] instanceof AggregateState state) {
                state.accumulate(value, extra);
            } else {
                @SuppressWarnings("unchecked")
                List<Object[]> held = (List<Object[]>) states[i];
                Object[] entry = new Object[2 + agg.orderBy().size()];
                entry[0] = value;
                entry[1] = extra;
                for (int k = 0; k < agg.orderBy().size(); k++) {
                    entry[2 + k] = Evaluator.eval(agg.orderBy().get(k).expr(), row, ctx);
                }
                held.add(entry);
            }
        }
    }

    /** An {@link AggregateState}, or for an aggregate with ORDER BY the list of its held inputs. */
    private static Object[] initialStates(List<AggregateCall> aggs) {
        Object[] states = new Object[aggs.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = aggs.get(i).orderBy().isEmpty() ? new AggregateState(aggs.get(i)) : new ArrayList<Object[]>();
        }
        return states;
    }

    private static Object finish(AggregateCall agg, Object state) {
        if (state instanceof AggregateState s) {
            return s.finish();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> held = (List<Object[]>) state;
        held.sort(order(agg.orderBy()));
        AggregateState s = new AggregateState(agg);
        for (Object[] entry : held) {
            s.accumulate(entry[0], entry[1]);
        }
        return s.finish();
    }

    private static Comparator<Object[]> order(List<SortKey> keys) {
        return (a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                SortKey key = keys.get(i);
                Object x = a[2 + i];
                Object y = b[2 + i];
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    return (x == null) == key.nullsFirst() ? -1 : 1;
                }
                int c = Comparisons.compare(x, y, key.expr().type().type());
                if (c != 0) {
                    return key.descending() ? -c : c;
                }
            }
            return 0;
        };
    }

    @Override
    public void close() {
        input.close();
    }
}
