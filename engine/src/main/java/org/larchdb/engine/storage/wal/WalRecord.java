package org.larchdb.engine.storage.wal;

import java.util.List;
import java.util.Objects;

/**
 * What one log record says. The frame around it (length, type, transaction id, the transaction's
 * previous record, CRC32C) is {@link RecordFrame}'s; the payload encodings are {@link RecordCodec}'s
 * and docs/storage.md lists them byte by byte.
 *
 * <p>The type byte's high nibble is the resource manager (PostgreSQL's rmgr): 0 log/checkpoint,
 * 1 transaction, 2 heap, 3 relation files, 4 index. Codes are on-disk format: never renumber them,
 * only add. {@link PageRecord}s change exactly one page and are redone when the page's LSN is
 * older than the record; the others are redone by recovery's own rules (docs/storage.md).
 *
 * <p>Byte arrays are taken and returned as they are (no copies, for the hot path); records
 * compare by identity of those arrays, so compare {@link #payload()}s instead.
 */
public sealed interface WalRecord {

    int CHECKPOINT_BEGIN = 0x01;
    int CHECKPOINT_END = 0x02;
    int SEGMENT_SWITCH = 0x03;
    int FULL_PAGE_IMAGE = 0x04;
    int PAGE_INIT = 0x05;
    int COMMIT = 0x10;
    int ABORT = 0x11;
    int COMPENSATION = 0x12;
    int HEAP_INSERT = 0x20;
    int HEAP_DELETE = 0x21;
    int HEAP_UPDATE = 0x22;
    int HEAP_MARK_DELETED = 0x23;
    int HEAP_UNMARK_DELETED = 0x24;
    int HEAP_PURGE = 0x25;
    int RELATION_CREATE = 0x30;
    int RELATION_DROP = 0x31;
    int INDEX_PAGE_CHANGE = 0x40;
    int INDEX_INSERT = 0x41;
    int INDEX_DELETE = 0x42;

    /** The type byte stored in the frame. */
    int type();

    /** The encoded payload (without frame). */
    default byte[] payload() {
        return RecordCodec.encode(this);
    }

    /** Decodes a payload of the given type; {@link MalformedRecordException} if it does not parse. */
    static WalRecord decode(int type, byte[] payload) {
        return RecordCodec.decode(type, payload, 0, payload.length);
    }

    /** A record that changes one page: redo applies it iff the page LSN is below the record's end. */
    sealed interface PageRecord extends WalRecord {
        int relfilenode();

        int block();
    }

    /** Starts a fuzzy checkpoint; its LSN is the checkpoint's redo point. */
    record CheckpointBegin(long timestampMillis) implements WalRecord {
        public int type() {
            return CHECKPOINT_BEGIN;
        }
    }

    /** One row of the checkpoint's transaction table (ARIES): a transaction still running. */
    record ActiveTransaction(long xid, long lastLsn, long undoNextLsn) {
    }

    /** One row of the checkpoint's dirty page table: recLsn is the first change not yet on disk. */
    record DirtyPage(int relfilenode, int block, long recLsn) {
    }

    /**
     * A tuple marked delete-pending and not yet purged when the checkpoint ended: recovery checks it
     * (its mark record may lie before the redo point) and reports it if still pending.
     */
    record PendingTuple(int relfilenode, int block, int slot) {
    }

    /**
     * Ends a fuzzy checkpoint begun at {@code beginLsn}: the tables as they stood when it began
     * (changes logged between begin and end are seen by analysis anyway, it starts at beginLsn).
     */
    record CheckpointEnd(long beginLsn, long nextXid, List<ActiveTransaction> transactions,
                         List<DirtyPage> dirtyPages, List<PendingTuple> pendingDeletes) implements WalRecord {
        public CheckpointEnd {
            transactions = List.copyOf(transactions);
            dirtyPages = List.copyOf(dirtyPages);
            pendingDeletes = List.copyOf(pendingDeletes);
        }

        /** Without pending deletes (as records written before they existed decode). */
        public CheckpointEnd(long beginLsn, long nextXid, List<ActiveTransaction> transactions,
                             List<DirtyPage> dirtyPages) {
            this(beginLsn, nextXid, transactions, dirtyPages, List.of());
        }

        public int type() {
            return CHECKPOINT_END;
        }
    }

    /**
     * Written by the writer alone when the next record does not fit in the current segment: the
     * reader continues at the next segment's start. Callers never append it.
     */
    record SegmentSwitch() implements WalRecord {
        public int type() {
            return SEGMENT_SWITCH;
        }
    }

    /**
     * The whole 8 KiB page as it was before its first change after a checkpoint (torn-page
     * protection); redo copies it over the page and stamps the record's end LSN.
     */
    record FullPageImage(int relfilenode, int block, byte[] page) implements PageRecord {
        public FullPageImage {
            Objects.requireNonNull(page);
        }

        public int type() {
            return FULL_PAGE_IMAGE;
        }
    }

    /** A new block formatted as an empty page with {@code specialSize} bytes of special space. */
    record PageInit(int relfilenode, int block, int specialSize) implements PageRecord {
        public int type() {
            return PAGE_INIT;
        }
    }

    /** Transaction end; {@code droppedRelfilenodes} are unlinked once this record is durable. */
    record Commit(long timestampMillis, int[] droppedRelfilenodes) implements WalRecord {
        public int type() {
            return COMMIT;
        }
    }

    /**
     * Written after a rollback's undo is complete (its CLRs logged); {@code createdRelfilenodes}
     * are the files the transaction created, unlinked now.
     */
    record Abort(long timestampMillis, int[] createdRelfilenodes) implements WalRecord {
        public int type() {
            return ABORT;
        }
    }

    /**
     * A compensation log record: the redo of one undo step ({@code redo}, a page or relation
     * record) and where undo continues ({@code undoNextLsn} = the prevLsn of the record it undid),
     * so undo never undoes an undo, even across crashes during recovery. Redo-only.
     */
    record Compensation(long undoNextLsn, WalRecord redo) implements WalRecord {
        public Compensation {
            if (!(redo instanceof PageRecord || redo instanceof RelationCreate || redo instanceof RelationDrop
                    || redo instanceof IndexInsert || redo instanceof IndexDelete)) {
                throw new IllegalArgumentException("a compensation record carries a page or relation change, not "
                        + redo.getClass().getSimpleName());
            }
        }

        public int type() {
            return COMPENSATION;
        }
    }

    /** A tuple (or, with {@code overflow}, a large tuple's head or chunk) stored at (block, slot). */
    record HeapInsert(int relfilenode, int block, int slot, boolean overflow, byte[] tuple) implements PageRecord {
        public int type() {
            return HEAP_INSERT;
        }
    }

    /** The tuple at (block, slot) marked dead; {@code oldTuple} is kept for undo (re-insert). */
    record HeapDelete(int relfilenode, int block, int slot, boolean overflow, byte[] oldTuple)
            implements PageRecord {
        public int type() {
            return HEAP_DELETE;
        }
    }

    /** An in-place update keeping the slot; moves across pages are logged as insert + delete. */
    record HeapUpdate(int relfilenode, int block, int slot, byte[] oldTuple, byte[] newTuple)
            implements PageRecord {
        public int type() {
            return HEAP_UPDATE;
        }
    }

    /**
     * The tuple at (block, slot) (a large tuple's head) marked delete-pending; its bytes stay.
     * Undo clears the mark (CLR {@link HeapUnmarkDeleted}).
     */
    record HeapMarkDeleted(int relfilenode, int block, int slot) implements PageRecord {
        public int type() {
            return HEAP_MARK_DELETED;
        }
    }

    /** The delete-pending mark of (block, slot) cleared: only inside CLRs, as the undo of a mark. */
    record HeapUnmarkDeleted(int relfilenode, int block, int slot) implements PageRecord {
        public int type() {
            return HEAP_UNMARK_DELETED;
        }
    }

    /**
     * A delete-pending tuple (or one part of a large one) removed for good after its deleter
     * committed. Redo-only (xid 0): never undone.
     */
    record HeapPurge(int relfilenode, int block, int slot) implements PageRecord {
        public int type() {
            return HEAP_PURGE;
        }
    }

    /** A relation file created (logged before the file exists, so recovery can remove an orphan). */
    record RelationCreate(int relfilenode) implements WalRecord {
        public int type() {
            return RELATION_CREATE;
        }
    }

    /** A relation file removed outside a commit record (the undo of a create, as a CLR's action). */
    record RelationDrop(int relfilenode) implements WalRecord {
        public int type() {
            return RELATION_DROP;
        }
    }

    /**
     * A change to an index page. {@code kind} is the index access method's opcode; kind
     * {@link #KIND_PAGE_IMAGE} means {@code data} is the whole page after the change (redo copies
     * it), so an index can be logged correctly before it has logical records of its own.
     */
    record IndexPageChange(int relfilenode, int block, int kind, byte[] data) implements PageRecord {
        public static final int KIND_PAGE_IMAGE = 0;
        /**
         * Several whole pages changed by one operation (a split), logged as one record so the
         * operation is atomic in the log: {@code data} = n × (block i32, 8192 page bytes); {@code block}
         * is the first of them.
         */
        public static final int KIND_MULTI_PAGE_IMAGE = 1;
        /** A B+tree leaf item inserted: {@code data} = position u16, item bytes (redo reads the page). */
        public static final int KIND_LEAF_INSERT = 2;
        /** A B+tree leaf item removed: {@code data} = position u16. */
        public static final int KIND_LEAF_DELETE = 3;

        /** Whether redo overwrites the page(s) whole (kinds 0 and 1) rather than changing them. */
        public boolean isImage() {
            return kind == KIND_PAGE_IMAGE || kind == KIND_MULTI_PAGE_IMAGE;
        }

        /** The blocks this record changes. */
        public List<Integer> blocks() {
            return kind == KIND_MULTI_PAGE_IMAGE ? List.copyOf(pages().keySet()) : List.of(block);
        }

        /** A kind-1 record of the given pages (copied). */
        public static IndexPageChange multi(int relfilenode, List<Integer> blocks, List<byte[]> pages) {
            byte[] data = new byte[blocks.size() * (4 + 8192)];
            for (int i = 0; i < blocks.size(); i++) {
                int off = i * (4 + 8192);
                RecordFrame.putI32(data, off, blocks.get(i));
                System.arraycopy(pages.get(i), 0, data, off + 4, 8192);
            }
            return new IndexPageChange(relfilenode, blocks.get(0), KIND_MULTI_PAGE_IMAGE, data);
        }

        /** The (block → page image) pairs of a kind 0 or kind 1 record, in order. */
        public java.util.LinkedHashMap<Integer, byte[]> pages() {
            java.util.LinkedHashMap<Integer, byte[]> out = new java.util.LinkedHashMap<>();
            if (kind == KIND_PAGE_IMAGE) {
                out.put(block, data);
            } else if (kind == KIND_MULTI_PAGE_IMAGE) {
                for (int off = 0; off + 4 + 8192 <= data.length; off += 4 + 8192) {
                    out.put(RecordFrame.i32(data, off), java.util.Arrays.copyOfRange(data, off + 4, off + 4 + 8192));
                }
            }
            return out;
        }

        public int type() {
            return INDEX_PAGE_CHANGE;
        }
    }

    /**
     * A logical index entry added by a transaction (undo: delete it again). Redo-less: the pages it
     * changed are logged separately as {@link IndexPageChange} images. Inside a CLR it names the
     * logical undo step taken (its page images precede the CLR).
     */
    record IndexInsert(int relfilenode, int heapRelfilenode, byte[] key, int block, int slot) implements WalRecord {
        public int type() {
            return INDEX_INSERT;
        }
    }

    /** A logical index entry removed by a transaction (undo: insert it again); redo-less as above. */
    record IndexDelete(int relfilenode, int heapRelfilenode, byte[] key, int block, int slot) implements WalRecord {
        public int type() {
            return INDEX_DELETE;
        }
    }
}
