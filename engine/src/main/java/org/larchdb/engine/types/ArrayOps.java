package org.larchdb.engine.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** The array functions and operators: comparison (array_cmp), subscripts, append/prepend/cat, length, position. */
public final class ArrayOps {
    private ArrayOps() {
    }

    /**
     * array_cmp: element by element (a NULL element is greater than any value), then the number of elements,
     * dimensions, dimension lengths and lower bounds.
     */
    public static int compare(ArrayValue a, ArrayValue b, PgType elementType) {
        Object[] x = a.elements();
        Object[] y = b.elements();
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            Object p = x[i];
            Object q = y[i];
            if (p == null || q == null) {
                if (p != q) {
                    return p == null ? 1 : -1;
                }
                continue;
            }
            int c = Comparisons.compare(p, q, elementType);
            if (c != 0) {
                return c;
            }
        }
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        if (a.ndims() != b.ndims()) {
            return Integer.compare(a.ndims(), b.ndims());
        }
        for (int d = 0; d < a.ndims(); d++) {
            if (a.dims()[d] != b.dims()[d]) {
                return Integer.compare(a.dims()[d], b.dims()[d]);
            }
            if (a.lowerBounds()[d] != b.lowerBounds()[d]) {
                return Integer.compare(a.lowerBounds()[d], b.lowerBounds()[d]);
            }
        }
        return 0;
    }

    /** {@code a[i][j]...}: NULL when any subscript lies outside the array or the count differs from ndims. */
    public static Object subscript(ArrayValue a, int[] subscripts) {
        if (subscripts.length != a.ndims()) {
            return null;
        }
        int offset = 0;
        for (int d = 0; d < subscripts.length; d++) {
            int i = subscripts[d] - a.lowerBounds()[d];
            if (i < 0 || i >= a.dims()[d]) {
                return null;
            }
            offset = offset * a.dims()[d] + i;
        }
        return a.elements()[offset];
    }

    /** {@code a[lo:hi]} of a one-dimensional array (null bounds mean the array's own); the result starts at 1. */
    public static ArrayValue slice(ArrayValue a, Integer lo, Integer hi) {
        if (a.ndims() == 0) {
            return ArrayValue.EMPTY;
        }
        if (a.ndims() != 1) {
            throw DbException.notSupported("slices of multidimensional arrays");
        }
        int lower = a.lowerBounds()[0];
        int from = Math.max(lo == null ? lower : lo, lower);
        int to = Math.min(hi == null ? lower + a.dims()[0] - 1 : hi, lower + a.dims()[0] - 1);
        if (from > to) {
            return ArrayValue.EMPTY;
        }
        return ArrayValue.of(Arrays.asList(Arrays.copyOfRange(a.elements(), from - lower, to - lower + 1)));
    }

    /** array_length(a, dim): NULL for a dimension the array lacks. */
    public static Integer length(ArrayValue a, int dim) {
        return dim < 1 || dim > a.ndims() ? null : a.dims()[dim - 1];
    }

    public static Integer lower(ArrayValue a, int dim) {
        return dim < 1 || dim > a.ndims() ? null : a.lowerBounds()[dim - 1];
    }

    public static Integer upper(ArrayValue a, int dim) {
        return dim < 1 || dim > a.ndims() ? null : a.lowerBounds()[dim - 1] + a.dims()[dim - 1] - 1;
    }

    /** array_dims: {@code [1:3]}, NULL for an empty array. */
    public static String dimsText(ArrayValue a) {
        if (a.ndims() == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < a.ndims(); d++) {
            sb.append('[').append(a.lowerBounds()[d]).append(':').append(a.lowerBounds()[d] + a.dims()[d] - 1)
                    .append(']');
        }
        return sb.toString();
    }

    public static ArrayValue append(ArrayValue a, Object element) {
        requireOneDim(a);
        if (a.ndims() == 0) {
            return ArrayValue.of(java.util.Collections.singletonList(element));
        }
        Object[] e = Arrays.copyOf(a.elements(), a.size() + 1);
        e[a.size()] = element;
        return new ArrayValue(new int[] {e.length}, a.lowerBounds().clone(), e);
    }

    public static ArrayValue prepend(Object element, ArrayValue a) {
        requireOneDim(a);
        Object[] e = new Object[a.size() + 1];
        e[0] = element;
        System.arraycopy(a.elements(), 0, e, 1, a.size());
        return new ArrayValue(new int[] {e.length}, new int[] {1}, e);
    }

    /** array_cat for arrays of equal dimensionality (or one of them empty). */
    public static ArrayValue cat(ArrayValue a, ArrayValue b) {
        if (a.ndims() == 0) {
            return b;
        }
        if (b.ndims() == 0) {
            return a;
        }
        if (a.ndims() != b.ndims()) {
            if (a.ndims() == b.ndims() + 1 || b.ndims() == a.ndims() + 1) {
                throw DbException.notSupported("concatenating arrays of different dimensions");
            }
            throw new DbException(SqlState.ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays")
                    .withDetail("Arrays of " + a.ndims() + " and " + b.ndims()
                            + " dimensions are not compatible for concatenation.");
        }
        for (int d = 1; d < a.ndims(); d++) {
            if (a.dims()[d] != b.dims()[d]) {
                throw new DbException(SqlState.ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays")
                        .withDetail("Arrays with differing element dimensions are not compatible for "
                                + "concatenation.");
            }
        }
        Object[] e = Arrays.copyOf(a.elements(), a.size() + b.size());
        System.arraycopy(b.elements(), 0, e, a.size(), b.size());
        int[] dims = a.dims().clone();
        dims[0] += b.dims()[0];
        return new ArrayValue(dims, a.lowerBounds().clone(), e);
    }

    /** array_position: the subscript of the first element not distinct from {@code value}, or NULL. */
    public static Integer position(ArrayValue a, Object value, PgType elementType) {
        requireOneDim(a);
        for (int i = 0; i < a.size(); i++) {
            Object e = a.elements()[i];
            if (e == null ? value == null : value != null && Comparisons.compare(e, value, elementType) == 0) {
                return a.lower() + i;
            }
        }
        return null;
    }

    /** array_remove: every element not distinct from {@code value} dropped. */
    public static ArrayValue remove(ArrayValue a, Object value, PgType elementType) {
        requireOneDim(a);
        List<Object> kept = new ArrayList<>();
        for (Object e : a.elements()) {
            boolean same = e == null ? value == null : value != null && Comparisons.compare(e, value, elementType) == 0;
            if (!same) {
                kept.add(e);
            }
        }
        return ArrayValue.of(kept);
    }

    private static void requireOneDim(ArrayValue a) {
        if (a.ndims() > 1) {
            throw DbException.notSupported("this function on multidimensional arrays");
        }
    }

    /** Builds the value of ARRAY[...] from its elements; elements that are arrays make one more dimension. */
    public static ArrayValue construct(List<Object> elements, boolean nested) {
        if (!nested) {
            return ArrayValue.of(elements);
        }
        if (elements.isEmpty()) {
            return ArrayValue.EMPTY;
        }
        int[] inner = null;
        List<Object> flat = new ArrayList<>();
        for (Object e : elements) {
            if (e == null) {
                throw DbException.notSupported("NULL sub-arrays in ARRAY[]");
            }
            ArrayValue sub = (ArrayValue) e;
            if (inner == null) {
                inner = sub.dims();
            } else if (!Arrays.equals(inner, sub.dims())) {
                throw new DbException(SqlState.ARRAY_SUBSCRIPT_ERROR,
                        "multidimensional arrays must have array expressions with matching dimensions");
            }
            flat.addAll(sub.list());
        }
        if (inner.length == 0) {
            return ArrayValue.EMPTY;
        }
        int[] dims = new int[inner.length + 1];
        dims[0] = elements.size();
        System.arraycopy(inner, 0, dims, 1, inner.length);
        int[] lbs = new int[dims.length];
        Arrays.fill(lbs, 1);
        return new ArrayValue(dims, lbs, flat.toArray());
    }
}
