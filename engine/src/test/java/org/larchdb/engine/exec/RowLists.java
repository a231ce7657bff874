package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Test inputs: a row source over fixed rows, and draining a source into a list. */
final class RowLists {
    private RowLists() {
    }

    static RowSource of(Object[]... rows) {
        Iterator<Object[]> it = List.of(rows).iterator();
        return new RowSource() {
            @Override
            public Object[] next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }

    /** The first column of every row, in order. */
    static List<Object> firstColumn(RowSource source) {
        List<Object> out = new ArrayList<>();
        Object[] row;
        while ((row = source.next()) != null) {
            out.add(row[0]);
        }
        return out;
    }
}
