package org.larchdb.engine.exec;

import java.math.BigDecimal;
import java.util.Comparator;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.plan.WindowCall;
import org.larchdb.engine.plan.WindowFrame;
import org.larchdb.engine.plan.WindowSpec;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.PgType;

/**
 * One partition of rows in window order, with its peer groups, evaluating window calls over it
 * with PostgreSQL's semantics (nodeWindowAgg.c and windowfuncs.c): ranking functions look at peer
 * groups, lag/lead at the whole partition, aggregates and first/last/nth_value at the frame.
 */
final class WindowPartition {
    private final Object[][] rows;
    private final Object[][] orderKeys;
    private final WindowSpec window;
    private final WindowFrameOffsets offsets;
    private final ExecContext ctx;
    private final int n;
    /** Per row: index of the first row of its peer group, and one past the last. */
    private final int[] peerStart;
    private final int[] peerEnd;
    /** Per row: 1-based number of its peer group (dense rank). */
    private final long[] peerGroup;
    /** Per peer group (0-based): its first row and one past its last row. */
    private final int[] groupFirst;
    private final int[] groupEnd;
    /** The rows whose first ORDER BY key is not NULL: NULLs sort together at one end. */
    private int nonNullStart;
    private int nonNullEnd;

    WindowPartition(Object[][] rows, Object[][] orderKeys, WindowSpec window, WindowFrameOffsets offsets,
                    Comparator<Object[]> order, ExecContext ctx) {
        this.rows = rows;
        this.orderKeys = orderKeys;
        this.window = window;
        this.offsets = offsets;
        this.ctx = ctx;
        this.n = rows.length;
        this.peerStart = new int[n];
        this.peerEnd = new int[n];
        this.peerGroup = new long[n];
        int groupStart = 0;
        long group = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || (i > 0 && order.compare(orderKeys[i - 1], orderKeys[i]) != 0)) {
                for (int j = groupStart; j < i; j++) {
                    peerEnd[j] = i;
                }
                groupStart = i;
            }
            if (i < n) {
                if (i == groupStart) {
                    group++;
                }
                peerStart[i] = groupStart;
                peerGroup[i] = group;
            }
        }
        int groups = n == 0 ? 0 : (int) peerGroup[n - 1];
        groupFirst = new int[groups];
        groupEnd = new int[groups];
        for (int i = 0; i < n; i++) {
            groupFirst[(int) peerGroup[i] - 1] = peerStart[i];
            groupEnd[(int) peerGroup[i] - 1] = peerEnd[i];
        }
        nonNullStart = 0;
        nonNullEnd = n;
        if (!window.orderBy().isEmpty()) {
            while (nonNullStart < n && orderKeys[nonNullStart][0] == null) {
                nonNullStart++;
            }
            while (nonNullEnd > nonNullStart && orderKeys[nonNullEnd - 1][0] == null) {
                nonNullEnd--;
            }
        }
    }

    /** The call's value for every row of the partition, in partition order. */
    Object[] evaluate(WindowCall call) {
        Object[] out = new Object[n];
        switch (call.function()) {
            case ROW_NUMBER -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (long) (i + 1);
                }
            }
            case RANK -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (long) (peerStart[i] + 1);
                }
            }
            case DENSE_RANK -> {
                for (int i = 0; i < n; i++) {
                    out[i] = peerGroup[i];
                }
            }
            case PERCENT_RANK -> {
                for (int i = 0; i < n; i++) {
                    out[i] = n <= 1 ? 0.0 : (double) peerStart[i] / (n - 1);
                }
            }
            case CUME_DIST -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (double) peerEnd[i] / n;
                }
            }
            case NTILE -> ntile(call, out);
            case LAG, LEAD -> shifted(call, out);
            case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> frameValue(call, out);
            case AGGREGATE -> aggregate(call.aggregate(), out);
        }
        return out;
    }

    /** ntile(k): the bucket count is read at the partition's first row, as PostgreSQL does. */
    private void ntile(WindowCall call, Object[] out) {
        Object k = Evaluator.eval(call.args().get(0), rows[0], ctx);
        if (k == null) {
            return;
        }
        long buckets = ((Number) k).longValue();
        if (buckets <= 0) {
            throw new DbException(SqlState.INVALID_ARGUMENT_FOR_NTILE, "argument of ntile must be greater than zero");
        }
        long perBucket = n / buckets;
        long remainder = n % buckets;
        long bucket = 1;
        long left = perBucket + (remainder > 0 ? 1 : 0);
        for (int i = 0; i < n; i++) {
            if (left == 0) {
                bucket++;
                left = perBucket + (bucket <= remainder ? 1 : 0);
            }
            out[i] = (int) bucket;
            left--;
        }
    }

    /** lag/lead(value [, offset [, default]]): the value offset rows back/forward in the partition. */
    private void shifted(WindowCall call, Object[] out) {
        boolean lag = call.function() == WindowCall.Function.LAG;
        for (int i = 0; i < n; i++) {
            Object offset = call.args().size() > 1 ? Evaluator.eval(call.args().get(1), rows[i], ctx) : 1;
            if (offset == null) {
                continue;
            }
            long target = lag ? i - ((Number) offset).longValue() : i + ((Number) offset).longValue();
            if (target >= 0 && target < n) {
                out[i] = Evaluator.eval(call.args().get(0), rows[(int) target], ctx);
            } else if (call.args().size() > 2) {
                out[i] = Evaluator.eval(call.args().get(2), rows[i], ctx);
            }
        }
    }

    private void frameValue(WindowCall call, Object[] out) {
        boolean excluding = window.frame().exclusion() != WindowFrame.Exclusion.NO_OTHERS;
        for (int i = 0; i < n; i++) {
            int start = frameStart(i);
            int end = frameEnd(i);
            int target;
            switch (call.function()) {
                case FIRST_VALUE -> {
                    target = start;
                    while (excluding && target < end && excluded(i, target)) {
                        target++;
                    }
                }
                case LAST_VALUE -> {
                    target = end - 1;
                    while (excluding && target >= start && excluded(i, target)) {
                        target--;
                    }
                }
                default -> {
                    Object nth = Evaluator.eval(call.args().get(1), rows[i], ctx);
                    if (nth == null) {
                        continue;
                    }
                    long k = ((Number) nth).longValue();
                    if (k <= 0) {
                        throw new DbException(SqlState.INVALID_ARGUMENT_FOR_NTH_VALUE,
                                "argument of nth_value must be greater than zero");
                    }
                    target = excluding ? nthIncluded(i, start, end, k)
                            : start + k - 1 < end ? (int) (start + k - 1) : end;
                }
            }
            if (start < end && target >= start && target < end) {
                out[i] = Evaluator.eval(call.args().get(0), rows[target], ctx);
            }
        }
    }

    /** The k-th row of [start, end) that the frame's EXCLUDE leaves in, or {@code end}. */
    private int nthIncluded(int i, int start, int end, long k) {
        for (int j = start; j < end; j++) {
            if (!excluded(i, j) && --k == 0) {
                return j;
            }
        }
        return end;
    }

    /** Whether the frame's EXCLUDE clause takes row j out of row i's frame. */
    private boolean excluded(int i, int j) {
        return switch (window.frame().exclusion()) {
            case NO_OTHERS -> false;
            case CURRENT_ROW -> j == i;
            case GROUP -> j >= peerStart[i] && j < peerEnd[i];
            case TIES -> j != i && j >= peerStart[i] && j < peerEnd[i];
        };
    }

    /**
     * An aggregate over each row's frame. With UNBOUNDED PRECEDING the frame only grows, so one
     * running state serves the whole partition; otherwise each distinct frame is aggregated anew.
     */
    private void aggregate(AggregateCall agg, Object[] out) {
        Object[] values = new Object[n];
        Object[] extras = new Object[n];
        boolean[] included = new boolean[n];
        for (int i = 0; i < n; i++) {
            included[i] = agg.filter() == null || Evaluator.test(agg.filter(), rows[i], ctx);
            if (included[i]) {
                values[i] = agg.argument() == null ? null : Evaluator.eval(agg.argument(), rows[i], ctx);
                extras[i] = agg.extra() == null ? null : Evaluator.eval(agg.extra(), rows[i], ctx);
            }
        }
        // An EXCLUDE clause makes each row's frame its own: no running state, no reuse between rows.
        boolean excluding = window.frame().exclusion() != WindowFrame.Exclusion.NO_OTHERS;
        boolean growing = !excluding && window.frame().start().kind() == WindowFrame.BoundKind.UNBOUNDED_PRECEDING;
        AggregateState running = growing ? new AggregateState(agg) : null;
        int fed = 0;
        int lastStart = -1;
        int lastEnd = -1;
        Object last = null;
        for (int i = 0; i < n; i++) {
            int start = frameStart(i);
            int end = Math.max(frameEnd(i), start);
            if (!excluding && start == lastStart && end == lastEnd) {
                out[i] = last;
                continue;
            }
            if (growing) {
                for (; fed < end; fed++) {
                    if (included[fed]) {
                        running.accumulate(values[fed], extras[fed]);
                    }
                }
                last = running.finish();
            } else {
                AggregateState state = new AggregateState(agg);
                for (int j = start; j < end; j++) {
                    if (included[j] && !(excluding && excluded(i, j))) {
                        state.accumulate(values[j], extras[j]);
                    }
                }
                last = state.finish();
            }
            out[i] = last;
            lastStart = start;
            lastEnd = end;
        }
    }

    // ---- frames

    /** Index of the first row of row i's frame (may be past the end: empty frame). */
    int frameStart(int i) {
        WindowFrame frame = window.frame();
        WindowFrame.Bound b = frame.start();
        return switch (b.kind()) {
            case UNBOUNDED_PRECEDING -> 0;
            case CURRENT_ROW -> frame.mode() == WindowFrame.Mode.ROWS ? i : peerStart[i];
            case UNBOUNDED_FOLLOWING -> n;
            case PRECEDING, FOLLOWING -> {
                if (frame.mode() == WindowFrame.Mode.GROUPS) {
                    long g = groupAt(i, b.kind(), offsets.start());
                    yield g < 0 ? 0 : g >= groupFirst.length ? n : groupFirst[(int) g];
                }
                if (frame.mode() == WindowFrame.Mode.ROWS) {
                    long k = ((Number) offsets.start()).longValue();
                    long s = b.kind() == WindowFrame.BoundKind.PRECEDING ? i - k : i + k;
                    yield (int) Math.max(0, Math.min(n, s));
                }
                yield rangeStart(i, b.kind() == WindowFrame.BoundKind.PRECEDING, offsets.start());
            }
        };
    }

    /** One past the last row of row i's frame. */
    int frameEnd(int i) {
        WindowFrame frame = window.frame();
        WindowFrame.Bound b = frame.end();
        return switch (b.kind()) {
            case UNBOUNDED_FOLLOWING -> n;
            case CURRENT_ROW -> frame.mode() == WindowFrame.Mode.ROWS ? i + 1 : peerEnd[i];
            case UNBOUNDED_PRECEDING -> 0;
            case PRECEDING, FOLLOWING -> {
                if (frame.mode() == WindowFrame.Mode.GROUPS) {
                    long g = groupAt(i, b.kind(), offsets.end());
                    yield g < 0 ? 0 : g >= groupEnd.length ? n : groupEnd[(int) g];
                }
                if (frame.mode() == WindowFrame.Mode.ROWS) {
                    long k = ((Number) offsets.end()).longValue();
                    long e = b.kind() == WindowFrame.BoundKind.PRECEDING ? i - k + 1 : i + k + 1;
                    yield (int) Math.max(0, Math.min(n, e));
                }
                yield rangeEnd(i, b.kind() == WindowFrame.BoundKind.PRECEDING, offsets.end());
            }
        };
    }

    /** GROUPS mode: the 0-based peer group {@code offset} groups before or after row i's (may be out of range). */
    private long groupAt(int i, WindowFrame.BoundKind kind, Object offset) {
        long k = ((Number) offset).longValue();
        long g = peerGroup[i] - 1;
        return kind == WindowFrame.BoundKind.PRECEDING ? g - Math.min(k, g + 1) : g + Math.min(k, n);
    }

    /**
     * RANGE offset start: the first row whose key is at or after (in window order) the current key
     * moved back (PRECEDING) or forward (FOLLOWING) by the offset. A NULL key's frame bound is its
     * peers (the other NULLs); non-NULL keys never reach the NULL rows through an offset.
     */
    private int rangeStart(int i, boolean preceding, Object offset) {
        Object v = orderKeys[i][0];
        if (v == null) {
            return peerStart[i];
        }
        return firstBeyond(shift(v, offset, preceding), false);
    }

    private int rangeEnd(int i, boolean preceding, Object offset) {
        Object v = orderKeys[i][0];
        if (v == null) {
            return peerEnd[i];
        }
        return firstBeyond(shift(v, offset, preceding), true);
    }

    /**
     * Binary search over the non-NULL keys (contiguous, sorted in window order): the first row whose
     * key is at or past {@code bound} in window order, or with {@code strictly} past it. With no
     * such row: the end of the non-NULL keys.
     */
    private int firstBeyond(Object bound, boolean strictly) {
        int lo = nonNullStart;
        int hi = nonNullEnd;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = directed(compareToBound(orderKeys[mid][0], bound));
            if (strictly ? c > 0 : c >= 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private int directed(int c) {
        return window.orderBy().get(0).descending() ? -c : c;
    }

    /** The key moved toward the partition's start (preceding) or end, in the window's direction. */
    private Object shift(Object v, Object offset, boolean preceding) {
        boolean subtract = preceding != window.orderBy().get(0).descending();
        PgType type = window.orderBy().get(0).expr().type().type();
        return switch (type) {
            case FLOAT4, FLOAT8 -> {
                double x = ((Number) v).doubleValue();
                double d = ((Number) offset).doubleValue();
                yield subtract ? x - d : x + d;
            }
            case NUMERIC -> {
                if (!(v instanceof BigDecimal key) || !(offset instanceof BigDecimal || offset instanceof Long)) {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                            "RANGE offsets over NaN or infinite numeric values are not supported");
                }
                yield subtract ? key.subtract(decimal(offset)) : key.add(decimal(offset));
            }
            default -> {
                long x = ((Number) v).longValue();
                long d = ((Number) offset).longValue();
                // Past the range of bigint every key is inside the bound: saturate.
                long r = subtract ? x - d : x + d;
                if (subtract && ((x ^ d) & (x ^ r)) < 0) {
                    r = Long.MIN_VALUE;
                } else if (!subtract && ((x ^ r) & (d ^ r)) < 0) {
                    r = Long.MAX_VALUE;
                }
                yield r;
            }
        };
    }

    private int compareToBound(Object key, Object bound) {
        return switch (bound) {
            case Double d -> Double.compare(((Number) key).doubleValue(), d);
            case BigDecimal d -> key instanceof BigDecimal k ? k.compareTo(d)
                    : Comparisons.compare(key, d, PgType.NUMERIC);
            default -> Long.compare(((Number) key).longValue(), (Long) bound);
        };
    }

    private static BigDecimal decimal(Object o) {
        return o instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) o).longValue());
    }
}
