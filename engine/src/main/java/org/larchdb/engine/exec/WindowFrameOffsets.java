package org.larchdb.engine.exec;

import java.math.BigDecimal;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.plan.WindowFrame;

/**
 * The evaluated offsets of a frame's PRECEDING/FOLLOWING bounds (null where a bound has none),
 * checked as PostgreSQL checks them: not null, not negative.
 */
record WindowFrameOffsets(Object start, Object end) {

    static WindowFrameOffsets evaluate(WindowFrame frame, ExecContext ctx) {
        return new WindowFrameOffsets(offset(frame, frame.start(), "starting", ctx),
                offset(frame, frame.end(), "ending", ctx));
    }

    private static Object offset(WindowFrame frame, WindowFrame.Bound bound, String which, ExecContext ctx) {
        if (bound.offset() == null) {
            return null;
        }
        Object value = Evaluator.eval(bound.offset(), new Object[0], ctx);
        if (value == null) {
            throw new DbException(SqlState.NULL_VALUE_NOT_ALLOWED, "frame " + which + " offset must not be null");
        }
        if (negative(value)) {
            if (frame.mode() != WindowFrame.Mode.RANGE) {
                throw new DbException(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE, "frame " + which
                        + " offset must not be negative");
            }
            throw new DbException(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE,
                    "invalid preceding or following size in window function");
        }
        return value;
    }

    private static boolean negative(Object v) {
        return switch (v) {
            case BigDecimal d -> d.signum() < 0;
            case Double d -> d < 0 || d.isNaN();
            case Float f -> f < 0 || f.isNaN();
            case Number n -> n.longValue() < 0;
            default -> false;
        };
    }
}
