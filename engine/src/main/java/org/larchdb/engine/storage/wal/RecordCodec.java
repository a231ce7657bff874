package org.larchdb.engine.storage.wal;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.storage.Page;
import org.larchdb.engine.storage.wal.WalRecord.Abort;
import org.larchdb.engine.storage.wal.WalRecord.ActiveTransaction;
import org.larchdb.engine.storage.wal.WalRecord.CheckpointBegin;
import org.larchdb.engine.storage.wal.WalRecord.CheckpointEnd;
import org.larchdb.engine.storage.wal.WalRecord.Commit;
import org.larchdb.engine.storage.wal.WalRecord.Compensation;
import org.larchdb.engine.storage.wal.WalRecord.DirtyPage;
import org.larchdb.engine.storage.wal.WalRecord.FullPageImage;
import org.larchdb.engine.storage.wal.WalRecord.HeapDelete;
import org.larchdb.engine.storage.wal.WalRecord.HeapInsert;
import org.larchdb.engine.storage.wal.WalRecord.HeapMarkDeleted;
import org.larchdb.engine.storage.wal.WalRecord.HeapPurge;
import org.larchdb.engine.storage.wal.WalRecord.HeapUnmarkDeleted;
import org.larchdb.engine.storage.wal.WalRecord.HeapUpdate;
import org.larchdb.engine.storage.wal.WalRecord.IndexDelete;
import org.larchdb.engine.storage.wal.WalRecord.IndexInsert;
import org.larchdb.engine.storage.wal.WalRecord.IndexPageChange;
import org.larchdb.engine.storage.wal.WalRecord.PageInit;
import org.larchdb.engine.storage.wal.WalRecord.PendingTuple;
import org.larchdb.engine.storage.wal.WalRecord.RelationCreate;
import org.larchdb.engine.storage.wal.WalRecord.RelationDrop;
import org.larchdb.engine.storage.wal.WalRecord.SegmentSwitch;

/**
 * Payload encodings of every {@link WalRecord} (little-endian, unaligned; byte strings carry a
 * 4-byte length). docs/storage.md is the human-readable copy of this file: change both together.
 */
final class RecordCodec {

    /** pd_lower / pd_upper offsets in the page header (see Page): the free gap between them is not logged. */
    private static final int OFF_LOWER = 12;
    private static final int OFF_UPPER = 14;

    private RecordCodec() {
    }

    static byte[] encode(WalRecord record) {
        PayloadWriter out = new PayloadWriter(64);
        encode(record, out);
        return out.toArray();
    }

    private static void encode(WalRecord record, PayloadWriter out) {
        switch (record) {
            case CheckpointBegin r -> out.i64(r.timestampMillis());
            case CheckpointEnd r -> {
                out.i64(r.beginLsn()).i64(r.nextXid()).i32(r.transactions().size());
                for (ActiveTransaction t : r.transactions()) {
                    out.i64(t.xid()).i64(t.lastLsn()).i64(t.undoNextLsn());
                }
                out.i32(r.dirtyPages().size());
                for (DirtyPage p : r.dirtyPages()) {
                    out.i32(p.relfilenode()).i32(p.block()).i64(p.recLsn());
                }
                // Optional trailing list: records written before it existed end here and still decode.
                if (!r.pendingDeletes().isEmpty()) {
                    out.i32(r.pendingDeletes().size());
                    for (PendingTuple t : r.pendingDeletes()) {
                        out.i32(t.relfilenode()).i32(t.block()).u16(t.slot());
                    }
                }
            }
            case SegmentSwitch r -> {
            }
            case FullPageImage r -> encodePageImage(r, out);
            case PageInit r -> out.i32(r.relfilenode()).i32(r.block()).u16(r.specialSize());
            case Commit r -> ints(out.i64(r.timestampMillis()), r.droppedRelfilenodes());
            case Abort r -> ints(out.i64(r.timestampMillis()), r.createdRelfilenodes());
            case Compensation r -> {
                out.i64(r.undoNextLsn()).u8(r.redo().type());
                encode(r.redo(), out);
            }
            case HeapInsert r -> out.i32(r.relfilenode()).i32(r.block()).u16(r.slot()).u8(r.overflow() ? 1 : 0)
                    .bytes(r.tuple());
            case HeapDelete r -> out.i32(r.relfilenode()).i32(r.block()).u16(r.slot()).u8(r.overflow() ? 1 : 0)
                    .bytes(r.oldTuple());
            case HeapUpdate r -> out.i32(r.relfilenode()).i32(r.block()).u16(r.slot()).bytes(r.oldTuple())
                    .bytes(r.newTuple());
            case HeapMarkDeleted r -> out.i32(r.relfilenode()).i32(r.block()).u16(r.slot());
            case HeapUnmarkDeleted r -> out.i32(r.relfilenode()).i32(r.block()).u16(r.slot());
            case HeapPurge r -> out.i32(r.relfilenode()).i32(r.block()).u16(r.slot());
            case RelationCreate r -> out.i32(r.relfilenode());
            case RelationDrop r -> out.i32(r.relfilenode());
            case IndexPageChange r -> out.i32(r.relfilenode()).i32(r.block()).u16(r.kind()).bytes(r.data());
            case IndexInsert r -> out.i32(r.relfilenode()).i32(r.heapRelfilenode()).bytes(r.key()).i32(r.block())
                    .u16(r.slot());
            case IndexDelete r -> out.i32(r.relfilenode()).i32(r.heapRelfilenode()).bytes(r.key()).i32(r.block())
                    .u16(r.slot());
        }
    }

    private static void ints(PayloadWriter out, int[] values) {
        out.i32(values.length);
        for (int v : values) {
            out.i32(v);
        }
    }

    /**
     * As PostgreSQL's "hole" compression: when the header is sane the unused gap between pd_lower
     * and pd_upper (zeros or garbage nobody reads) is left out, which makes most images much smaller.
     */
    private static void encodePageImage(FullPageImage r, PayloadWriter out) {
        byte[] page = r.page();
        if (page.length != Page.SIZE) {
            throw new IllegalArgumentException("page image must be " + Page.SIZE + " bytes, not " + page.length);
        }
        int lower = u16(page, OFF_LOWER);
        int upper = u16(page, OFF_UPPER);
        int holeOff = 0;
        int holeLen = 0;
        if (lower >= Page.HEADER_SIZE && lower <= upper && upper <= Page.SIZE) {
            holeOff = lower;
            holeLen = upper - lower;
        }
        out.i32(r.relfilenode()).i32(r.block()).u16(holeOff).u16(holeLen);
        out.raw(page, 0, holeOff).raw(page, holeOff + holeLen, Page.SIZE - holeOff - holeLen);
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static WalRecord decode(int type, byte[] bytes, int off, int len) {
        PayloadReader in = new PayloadReader(bytes, off, len);
        WalRecord r = decode(type, in);
        in.expectEnd();
        return r;
    }

    private static WalRecord decode(int type, PayloadReader in) {
        return switch (type) {
            case WalRecord.CHECKPOINT_BEGIN -> new CheckpointBegin(in.i64());
            case WalRecord.CHECKPOINT_END -> decodeCheckpointEnd(in);
            case WalRecord.SEGMENT_SWITCH -> new SegmentSwitch();
            case WalRecord.FULL_PAGE_IMAGE -> decodePageImage(in);
            case WalRecord.PAGE_INIT -> new PageInit(in.i32(), in.i32(), in.u16());
            case WalRecord.COMMIT -> new Commit(in.i64(), in.ints());
            case WalRecord.ABORT -> new Abort(in.i64(), in.ints());
            case WalRecord.COMPENSATION -> {
                long undoNext = in.i64();
                int inner = in.u8();
                if (inner == WalRecord.COMPENSATION) {
                    throw new MalformedRecordException("nested compensation record");
                }
                WalRecord redo = decode(inner, in);
                try {
                    yield new Compensation(undoNext, redo);
                } catch (IllegalArgumentException e) {
                    throw new MalformedRecordException(e.getMessage());
                }
            }
            case WalRecord.HEAP_INSERT -> new HeapInsert(in.i32(), in.i32(), in.u16(), in.u8() != 0, in.bytes());
            case WalRecord.HEAP_DELETE -> new HeapDelete(in.i32(), in.i32(), in.u16(), in.u8() != 0, in.bytes());
            case WalRecord.HEAP_UPDATE -> new HeapUpdate(in.i32(), in.i32(), in.u16(), in.bytes(), in.bytes());
            case WalRecord.HEAP_MARK_DELETED -> new HeapMarkDeleted(in.i32(), in.i32(), in.u16());
            case WalRecord.HEAP_UNMARK_DELETED -> new HeapUnmarkDeleted(in.i32(), in.i32(), in.u16());
            case WalRecord.HEAP_PURGE -> new HeapPurge(in.i32(), in.i32(), in.u16());
            case WalRecord.RELATION_CREATE -> new RelationCreate(in.i32());
            case WalRecord.RELATION_DROP -> new RelationDrop(in.i32());
            case WalRecord.INDEX_PAGE_CHANGE -> new IndexPageChange(in.i32(), in.i32(), in.u16(), in.bytes());
            case WalRecord.INDEX_INSERT -> new IndexInsert(in.i32(), in.i32(), in.bytes(), in.i32(), in.u16());
            case WalRecord.INDEX_DELETE -> new IndexDelete(in.i32(), in.i32(), in.bytes(), in.i32(), in.u16());
            default -> throw new MalformedRecordException("invalid record type " + type);
        };
    }

    private static CheckpointEnd decodeCheckpointEnd(PayloadReader in) {
        long begin = in.i64();
        long nextXid = in.i64();
        int nTx = count(in.i32());
        List<ActiveTransaction> txs = new ArrayList<>(Math.min(nTx, 1024));
        for (int i = 0; i < nTx; i++) {
            txs.add(new ActiveTransaction(in.i64(), in.i64(), in.i64()));
        }
        int nPages = count(in.i32());
        List<DirtyPage> pages = new ArrayList<>(Math.min(nPages, 1024));
        for (int i = 0; i < nPages; i++) {
            pages.add(new DirtyPage(in.i32(), in.i32(), in.i64()));
        }
        List<PendingTuple> pending = new ArrayList<>();
        if (!in.atEnd()) {
            int nPending = count(in.i32());
            for (int i = 0; i < nPending; i++) {
                pending.add(new PendingTuple(in.i32(), in.i32(), in.u16()));
            }
        }
        return new CheckpointEnd(begin, nextXid, txs, pages, pending);
    }

    private static int count(int n) {
        if (n < 0) {
            throw new MalformedRecordException("negative count " + n);
        }
        return n;
    }

    private static FullPageImage decodePageImage(PayloadReader in) {
        int rel = in.i32();
        int block = in.i32();
        int holeOff = in.u16();
        int holeLen = in.u16();
        if (holeOff + holeLen > Page.SIZE) {
            throw new MalformedRecordException("page image hole out of range");
        }
        byte[] page = new byte[Page.SIZE];
        byte[] before = in.raw(holeOff);
        byte[] after = in.raw(Page.SIZE - holeOff - holeLen);
        System.arraycopy(before, 0, page, 0, holeOff);
        System.arraycopy(after, 0, page, holeOff + holeLen, after.length);
        return new FullPageImage(rel, block, page);
    }
}
