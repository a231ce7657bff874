package org.larchdb.engine.exec;

import org.larchdb.engine.plan.SeqScanNode;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.types.TupleCodec;

/** Runs a {@link SeqScanNode}: a heap cursor decoding each tuple. */
public final class SeqScanExec implements RowSource {
    private final ExecContext ctx;
    private final HeapScan scan;
    private final TupleCodec codec;
    private final boolean withTid;
    private final int width;

    public SeqScanExec(SeqScanNode node, ExecContext ctx) {
        this.ctx = ctx;
        this.scan = ctx.heap(node.relation()).scan();
        this.codec = new TupleCodec(node.relation().columnTypes());
        this.withTid = node.withTid();
        this.width = node.relation().columns().size();
    }

    @Override
    public Object[] next() {
        ctx.checkInterrupts();
        if (!scan.next()) {
            return null;
        }
        Object[] values = codec.decode(scan.tuple());
        if (!withTid) {
            return values;
        }
        Object[] row = new Object[width + 1];
        System.arraycopy(values, 0, row, 0, Math.min(values.length, width));
        row[width] = scan.tid().toLong();
        return row;
    }

    @Override
    public void close() {
        scan.close();
    }
}
