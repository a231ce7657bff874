package org.larchdb.engine.exec;

import java.util.List;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.IndexScanNode;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.btree.BTreeCursor;
import org.larchdb.engine.storage.btree.IndexEntry;
import org.larchdb.engine.types.KeyEncoder;
import org.larchdb.engine.types.TupleCodec;

/** Runs an {@link IndexScanNode}: a B+tree cursor over the key range, each entry fetched from the heap. */
public final class IndexScanExec implements RowSource {
    private static final Object[] NO_ROW = new Object[0];
    private final ExecContext ctx;
    private final HeapFile heap;
    private final TupleCodec codec;
    private final boolean withTid;
    private final int width;
    private final BTreeCursor cursor;

    public IndexScanExec(IndexScanNode node, ExecContext ctx) {
        this.ctx = ctx;
        this.heap = ctx.heap(node.table());
        this.codec = new TupleCodec(node.table().columnTypes());
        this.withTid = node.withTid();
        this.width = node.table().columns().size();
        KeyEncoder encoder = new IndexKeys(node.table(), node.index()).encoder();
        byte[] low = null;
        byte[] high = null;
        boolean empty = false;
        boolean lowInclusive = true;
        boolean highInclusive = false;
        if (!node.lowValues().isEmpty()) {
            Object[] values = evaluate(node.lowValues());
            empty |= values == null;
            if (values != null) {
                byte[] prefix = encoder.encodePrefix(values);
                // "starts with prefix or after" / "strictly after every key starting with prefix"
                low = node.lowInclusive() ? prefix : KeyEncoder.successor(prefix);
                empty |= low == null;
            }
        }
        if (!node.highValues().isEmpty()) {
            Object[] values = evaluate(node.highValues());
            empty |= values == null;
            if (values != null) {
                byte[] prefix = encoder.encodePrefix(values);
                high = node.highInclusive() ? KeyEncoder.successor(prefix) : prefix;
            }
        }
        this.cursor = empty ? null : ctx.btree(node.index()).scan(low, lowInclusive, high, highInclusive,
                node.backward());
    }

    /** The bound values, or null when one of them is NULL (then no key can match). */
    private Object[] evaluate(List<Expr> exprs) {
        Object[] values = new Object[exprs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Evaluator.eval(exprs.get(i), NO_ROW, ctx);
            if (values[i] == null) {
                return null;
            }
        }
        return values;
    }

    @Override
    public Object[] next() {
        if (cursor == null) {
            return null;
        }
        while (true) {
            ctx.checkInterrupts();
            IndexEntry entry = cursor.next();
            if (entry == null) {
                return null;
            }
            byte[] tuple = heap.get(entry.tid());
            if (tuple == null) {
                continue;
            }
            Object[] values = codec.decode(tuple);
            if (!withTid) {
                return values;
            }
            Object[] row = new Object[width + 1];
            System.arraycopy(values, 0, row, 0, Math.min(values.length, width));
            row[width] = entry.tid().toLong();
            return row;
        }
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
        }
    }
}
