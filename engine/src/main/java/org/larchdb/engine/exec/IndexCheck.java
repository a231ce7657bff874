package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.storage.btree.BTreeCheck;
import org.larchdb.engine.storage.btree.BTreeCursor;
import org.larchdb.engine.storage.btree.IndexEntry;
import org.larchdb.engine.types.KeyEncoder;
import org.larchdb.engine.types.TupleCodec;

/**
 * Verifies an index against itself (key order, sibling links, separators, depth: {@link BTreeCheck})
 * and against its table: every heap tuple is indexed exactly once under its current key, and the
 * index has no other entries. Meant for a quiet table (tests, crash checks, an administrator).
 */
public final class IndexCheck {
    private static final int MAX_PROBLEMS = 20;

    private IndexCheck() {
    }

    /** The problems found, empty when the index is sound. */
    public static List<String> check(RelationInfo table, IndexInfo index, ExecContext ctx) {
        BTree tree = ctx.btree(index);
        List<String> problems = new ArrayList<>(BTreeCheck.check(tree));
        HeapFile heap = ctx.heap(table);
        TupleCodec codec = new TupleCodec(table.columnTypes());
        IndexKeys keys = new IndexKeys(table, index);
        long tuples = 0;
        try (HeapScan scan = heap.scan()) {
            while (scan.next() && problems.size() < MAX_PROBLEMS) {
                ctx.checkInterrupts();
                tuples++;
                byte[] key = keys.key(codec.decode(scan.tuple()));
                int found = 0;
                try (BTreeCursor cursor = tree.scan(key, true, KeyEncoder.successor(key), false, false)) {
                    IndexEntry e;
                    while ((e = cursor.next()) != null) {
                        if (e.tid().equals(scan.tid()) && java.util.Arrays.equals(e.key(), key)) {
                            found++;
                        }
                    }
                }
                if (found != 1) {
                    problems.add("heap tuple " + scan.tid() + " of \"" + table.name() + "\" is indexed " + found
                            + " times in \"" + index.name() + "\"");
                }
            }
        }
        long entries = 0;
        try (BTreeCursor cursor = tree.scan(null, true, null, true, false)) {
            while (cursor.next() != null) {
                entries++;
            }
        }
        if (entries != tuples && problems.size() < MAX_PROBLEMS) {
            problems.add("index \"" + index.name() + "\" has " + entries + " entries for " + tuples + " heap tuples");
        }
        return problems;
    }
}
