package org.larchdb.engine.plan;

import org.larchdb.engine.expr.Expr;

/**
 * A window frame: which rows of the partition, relative to the current row, a frame-aware window
 * function (aggregates, first_value, last_value, nth_value) sees. In RANGE mode CURRENT ROW means
 * the current row's peers, and an offset bound compares the single ORDER BY key with the current
 * row's key plus or minus the offset. In GROUPS mode offsets count peer groups.
 */
public record WindowFrame(Mode mode, Bound start, Bound end, Exclusion exclusion) {

    public WindowFrame(Mode mode, Bound start, Bound end) {
        this(mode, start, end, Exclusion.NO_OTHERS);
    }

    /** PostgreSQL's default: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW. */
    public static final WindowFrame DEFAULT = new WindowFrame(Mode.RANGE, new Bound(BoundKind.UNBOUNDED_PRECEDING,
            null), new Bound(BoundKind.CURRENT_ROW, null));

    public enum Mode {
        ROWS, RANGE, GROUPS
    }

    /** EXCLUDE: which rows around the current one leave the frame (TIES: its peers but not itself). */
    public enum Exclusion {
        NO_OTHERS, CURRENT_ROW, GROUP, TIES
    }

    public enum BoundKind {
        UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING
    }

    /** One end of the frame; {@code offset} (a constant expression) only for PRECEDING and FOLLOWING. */
    public record Bound(BoundKind kind, Expr offset) {
    }
}
