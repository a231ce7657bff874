package org.larchdb.engine.sequence;

import org.larchdb.engine.catalog.SequenceInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.sql.SequenceOptions;
import org.larchdb.engine.sql.TypeNames;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * PostgreSQL's rules for sequence parameters (sequence.c, init_params): defaults that depend on the
 * data type and the direction, and the checks with PostgreSQL's messages (22023 unless noted).
 */
public final class SequenceDefinition {
    private SequenceDefinition() {
    }

    /** The data type named by AS (smallint, integer or bigint only). */
    public static DataType sequenceType(String name) {
        DataType t = TypeNames.resolve(name, null);
        return switch (t.type()) {
            case INT2, INT4, INT8 -> new DataType(t.type(), -1);
            default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                    "sequence type must be smallint, integer, or bigint");
        };
    }

    /**
     * The parameters of a new sequence ({@code old} null) or of an altered one, from the options given.
     * {@code defaultType} is the type when AS is not given for a new sequence (bigint, or a serial's type).
     */
    public static SequenceInfo define(SequenceOptions o, SequenceInfo old, DataType defaultType) {
        DataType type = o.asType() != null ? sequenceType(o.asType()) : old != null ? old.type() : defaultType;
        long increment = o.increment() != null ? o.increment() : old != null ? old.increment() : 1;
        if (increment == 0) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        }
        boolean cycle = o.cycle() != null ? o.cycle() : old != null && old.cycle();
        long typeMax = maxOf(type.type());
        long typeMin = -typeMax - 1;
        // A changed type or direction resets bounds that were the old defaults (PostgreSQL does the same).
        boolean resetMax = old == null || o.noMax() || o.asType() != null && old.max() == maxOf(old.type().type())
                || o.increment() != null && (old.increment() > 0) != (increment > 0) && old.max() == -1;
        boolean resetMin = old == null || o.noMin() || o.asType() != null && old.min() == -maxOf(old.type().type()) - 1
                || o.increment() != null && (old.increment() > 0) != (increment > 0) && old.min() == 1;
        long max = o.maxValue() != null ? o.maxValue() : resetMax ? (increment > 0 ? typeMax : -1) : old.max();
        long min = o.minValue() != null ? o.minValue() : resetMin ? (increment > 0 ? 1 : typeMin) : old.min();
        if (max < typeMin || max > typeMax) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (" + max
                    + ") is out of range for sequence data type " + type.displayName());
        }
        if (min < typeMin || min > typeMax) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + min
                    + ") is out of range for sequence data type " + type.displayName());
        }
        if (min >= max) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + min
                    + ") must be less than MAXVALUE (" + max + ")");
        }
        long start = o.start() != null ? o.start() : old != null ? old.start() : increment > 0 ? min : max;
        if (start < min) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start
                    + ") cannot be less than MINVALUE (" + min + ")");
        }
        if (start > max) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start
                    + ") cannot be greater than MAXVALUE (" + max + ")");
        }
        long cache = o.cache() != null ? o.cache() : old != null ? old.cache() : 1;
        if (cache <= 0) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cache
                    + ") must be greater than zero");
        }
        long oid = old != null ? old.oid() : 0;
        return old != null
                ? new SequenceInfo(oid, type, start, increment, max, min, cache, cycle, old.ownerTable(),
                old.ownerColumn(), old.ownerDependency())
                : new SequenceInfo(oid, type, start, increment, max, min, cache, cycle, 0, 0, ' ');
    }

    /**
     * The value the sequence continues from after ALTER (RESTART value, or its current value checked
     * against the new bounds with PostgreSQL's RESTART wording).
     */
    public static void checkRestart(long value, SequenceInfo p) {
        if (value < p.min()) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + value
                    + ") cannot be less than MINVALUE (" + p.min() + ")");
        }
        if (value > p.max()) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + value
                    + ") cannot be greater than MAXVALUE (" + p.max() + ")");
        }
    }

    private static long maxOf(PgType type) {
        return switch (type) {
            case INT2 -> Short.MAX_VALUE;
            case INT4 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }
}
