package org.larchdb.engine.exec;

import org.larchdb.engine.plan.SeqScanNode;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.types.TupleCodec;

/**
 * Runs a {@link SeqScanNode}: a heap cursor decoding each tuple, each row locked before it is
 * returned unless a table lock covers the scan ({@link RowLocking}).
 */
public final class SeqScanExec implements RowSource {
    private final ExecContext ctx;
    private final HeapScan scan;
    private final TupleCodec codec;
    private final boolean withTid;
    private final int width;
    private final RowLocking locking;

    public SeqScanExec(SeqScanNode node, ExecContext ctx) {
        this.ctx = ctx;
        HeapFile heap = ctx.heap(node.relation());
        this.codec = new TupleCodec(node.relation().columnTypes());
        this.withTid = node.withTid();
        this.width = node.relation().columns().size();
        // Lock first, then open the cursor: under SERIALIZABLE the table lock comes before any read.
        this.locking = RowLocking.forSeqScan(ctx, node.relation(), heap, codec, node.rowMark());
        this.scan = heap.scan();
    }

    @Override
    public Object[] next() {
        while (true) {
            ctx.checkInterrupts();
            if (!scan.next()) {
                return null;
            }
            Object[] values = locking.lock(scan.tid(), scan.tuple(), scan.deletePending());
            if (values == null) {
                continue;
            }
            if (!withTid) {
                return values;
            }
            Object[] row = new Object[width + 1];
            System.arraycopy(values, 0, row, 0, Math.min(values.length, width));
            row[width] = scan.tid().toLong();
            return row;
        }
    }

    @Override
    public void close() {
        scan.close();
    }
}
