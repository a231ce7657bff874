package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.types.KeyEncoder;
import org.larchdb.engine.types.KeySpec;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TextFormat;

/** The key of one index over rows of its table: which columns, how they encode, how they print in errors. */
public final class IndexKeys {
    private final IndexInfo index;
    private final RelationInfo table;
    private final KeyEncoder encoder;

    public IndexKeys(RelationInfo table, IndexInfo index) {
        this.table = table;
        this.index = index;
        List<KeySpec.Column> columns = new ArrayList<>();
        for (int i = 0; i < index.attnums().size(); i++) {
            columns.add(new KeySpec.Column(table.columns().get(index.attnums().get(i) - 1).type().type(),
                    index.descending().get(i), index.nullsFirst().get(i)));
        }
        this.encoder = new KeyEncoder(new KeySpec(columns));
    }

    public IndexInfo index() {
        return index;
    }

    public KeyEncoder encoder() {
        return encoder;
    }

    /** The indexed values of a table row, in key order. */
    public Object[] values(Object[] row) {
        Object[] values = new Object[index.attnums().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[index.attnums().get(i) - 1];
        }
        return values;
    }

    public byte[] key(Object[] row) {
        return encoder.encode(values(row));
    }

    /** Whether any key column is NULL: such rows never conflict under UNIQUE, as in PostgreSQL. */
    public boolean hasNull(Object[] row) {
        for (int attnum : index.attnums()) {
            if (row[attnum - 1] == null) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL's DETAIL form of a key: {@code (a, b)=(1, x)}. */
    public String describe(Object[] row, TextFormat format) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (int attnum : index.attnums()) {
            var column = table.columns().get(attnum - 1);
            names.add(column.name());
            Object v = row[attnum - 1];
            values.add(v == null ? "null" : TextCodec.format(v, column.type(), format));
        }
        return names + "=" + values;
    }
}
