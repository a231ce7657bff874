package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.IndexScanNode;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.storage.btree.BTreeCursor;
import org.larchdb.engine.storage.btree.IndexEntry;
import org.larchdb.engine.tx.IsolationLevel;
import org.larchdb.engine.types.KeyEncoder;
import org.larchdb.engine.types.TupleCodec;

/**
 * Runs an {@link IndexScanNode}: a B+tree cursor over the key range, each entry's row locked and
 * fetched from the heap. An entry whose row now has another key (an update moved it in the index;
 * the old entry goes when that update commits) is skipped, so each row is returned once.
 *
 * <p>SERIALIZABLE adds next-key locking (tx/lock/README.md): S on every key read and on the first
 * key after the range (the "fence"), so no insert can land in the range until this transaction
 * ends. The cursor reads a leaf at a time, so at the end the range is listed again: a key that
 * appeared before its gap was locked means a concurrent insert got in, and the transaction fails
 * with 40001 rather than see a phantom later.
 */
public final class IndexScanExec implements RowSource {
    private static final Object[] NO_ROW = new Object[0];
    private final ExecContext ctx;
    private final TupleCodec codec;
    private final boolean withTid;
    private final int width;
    private final BTree tree;
    private final IndexKeys keys;
    private final long indexOid;
    private final RowLocking locking;
    private final BTreeCursor cursor;
    private byte[] low;
    private byte[] high;
    // (low, high): the scanned range [low, high) of encoded keys; null = unbounded
    /** SERIALIZABLE: the keys read so far, checked against the range at the end. */
    private final List<byte[]> keysRead;
    private boolean finished;

    public IndexScanExec(IndexScanNode node, ExecContext ctx) {
        this.ctx = ctx;
        HeapFile heap = ctx.heap(node.table());
        this.codec = new TupleCodec(node.table().columnTypes());
        this.withTid = node.withTid();
        this.width = node.table().columns().size();
        this.keys = new IndexKeys(node.table(), node.index());
        this.indexOid = node.index().oid();
        this.tree = ctx.btree(node.index());
        this.locking = RowLocking.forIndexScan(ctx, node.table(), heap, codec, node.rowMark());
        this.keysRead = locking.active() && locking.locks().isolation() == IsolationLevel.SERIALIZABLE
                ? new ArrayList<>() : null;
        KeyEncoder encoder = keys.encoder();
        boolean empty = false;
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
        this.cursor = empty ? null : tree.scan(low, true, high, false, node.backward());
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
        while (!finished) {
            ctx.checkInterrupts();
            IndexEntry entry = cursor == null ? null : cursor.next();
            if (entry == null) {
                finished = true;
                if (keysRead != null && cursor != null) {
                    lockRangeEnd();
                }
                return null;
            }
            if (keysRead != null) {
                locking.locks().readKey(indexOid, entry.key());
                keysRead.add(entry.key());
            }
            Object[] values = locking.lock(entry.tid(), null, false);
            if (values == null) {
                continue;
            }
            if (!Arrays.equals(keys.key(values), entry.key())) {
                locking.skip(entry.tid()); // stale entry: the row is reached through its current key
                continue;
            }
            if (!withTid) {
                return values;
            }
            Object[] row = new Object[width + 1];
            System.arraycopy(values, 0, row, 0, Math.min(values.length, width));
            row[width] = entry.tid().toLong();
            return row;
        }
        return null;
    }

    /**
     * SERIALIZABLE: locks the fence (first key at or after the range's end; the end of the index
     * when unbounded), then lists the range again: every key in it must be one already locked.
     */
    private void lockRangeEnd() {
        byte[] fence = null;
        if (high != null) {
            try (BTreeCursor after = tree.scan(high, true, null, false, false)) {
                IndexEntry e = after.next();
                fence = e == null ? null : e.key();
            }
        }
        locking.locks().readKey(indexOid, fence);
        List<byte[]> seen = keysRead;
        try (BTreeCursor again = tree.scan(low, true, high, false, false)) {
            for (IndexEntry e = again.next(); e != null; e = again.next()) {
                if (!containsKey(seen, e.key()) && !locking.locks().writesKey(indexOid, e.key())) {
                    throw new DbException(SqlState.SERIALIZATION_FAILURE,
                            "could not serialize access due to concurrent insert")
                            .withDetail("A row was inserted into the range this transaction read while it read it.");
                }
            }
        }
    }

    private static boolean containsKey(List<byte[]> list, byte[] key) {
        for (byte[] k : list) {
            if (Arrays.equals(k, key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
        }
    }
}
