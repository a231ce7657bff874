package org.larchdb.engine.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * The on-page format of a tuple too large for one page, and its reassembly. Such a tuple is a
 * <em>head</em> (its Tid is the tuple's Tid) plus a chain of <em>chunks</em>, all stored under
 * {@link HeapPage#LP_OVERFLOW} line pointers so that page-level reads, scans and deletes of plain
 * tuples never see them. Little-endian, unaligned:
 *
 * <pre>
 * head  (23 bytes): kind=1 (1) | value id (8) | total length (4) | chunk count (4) | first chunk block (4), slot (2)
 * chunk (19 + n):   kind=2 (1) | value id (8) | chunk number (4) | next chunk block (4), slot (2) | n data bytes
 * </pre>
 *
 * Chunk {@code i} holds bytes {@code [i * MAX_CHUNK_DATA, min((i + 1) * MAX_CHUNK_DATA, length))}; the
 * last chunk's next block is -1. The value id (random 64 bits, like PostgreSQL's toast value OID)
 * and chunk number are repeated in every chunk so that a reader following a chain whose tuple was
 * deleted meanwhile — and whose slots may already hold other data — notices instead of returning a
 * mix: it then re-reads the head, and reports the tuple as gone (head gone too) or the heap as
 * corrupted (head still there).
 */
final class OverflowTuple {
    static final byte KIND_HEAD = 1;
    static final byte KIND_CHUNK = 2;
    static final int HEAD_SIZE = 23;
    static final int CHUNK_HEADER_SIZE = 19;

    /**
     * Largest tuple a heap accepts: PostgreSQL's 1 GB limit of one value (MaxAllocSize, 2^30 - 1).
     * The heap stores whole rows, so here it bounds the encoded row.
     */
    static final int MAX_TUPLE_SIZE = 0x3fff_ffff;

    /**
     * Size of a full chunk part: what an empty page holds, rounded down to a whole free-space
     * category (8160 of 8164 bytes), so the free-space map can find the empty pages it fits on.
     */
    static final int MAX_CHUNK_PART = HeapPage.MAX_TUPLE_SIZE / FreeSpaceMap.CATEGORY_BYTES * FreeSpaceMap.CATEGORY_BYTES;
    /** Tuple bytes carried by a full chunk. */
    static final int MAX_CHUNK_DATA = MAX_CHUNK_PART - CHUNK_HEADER_SIZE;

    private static final int NO_BLOCK = -1;

    private OverflowTuple() {
    }

    /** Whether a tuple of this length must be stored as head + chunks. */
    static boolean isLarge(int length) {
        return length > HeapPage.MAX_TUPLE_SIZE;
    }

    static int chunkCount(int length) {
        return (int) (((long) length + MAX_CHUNK_DATA - 1) / MAX_CHUNK_DATA);
    }

    /** A decoded head: enough to find, check and reassemble the chunks. */
    record Head(long valueId, int length, int chunkCount, Tid firstChunk) {

        byte[] encode() {
            ByteBuffer b = buffer(new byte[HEAD_SIZE]);
            b.put(KIND_HEAD).putLong(valueId).putInt(length).putInt(chunkCount);
            putTid(b, firstChunk);
            return b.array();
        }

        /** The head in an overflow part, or null when the part is missing or a chunk. */
        static Head decode(byte[] part) {
            if (part == null || part.length != HEAD_SIZE || part[0] != KIND_HEAD) {
                return null;
            }
            ByteBuffer b = buffer(part).position(1);
            return new Head(b.getLong(), b.getInt(), b.getInt(), getTid(b));
        }
    }

    /** Chunk {@code seq} of {@code tuple}: its header followed by its slice of the tuple. */
    static byte[] chunk(long valueId, int seq, Tid next, byte[] tuple) {
        int from = seq * MAX_CHUNK_DATA;
        int len = Math.min(MAX_CHUNK_DATA, tuple.length - from);
        ByteBuffer b = buffer(new byte[CHUNK_HEADER_SIZE + len]);
        b.put(KIND_CHUNK).putLong(valueId).putInt(seq);
        putTid(b, next);
        b.put(tuple, from, len);
        return b.array();
    }

    /** Whether {@code part} is chunk {@code seq} of the value {@code valueId}. */
    static boolean isChunkOf(byte[] part, long valueId, int seq) {
        if (part == null || part.length < CHUNK_HEADER_SIZE || part[0] != KIND_CHUNK) {
            return false;
        }
        ByteBuffer b = buffer(part).position(1);
        return b.getLong() == valueId && b.getInt() == seq;
    }

    /**
     * The part (head or chunk) with its pointer to the next part translated through {@code moves}:
     * when undo restores a large tuple deleted by its transaction, a chunk whose slot was reused
     * meanwhile lands elsewhere, and the part pointing at it (restored after it) must follow.
     */
    static byte[] relink(byte[] part, int relfilenode, TupleMoves moves) {
        int off = part.length == HEAD_SIZE && part[0] == KIND_HEAD ? 17
                : part.length >= CHUNK_HEADER_SIZE && part[0] == KIND_CHUNK ? 13 : -1;
        if (off < 0) {
            return part;
        }
        Tid next = getTid(buffer(part).position(off));
        if (next == null) {
            return part;
        }
        Tid now = moves.current(relfilenode, next);
        if (now.equals(next)) {
            return part;
        }
        byte[] copy = part.clone();
        putTid(buffer(copy).position(off), now);
        return copy;
    }

    /** The chunk after this one, or null for the last. */
    static Tid nextChunk(byte[] chunk) {
        return getTid(buffer(chunk).position(13));
    }

    /**
     * Reassembles the tuple whose head {@code head} was read at {@code headTid}, latching one chunk
     * page at a time (no latch may be held by the caller). Returns null when the tuple was deleted
     * while it was being read.
     */
    static byte[] read(BufferPool pool, int relfilenode, Tid headTid, Head head) {
        if (head.length() < 0 || head.length() > MAX_TUPLE_SIZE || head.chunkCount() != chunkCount(head.length())) {
            throw corrupted(relfilenode, headTid, head, 0);
        }
        byte[] tuple = new byte[head.length()];
        Tid at = head.firstChunk();
        for (int seq = 0; seq < head.chunkCount(); seq++) {
            byte[] part = readPart(pool, relfilenode, at);
            int from = seq * MAX_CHUNK_DATA;
            int len = Math.min(MAX_CHUNK_DATA, tuple.length - from);
            if (!isChunkOf(part, head.valueId(), seq) || part.length != CHUNK_HEADER_SIZE + len) {
                if (headStillThere(pool, relfilenode, headTid, head)) {
                    throw corrupted(relfilenode, headTid, head, seq);
                }
                return null;
            }
            System.arraycopy(part, CHUNK_HEADER_SIZE, tuple, from, len);
            at = nextChunk(part);
        }
        return tuple;
    }

    /** The overflow part at {@code tid} (under a short shared latch), or null when there is none. */
    static byte[] readPart(BufferPool pool, int relfilenode, Tid tid) {
        if (tid == null || tid.slot() < 0 || tid.block() >= pool.blockCount(relfilenode)) {
            return null;
        }
        try (PageGuard guard = pool.pinShared(relfilenode, tid.block())) {
            return guard.heapPage().getOverflow(tid.slot());
        }
    }

    /**
     * Whether the head is still there and live. A delete-pending head counts as gone: its purge
     * removes the chunks before the head, so a missing chunk under it is that purge, not damage.
     */
    private static boolean headStillThere(BufferPool pool, int relfilenode, Tid headTid, Head head) {
        if (headTid.slot() < 0 || headTid.block() >= pool.blockCount(relfilenode)) {
            return false;
        }
        try (PageGuard guard = pool.pinShared(relfilenode, headTid.block())) {
            HeapPage page = guard.heapPage();
            Head now = Head.decode(page.getOverflow(headTid.slot()));
            return now != null && now.valueId() == head.valueId() && !page.isDeletePending(headTid.slot());
        }
    }

    private static DbException corrupted(int relfilenode, Tid headTid, Head head, int seq) {
        // PostgreSQL: "missing chunk number %d for toast value %u in %s" (XX001 data_corrupted).
        return DbException.of(SqlState.DATA_CORRUPTED, "missing chunk number %d for toast value %d in base/%d (tuple %s)",
                seq, head.valueId(), relfilenode, headTid);
    }

    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putTid(ByteBuffer b, Tid tid) {
        b.putInt(tid == null ? NO_BLOCK : tid.block()).putShort((short) (tid == null ? 0 : tid.slot()));
    }

    private static Tid getTid(ByteBuffer b) {
        int block = b.getInt();
        int slot = Short.toUnsignedInt(b.getShort());
        return block == NO_BLOCK ? null : new Tid(block, slot);
    }
}
