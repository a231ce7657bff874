package org.larchdb.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.AggregateCall;
import org.larchdb.engine.types.DataType;

class AggregateStateTest {

    private static Object aggregate(AggregateCall.Function f, DataType argType, DataType result, boolean distinct,
                                    Object... values) {
        AggregateState state = new AggregateState(new AggregateCall(f, new Expr.ColumnRef(0, argType, "x"), result,
                distinct, null, null, List.of()));
        for (Object v : values) {
            state.accumulate(v, null);
        }
        return state.finish();
    }

    @Test
    void avgOfIntegersIsNumericWithDivisionScale() {
        assertEquals(new BigDecimal("2.7500000000000000"),
                aggregate(AggregateCall.Function.AVG, DataType.INT4, DataType.NUMERIC, false, 1, 2, 4, 4));
        assertEquals(new BigDecimal("1.00000000000000000000"),
                aggregate(AggregateCall.Function.AVG, DataType.INT4, DataType.NUMERIC, false, 1));
        assertNull(aggregate(AggregateCall.Function.AVG, DataType.INT4, DataType.NUMERIC, false));
    }

    @Test
    void avgOfFloatsIsDouble() {
        assertEquals(2.75, aggregate(AggregateCall.Function.AVG, DataType.FLOAT8, DataType.FLOAT8, false,
                1.0, 2.0, 4.0, 4.0));
    }

    @Test
    void varianceAndStddevFollowPostgres() {
        assertEquals(new BigDecimal("2.2500000000000000"),
                aggregate(AggregateCall.Function.VAR_SAMP, DataType.INT4, DataType.NUMERIC, false, 1, 2, 4, 4));
        assertEquals(new BigDecimal("1.5000000000000000"),
                aggregate(AggregateCall.Function.STDDEV_SAMP, DataType.INT4, DataType.NUMERIC, false, 1, 2, 4, 4));
        assertEquals(BigDecimal.ZERO,
                aggregate(AggregateCall.Function.VAR_POP, DataType.INT4, DataType.NUMERIC, false, 5, 5));
        assertNull(aggregate(AggregateCall.Function.VAR_SAMP, DataType.INT4, DataType.NUMERIC, false, 5));
        assertEquals(2.25, aggregate(AggregateCall.Function.VAR_SAMP, DataType.FLOAT8, DataType.FLOAT8, false,
                1.0, 2.0, 4.0, 4.0));
    }

    @Test
    void distinctCountsEachValueOnceAndNullsNever() {
        assertEquals(2L, aggregate(AggregateCall.Function.COUNT, DataType.INT4, DataType.INT8, true, 1, 1, null, 2));
        assertEquals(3L, aggregate(AggregateCall.Function.SUM, DataType.INT4, DataType.INT8, true, 1, 1, 2));
    }

    @Test
    void stringAggUsesEachLaterRowsDelimiter() {
        AggregateState state = new AggregateState(new AggregateCall(AggregateCall.Function.STRING_AGG,
                new Expr.ColumnRef(0, DataType.TEXT, "s"), DataType.TEXT, false, null, null, List.of()));
        state.accumulate("a", "-");
        state.accumulate(null, "?");
        state.accumulate("b", "+");
        state.accumulate("c", null);
        assertEquals("a+bc", state.finish());
    }
}
