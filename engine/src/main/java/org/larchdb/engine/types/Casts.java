package org.larchdb.engine.types;

import java.time.ZoneId;

/** Casts between types, following pg_cast (which casts exist and in which contexts) and the cast functions' semantics and errors. */
public final class Casts {
    private Casts() {
    }

    /** When a cast may be applied without being written: pg_cast.castcontext. */
    public enum Context { IMPLICIT, ASSIGNMENT, EXPLICIT }

    /**
     * Whether a value of {@code from} may be converted to {@code to} in the given context
     * (UNKNOWN converts to anything; every type converts to text explicitly, and to/from string types by I/O conversion).
     */
    public static boolean canCast(PgType from, PgType to, Context context) {
        throw new UnsupportedOperationException("filled in by the types work");
    }

    /**
     * Converts a non-null value. Applies the target's type modifier (length, precision/scale):
     * an explicit cast to varchar(n) truncates, an assignment raises 22001 as PostgreSQL does.
     */
    public static Object cast(Object value, DataType from, DataType to, Context context, ZoneId timeZone) {
        throw new UnsupportedOperationException("filled in by the types work");
    }
}
