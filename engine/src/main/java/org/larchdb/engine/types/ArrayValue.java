package org.larchdb.engine.types;

import java.util.Arrays;
import java.util.List;

/**
 * An SQL array value: dimensions, lower bounds and the elements in row-major order (null elements are SQL NULL).
 * A zero-dimension value is the empty array {@code '{}'}. Instances are never mutated once built.
 */
public record ArrayValue(int[] dims, int[] lowerBounds, Object[] elements) {

    public static final ArrayValue EMPTY = new ArrayValue(new int[0], new int[0], new Object[0]);

    /** A one-dimensional array with lower bound 1 (empty when there are no elements). */
    public static ArrayValue of(List<?> elements) {
        if (elements.isEmpty()) {
            return EMPTY;
        }
        return new ArrayValue(new int[] {elements.size()}, new int[] {1}, elements.toArray());
    }

    public int ndims() {
        return dims.length;
    }

    public int size() {
        return elements.length;
    }

    /** Lower bound of the first dimension (1 for ordinary arrays). */
    public int lower() {
        return dims.length == 0 ? 1 : lowerBounds[0];
    }

    public List<Object> list() {
        return Arrays.asList(elements);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayValue a && Arrays.equals(dims, a.dims) && Arrays.equals(lowerBounds, a.lowerBounds)
                && Arrays.deepEquals(elements, a.elements);
    }

    @Override
    public int hashCode() {
        // consistent with array equality: numerics equal across scales (1.0 = 1.00) hash alike
        int h = Arrays.hashCode(dims);
        for (Object e : elements) {
            h = h * 31 + (e instanceof java.math.BigDecimal d ? (d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode())
                    : e instanceof Object[] || e instanceof byte[] ? Arrays.deepHashCode(new Object[] {e})
                    : java.util.Objects.hashCode(e));
        }
        return h;
    }

    @Override
    public String toString() {
        return Arrays.toString(dims) + Arrays.deepToString(elements);
    }
}
