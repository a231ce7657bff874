package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.plan.WindowFrame;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Frame clause rules (PostgreSQL's grammar checks and transformFrameOffset) and the rewriting of
 * window-call placeholders into window node columns.
 */
final class WindowFrames {
    private WindowFrames() {
    }

    /** The bound combinations PostgreSQL's grammar rejects. */
    static void check(WindowFrame.BoundKind start, WindowFrame.BoundKind end, boolean startOnly) {
        if (start == WindowFrame.BoundKind.UNBOUNDED_FOLLOWING) {
            throw windowing("frame start cannot be UNBOUNDED FOLLOWING");
        }
        if (startOnly && start == WindowFrame.BoundKind.FOLLOWING) {
            throw windowing("frame starting from following row cannot end with current row");
        }
        if (end == WindowFrame.BoundKind.UNBOUNDED_PRECEDING) {
            throw windowing("frame end cannot be UNBOUNDED PRECEDING");
        }
        if (start == WindowFrame.BoundKind.CURRENT_ROW && end == WindowFrame.BoundKind.PRECEDING) {
            throw windowing("frame starting from current row cannot have preceding rows");
        }
        if (start == WindowFrame.BoundKind.FOLLOWING && (end == WindowFrame.BoundKind.PRECEDING
                || end == WindowFrame.BoundKind.CURRENT_ROW)) {
            throw windowing("frame starting from following row cannot have preceding rows");
        }
    }

    /**
     * Types the offsets: ROWS offsets are bigint; RANGE offsets go with the ORDER BY column's type
     * (integers take integer offsets, numeric numeric, floats double precision), as PostgreSQL's
     * in_range support functions do.
     */
    static WindowFrame typeOffsets(WindowFrame frame, List<SortKey> orderBy, ExprBinder binder) {
        if (frame.start().offset() == null && frame.end().offset() == null) {
            return frame;
        }
        String clause = frame.mode().name();
        return new WindowFrame(frame.mode(), typed(frame.start(), clause, orderBy, binder),
                typed(frame.end(), clause, orderBy, binder), frame.exclusion());
    }

    private static WindowFrame.Bound typed(WindowFrame.Bound b, String clause, List<SortKey> orderBy,
                                           ExprBinder binder) {
        if (b.offset() == null) {
            return b;
        }
        Expr offset = b.offset();
        if (containsColumns(offset)) {
            throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "argument of " + clause
                    + " must not contain variables");
        }
        PgType from = offset.type().type();
        if (!clause.equals("RANGE")) {
            if (from != PgType.UNKNOWN && from != PgType.INT8
                    && !Casts.canCast(from, PgType.INT8, Casts.Context.ASSIGNMENT)) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "argument of " + clause
                        + " must be type bigint, not type " + offset.type().displayName());
            }
            return new WindowFrame.Bound(b.kind(), binder.coerce(offset, DataType.INT8, Casts.Context.ASSIGNMENT));
        }
        DataType key = orderBy.get(0).expr().type();
        DataType target = switch (key.type()) {
            case INT2, INT4, INT8 -> from == PgType.UNKNOWN || from == PgType.INT2 || from == PgType.INT4
                    || from == PgType.INT8 ? DataType.INT8 : null;
            case NUMERIC -> from == PgType.UNKNOWN || Casts.canCast(from, PgType.NUMERIC, Casts.Context.IMPLICIT)
                    ? DataType.NUMERIC : null;
            case FLOAT4, FLOAT8 -> from == PgType.UNKNOWN || Casts.canCast(from, PgType.FLOAT8,
                    Casts.Context.IMPLICIT) ? DataType.FLOAT8 : null;
            case DATE, TIMESTAMP, TIMESTAMPTZ -> null;
            default -> throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                    "RANGE with offset PRECEDING/FOLLOWING is not supported for column type "
                            + rangeTypeName(key));
        };
        if (target == null) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                    "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + rangeTypeName(key)
                            + " and offset type " + (from == PgType.UNKNOWN ? "unknown" : offset.type().displayName()))
                    .withHint("Cast the offset value to an appropriate type.");
        }
        if (from == target.type()) {
            return b;
        }
        return new WindowFrame.Bound(b.kind(), binder.coerce(offset, target, Casts.Context.IMPLICIT));
    }

    /** The operator class input type PostgreSQL names: varchar and char sort as text. */
    private static String rangeTypeName(DataType key) {
        return switch (key.type()) {
            case VARCHAR, BPCHAR -> "text";
            default -> DataType.of(key.type()).displayName();
        };
    }

    private static boolean containsColumns(Expr e) {
        return switch (e) {
            case Expr.ColumnRef c -> true;
            case Expr.OuterRef o -> false;
            case Expr.OpCall o -> containsColumns(o.left()) || containsColumns(o.right());
            case Expr.PrefixCall p -> containsColumns(p.operand());
            case Expr.Cast c -> containsColumns(c.arg());
            case Expr.FuncCall f -> f.args().stream().anyMatch(WindowFrames::containsColumns);
            default -> false;
        };
    }

    private static DbException windowing(String message) {
        return new DbException(SqlState.WINDOWING_ERROR, message);
    }

    // ---- placeholders

    /** Replaces placeholder column references (window call results) by columns after the input's. */
    static Expr remap(Expr e, int inputWidth) {
        return switch (e) {
            case Expr.ColumnRef c when c.index() >= WindowBinder.PLACEHOLDER_BASE ->
                    new Expr.ColumnRef(inputWidth + c.index() - WindowBinder.PLACEHOLDER_BASE, c.type(), c.name());
            case Expr.Const c -> c;
            case Expr.ColumnRef c -> c;
            case Expr.ParamRef p -> p;
            case Expr.OuterRef o -> o;
            case Expr.OpCall o -> new Expr.OpCall(o.operator(), remap(o.left(), inputWidth), remap(o.right(),
                    inputWidth));
            case Expr.PrefixCall p -> new Expr.PrefixCall(p.operator(), remap(p.operand(), inputWidth));
            case Expr.And a -> new Expr.And(remapAll(a.args(), inputWidth));
            case Expr.Or o -> new Expr.Or(remapAll(o.args(), inputWidth));
            case Expr.Not n -> new Expr.Not(remap(n.arg(), inputWidth));
            case Expr.IsNull n -> new Expr.IsNull(remap(n.arg(), inputWidth), n.negated());
            case Expr.Cast c -> new Expr.Cast(remap(c.arg(), inputWidth), c.type(), c.context());
            case Expr.FuncCall f -> new Expr.FuncCall(f.function(), remapAll(f.args(), inputWidth), f.type());
            case Expr.Case c -> new Expr.Case(remapAll(c.conditions(), inputWidth), remapAll(c.results(), inputWidth),
                    c.elseResult() == null ? null : remap(c.elseResult(), inputWidth), c.type());
            // The test of ANY/ALL is over this level's row; the subquery itself is another level.
            case Expr.SubLink s -> new Expr.SubLink(s.kind(), s.subquery(),
                    s.test() == null ? null : remap(s.test(), inputWidth), s.comparison(), s.type());
        };
    }

    private static List<Expr> remapAll(List<Expr> exprs, int inputWidth) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(remap(e, inputWidth));
        }
        return out;
    }
}
