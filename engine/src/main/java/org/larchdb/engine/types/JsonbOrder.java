package org.larchdb.engine.types;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * jsonb's btree order (compareJsonbContainers): object > array > boolean > number > string > null; containers
 * with more members sort higher; equal sizes compare member by member (keys before values for objects).
 */
final class JsonbOrder {
    private JsonbOrder() {
    }

    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (a) {
            case Map<?, ?> m -> compareObjects(m, (Map<?, ?>) b);
            case List<?> l -> compareArrays(l, (List<?>) b);
            case String s -> Comparisons.compareText(s, (String) b);
            case BigDecimal d -> d.compareTo((BigDecimal) b);
            case Boolean x -> Boolean.compare(x, (Boolean) b);
            default -> 0;
        };
    }

    private static int rank(Object v) {
        return switch (v) {
            case Map<?, ?> m -> 5;
            case List<?> l -> 4;
            case Boolean b -> 3;
            case BigDecimal d -> 2;
            case String s -> 1;
            default -> 0;
        };
    }

    private static int compareArrays(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        for (int i = 0; i < a.size(); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareObjects(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        Iterator<? extends Map.Entry<?, ?>> x = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> y = b.entrySet().iterator();
        while (x.hasNext()) {
            Map.Entry<?, ?> ex = x.next();
            Map.Entry<?, ?> ey = y.next();
            int c = Jsonb.KEY_ORDER.compare((String) ex.getKey(), (String) ey.getKey());
            if (c != 0) {
                return c;
            }
            c = compare(ex.getValue(), ey.getValue());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
