package org.larchdb.engine.types;

import java.util.Arrays;

/**
 * Array operators beyond comparison: {@code ||} (array_cat, array_append, array_prepend) and {@code @> <@ &&}.
 * An untyped literal next to an array is read as an array of the same type, as PostgreSQL's anyarray resolution does.
 */
public final class ArrayOperators {
    private ArrayOperators() {
    }

    /** The operator, or null when {@code op} over these types is not an array operator. */
    public static Operator resolve(String op, DataType left, DataType right) {
        PgType l = left.type();
        PgType r = right.type();
        if (!l.isArray() && !r.isArray()) {
            return null;
        }
        DataType array = l.isArray() ? left : right;
        PgType element = array.type().element();
        DataType elementType = ArrayText.elementType(array);
        switch (op) {
            case "||" -> {
                if (l.isArray() && (r.isArray() || r == PgType.UNKNOWN)) {
                    return new Operator(op, array, array, array,
                            (a, b) -> ArrayOps.cat((ArrayValue) a, (ArrayValue) b));
                }
                if (r.isArray() && l == PgType.UNKNOWN) {
                    return new Operator(op, array, array, array,
                            (a, b) -> ArrayOps.cat((ArrayValue) a, (ArrayValue) b));
                }
                if (l.isArray()) {
                    return new Operator(op, array, elementType, array,
                            (a, b) -> ArrayOps.append((ArrayValue) a, b));
                }
                return new Operator(op, elementType, array, array, (a, b) -> ArrayOps.prepend(a, (ArrayValue) b));
            }
            case "@>", "<@", "&&" -> {
                if (!(l.isArray() || l == PgType.UNKNOWN) || !(r.isArray() || r == PgType.UNKNOWN)) {
                    return null;
                }
                return new Operator(op, array, array, DataType.BOOL, (a, b) -> switch (op) {
                    case "@>" -> containsAll((ArrayValue) a, (ArrayValue) b, element);
                    case "<@" -> containsAll((ArrayValue) b, (ArrayValue) a, element);
                    default -> overlaps((ArrayValue) a, (ArrayValue) b, element);
                });
            }
            default -> {
                return null;
            }
        }
    }

    /** arraycontains: every non-null element of b equals some element of a (a NULL in b never matches). */
    private static boolean containsAll(ArrayValue a, ArrayValue b, PgType element) {
        for (Object y : b.elements()) {
            if (y == null || Arrays.stream(a.elements()).noneMatch(x -> x != null
                    && Comparisons.compare(x, y, element) == 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean overlaps(ArrayValue a, ArrayValue b, PgType element) {
        for (Object y : b.elements()) {
            if (y != null && Arrays.stream(a.elements()).anyMatch(x -> x != null
                    && Comparisons.compare(x, y, element) == 0)) {
                return true;
            }
        }
        return false;
    }
}
