package org.larchdb.engine.exec;

import java.util.Arrays;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.PgType;

/**
 * Values of the grouping columns of one row, with SQL equality for hashing: NULLs group together,
 * numerics compare by value (1.0 = 1.00), byte arrays by content.
 */
final class GroupKey {
    private final Object[] values;
    private final PgType[] types;
    private final int hash;

    GroupKey(Object[] values, PgType[] types) {
        this.values = values;
        this.types = types;
        int h = 1;
        for (Object v : values) {
            h = 31 * h + hashOf(v);
        }
        this.hash = h;
    }

    Object[] values() {
        return values;
    }

    private static int hashOf(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof byte[] b) {
            return Arrays.hashCode(b);
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
        }
        if (v instanceof String s) {
            return s.stripTrailing().hashCode();
        }
        return v.hashCode();
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GroupKey other) || other.hash != hash) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            Object a = values[i];
            Object b = other.values[i];
            if (a == null || b == null) {
                if (a != b) {
                    return false;
                }
            } else if (Comparisons.compare(a, b, types[i]) != 0) {
                return false;
            }
        }
        return true;
    }
}
