package org.larchdb.engine.plan;

import org.larchdb.engine.types.DataType;

/**
 * The built-in set-returning functions, one constant per resolved overload (the analyzer picks it
 * from the argument types as PostgreSQL's function resolution does).
 */
public enum SetFunction {
    GENERATE_SERIES_INT4(DataType.INT4),
    GENERATE_SERIES_INT8(DataType.INT8),
    GENERATE_SERIES_NUMERIC(DataType.NUMERIC),
    GENERATE_SERIES_TIMESTAMP(DataType.TIMESTAMP),
    GENERATE_SERIES_TIMESTAMPTZ(DataType.TIMESTAMPTZ);

    private final DataType resultType;

    SetFunction(DataType resultType) {
        this.resultType = resultType;
    }

    /** The type of the one column each call returns. */
    public DataType resultType() {
        return resultType;
    }

    /** The function's name as written in SQL (the default column name). */
    public String sqlName() {
        return "generate_series";
    }
}
