package org.larchdb.engine.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequential heap scan that copies one page's live tuples at a time under a shared latch and
 * holds nothing between calls. The block count is re-read when the scan moves past the last page
 * it knew, so pages added while it runs are seen when it reaches them.
 *
 * <p>Large tuples: a page's overflow heads are copied with its tuples, chunks are skipped, and a
 * head is reassembled ({@link OverflowTuple#read}) only when the cursor reaches it, after the page
 * latch is gone, so at most one large tuple is in memory at a time. A large tuple deleted between
 * the page copy and its reassembly is skipped, as if the scan had reached its page a bit later.
 *
 * <p>Delete-pending tuples are returned like the others, flagged ({@link #deletePending()}).
 */
final class SeqHeapScan implements HeapScan {
    private final BufferPool pool;
    private final int relfilenode;
    private final List<byte[]> tuples = new ArrayList<>();
    /** Per entry of {@link #tuples}: the head of a large tuple still to reassemble, else null. */
    private final List<OverflowTuple.Head> heads = new ArrayList<>();
    private int[] slots = new int[64];
    /** Per entry of {@link #tuples}: its delete-pending bit when the page was copied. */
    private boolean[] pendingFlags = new boolean[64];
    private int nextBlock;
    private int pageBlock = -1;
    private int index = -1;
    private boolean closed;

    SeqHeapScan(BufferPool pool, int relfilenode) {
        this.pool = pool;
        this.relfilenode = relfilenode;
    }

    @Override
    public boolean next() {
        if (closed) {
            return false;
        }
        while (true) {
            if (index >= 0 && index < tuples.size()) {
                tuples.set(index, null); // the caller has its reference; do not keep a large tuple alive
            }
            if (++index >= tuples.size()) {
                if (nextBlock >= pool.blockCount(relfilenode)) {
                    index = tuples.size();
                    return false;
                }
                loadPage(nextBlock++);
                continue;
            }
            OverflowTuple.Head head = heads.get(index);
            if (head == null) {
                return true;
            }
            byte[] tuple = OverflowTuple.read(pool, relfilenode, new Tid(pageBlock, slots[index]), head);
            if (tuple != null) {
                tuples.set(index, tuple);
                return true;
            }
        }
    }

    private void loadPage(int block) {
        tuples.clear();
        heads.clear();
        index = -1;
        pageBlock = block;
        try (PageGuard guard = pool.pinShared(relfilenode, block)) {
            HeapPage page = guard.heapPage();
            int n = page.slotCount();
            if (slots.length < n) {
                slots = new int[Math.max(n, slots.length * 2)];
                pendingFlags = new boolean[slots.length];
            }
            for (int slot = 0; slot < n; slot++) {
                byte[] tuple = page.get(slot);
                OverflowTuple.Head head = tuple == null ? OverflowTuple.Head.decode(page.getOverflow(slot)) : null;
                if (tuple != null || head != null) {
                    pendingFlags[tuples.size()] = page.isDeletePending(slot);
                    slots[tuples.size()] = slot;
                    tuples.add(tuple);
                    heads.add(head);
                }
            }
        }
    }

    @Override
    public Tid tid() {
        checkPositioned();
        return new Tid(pageBlock, slots[index]);
    }

    @Override
    public boolean deletePending() {
        checkPositioned();
        return pendingFlags[index];
    }

    @Override
    public byte[] tuple() {
        checkPositioned();
        return tuples.get(index);
    }

    private void checkPositioned() {
        if (closed || index < 0 || index >= tuples.size()) {
            throw new IllegalStateException("heap scan is not positioned on a tuple");
        }
    }

    @Override
    public void close() {
        closed = true;
        tuples.clear();
        heads.clear();
    }
}
