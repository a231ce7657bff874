package org.larchdb.engine.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.ForeignKeyInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TupleCodec;

/**
 * Checks a new FOREIGN KEY against the referencing table's existing rows (ALTER TABLE ... ADD
 * FOREIGN KEY without NOT VALID). The caller holds the referencing table exclusively; each
 * referenced row found is locked FOR KEY SHARE, as for a new row.
 */
public final class ForeignKeyValidation {
    private ForeignKeyValidation() {
    }

    /** Throws 23503 with PostgreSQL's message and DETAIL for the first row without its referenced row. */
    public static void validate(RelationInfo table, ConstraintInfo fk, CatalogSnapshot snapshot, ExecContext ctx) {
        HeapFile heap = ctx.heap(table);
        TupleCodec codec = new TupleCodec(table.columnTypes());
        List<Integer> attnums = fk.attnums();
        DataType[] types = attnums.stream().map(a -> table.columns().get(a - 1).type()).toArray(DataType[]::new);
        RelationInfo parent = snapshot.relation(fk.foreignKey().referencedTableOid());
        try (HeapScan scan = heap.scan()) {
            while (scan.next()) {
                ctx.checkInterrupts();
                if (scan.deletePending()) {
                    continue;
                }
                Object[] row = codec.decode(scan.tuple());
                Object[] key = attnums.stream().map(a -> row[a - 1]).toArray();
                long nulls = Arrays.stream(key).filter(Objects::isNull).count();
                String detail = null;
                if (nulls > 0) {
                    if (fk.foreignKey().matchType() == ForeignKeyInfo.MATCH_FULL && nulls < key.length) {
                        detail = "MATCH FULL does not allow mixing of null and nonnull key values.";
                    }
                } else if (!ForeignKeys.referencedRowExists(fk, key, types, ctx, snapshot)) {
                    StringBuilder names = new StringBuilder("(");
                    StringBuilder values = new StringBuilder("(");
                    for (int i = 0; i < attnums.size(); i++) {
                        if (i > 0) {
                            names.append(", ");
                            values.append(", ");
                        }
                        names.append(table.columns().get(attnums.get(i) - 1).name());
                        values.append(TextCodec.format(key[i], types[i], ctx.textFormat()));
                    }
                    detail = "Key " + names + ")=" + values + ") is not present in table \"" + parent.name() + "\".";
                }
                if (detail != null) {
                    throw new DbException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \""
                            + table.name() + "\" violates foreign key constraint \"" + fk.name() + "\"")
                            .withDetail(detail);
                }
            }
        }
    }
}
