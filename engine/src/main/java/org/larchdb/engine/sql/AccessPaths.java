package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.IndexScanNode;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.SeqScanNode;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Chooses how to read one table: a sequential scan, or an index scan when the WHERE clause bounds
 * an index's leading columns (equalities on a prefix, then at most one range) or when ORDER BY …
 * LIMIT follows an index's order. A rule, not a cost model: the optimizer issue replaces it with
 * costed access paths. Callers keep the full WHERE as a filter above whatever this returns.
 */
final class AccessPaths {
    private AccessPaths() {
    }

    /** A comparison of a table column with a value known before the scan starts. */
    private record Bound(int attnum, String op, Expr value) {
    }

    /** The scan for {@code table} given its bound WHERE clause (null when none); columns are the table's. */
    static PlanNode scan(RelationInfo table, Expr where, boolean withTid) {
        List<Bound> bounds = where == null ? List.of() : bounds(table, where);
        IndexScanNode best = null;
        int bestScore = 0;
        for (IndexInfo index : table.indexes()) {
            List<Expr> equal = new ArrayList<>();
            int column = 0;
            while (column < index.attnums().size()) {
                Bound eq = find(bounds, index.attnums().get(column), "=");
                if (eq == null) {
                    break;
                }
                equal.add(eq.value());
                column++;
            }
            List<Expr> low = new ArrayList<>(equal);
            List<Expr> high = new ArrayList<>(equal);
            boolean lowInclusive = true;
            boolean highInclusive = true;
            int score = equal.size() * 10;
            if (column < index.attnums().size() && !index.descending().get(column)) {
                int attnum = index.attnums().get(column);
                Bound lower = find(bounds, attnum, ">", ">=");
                Bound upper = find(bounds, attnum, "<", "<=");
                if (lower != null) {
                    low.add(lower.value());
                    lowInclusive = lower.op().equals(">=");
                    score += 3;
                }
                if (upper != null) {
                    high.add(upper.value());
                    highInclusive = upper.op().equals("<=");
                    score += 3;
                }
            }
            if (index.unique() && equal.size() == index.attnums().size()) {
                score += 5;
            }
            if (score > bestScore) {
                bestScore = score;
                best = new IndexScanNode(table, index, low, lowInclusive, high, highInclusive, false, withTid);
            }
        }
        return best != null ? best : new SeqScanNode(table, withTid);
    }

    /**
     * An index scan that returns {@code table}'s rows already in the order of {@code keys}, or null
     * when no index gives that order. Used for ORDER BY … LIMIT, where reading in order beats sorting.
     */
    static IndexScanNode ordered(RelationInfo table, List<SortKey> keys, PlanNode current) {
        if (current instanceof IndexScanNode chosen) {
            return matches(chosen.index(), keys) != null ? new IndexScanNode(table, chosen.index(),
                    chosen.lowValues(), chosen.lowInclusive(), chosen.highValues(), chosen.highInclusive(),
                    matches(chosen.index(), keys), chosen.withTid()) : null;
        }
        for (IndexInfo index : table.indexes()) {
            Boolean backward = matches(index, keys);
            if (backward != null) {
                return new IndexScanNode(table, index, List.of(), true, List.of(), true, backward, false);
            }
        }
        return null;
    }

    /** Whether the index order is the sort order (false), its exact reverse (true), or neither (null). */
    private static Boolean matches(IndexInfo index, List<SortKey> keys) {
        if (keys.isEmpty() || keys.size() > index.attnums().size()) {
            return null;
        }
        Boolean backward = null;
        for (int i = 0; i < keys.size(); i++) {
            SortKey k = keys.get(i);
            if (!(k.expr() instanceof Expr.ColumnRef ref) || ref.index() + 1 != index.attnums().get(i)) {
                return null;
            }
            boolean sameDirection = k.descending() == index.descending().get(i)
                    && k.nullsFirst() == index.nullsFirst().get(i);
            boolean reversed = k.descending() != index.descending().get(i)
                    && k.nullsFirst() != index.nullsFirst().get(i);
            boolean thisBackward;
            if (sameDirection) {
                thisBackward = false;
            } else if (reversed) {
                thisBackward = true;
            } else {
                return null;
            }
            if (backward != null && backward != thisBackward) {
                return null;
            }
            backward = thisBackward;
        }
        return backward;
    }

    private static Bound find(List<Bound> bounds, int attnum, String... ops) {
        for (Bound b : bounds) {
            if (b.attnum() == attnum) {
                for (String op : ops) {
                    if (b.op().equals(op)) {
                        return b;
                    }
                }
            }
        }
        return null;
    }

    /** The top-level AND terms of {@code where} that compare a column with a scan-time constant. */
    private static List<Bound> bounds(RelationInfo table, Expr where) {
        List<Expr> terms = new ArrayList<>();
        flatten(where, terms);
        List<Bound> out = new ArrayList<>();
        for (Expr term : terms) {
            if (!(term instanceof Expr.OpCall call)) {
                continue;
            }
            String op = call.operator().name();
            if (!op.equals("=") && !op.equals("<") && !op.equals("<=") && !op.equals(">") && !op.equals(">=")) {
                continue;
            }
            Bound b = bound(table, call.left(), op, call.right());
            if (b == null) {
                b = bound(table, call.right(), mirror(op), call.left());
            }
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    private static Bound bound(RelationInfo table, Expr columnSide, String op, Expr valueSide) {
        if (!(columnSide instanceof Expr.ColumnRef ref) || ref.index() >= table.columns().size()
                || !isScanConstant(valueSide)) {
            return null;
        }
        DataType columnType = table.columns().get(ref.index()).type();
        Expr value = valueSide;
        PgType from = value.type().type();
        if (from != columnType.type()) {
            // Only lossless integer widening keeps the index order meaning the same as the operator's.
            if (!isInteger(from) || !isInteger(columnType.type()) || width(from) > width(columnType.type())) {
                return null;
            }
            value = new Expr.Cast(value, DataType.of(columnType.type()), Casts.Context.IMPLICIT);
        }
        return new Bound(ref.index() + 1, op, value);
    }

    private static boolean isInteger(PgType t) {
        return t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8;
    }

    private static int width(PgType t) {
        return t == PgType.INT2 ? 2 : t == PgType.INT4 ? 4 : 8;
    }

    private static String mirror(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    /** Constants, parameters and casts or operators over them: known when the scan opens. */
    private static boolean isScanConstant(Expr e) {
        return switch (e) {
            case Expr.Const c -> true;
            case Expr.ParamRef p -> true;
            case Expr.Cast c -> isScanConstant(c.arg());
            case Expr.OpCall c -> isScanConstant(c.left()) && isScanConstant(c.right());
            case Expr.PrefixCall c -> isScanConstant(c.operand());
            default -> false;
        };
    }

    private static void flatten(Expr e, List<Expr> out) {
        if (e instanceof Expr.And and) {
            for (Expr a : and.args()) {
                flatten(a, out);
            }
        } else {
            out.add(e);
        }
    }
}
