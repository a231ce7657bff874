package org.larchdb.engine.exec;

import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.types.TupleCodec;

/** Fills a new index from its table's rows (CREATE INDEX), checking uniqueness as it goes. */
public final class IndexBuild {
    private IndexBuild() {
    }

    public static void build(RelationInfo table, IndexInfo index, ExecContext ctx) {
        HeapFile heap = ctx.heap(table);
        BTree tree = ctx.btree(index);
        IndexKeys keys = new IndexKeys(table, index);
        TupleCodec codec = new TupleCodec(table.columnTypes());
        try (HeapScan scan = heap.scan()) {
            while (scan.next()) {
                ctx.checkInterrupts();
                Object[] row = codec.decode(scan.tuple());
                byte[] key = keys.key(row);
                if (index.unique() && !keys.hasNull(row)) {
                    if (ctx.transaction().indexInsertUnique(tree, heap.relfilenode(), key, scan.tid(),
                            t -> heap.get(t) != null) != null) {
                        throw new DbException(SqlState.UNIQUE_VIOLATION, "could not create unique index \""
                                + index.name() + "\"").withDetail("Key " + keys.describe(row, ctx.textFormat())
                                + " is duplicated.");
                    }
                } else {
                    ctx.transaction().indexInsert(tree, heap.relfilenode(), key, scan.tid());
                }
            }
        }
    }
}
