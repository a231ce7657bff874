package org.larchdb.engine.storage;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory free-space map of one heap: for every block a category {@code free / 32} (0..255,
 * like PostgreSQL's FSM), kept in a max-tree so "a block with at least N free bytes" is found in
 * O(log blocks). It is a hint: an inserter re-checks the page under its latch and, when the hint
 * was stale, records the real value and searches again. Recording the floor of the real free space
 * and searching for the ceiling of the need guarantees an up-to-date entry always fits.
 */
final class FreeSpaceMap {
    static final int CATEGORY_BYTES = 32;
    static final int MAX_CATEGORY = 255;

    private final ReentrantLock lock = new ReentrantLock();
    /** tree[1] is the root; leaves are tree[capacity + block]; a node holds its subtree's max. */
    private byte[] tree = new byte[2 * 64];
    private int capacity = 64;

    static int categoryOf(int freeBytes) {
        return Math.min(freeBytes / CATEGORY_BYTES, MAX_CATEGORY);
    }

    /** Records how many bytes a tuple could use on {@code block}. */
    void record(int block, int freeBytes) {
        int category = categoryOf(freeBytes);
        lock.lock();
        try {
            while (block >= capacity) {
                grow();
            }
            int node = capacity + block;
            tree[node] = (byte) category;
            for (node >>= 1; node >= 1; node >>= 1) {
                int max = Math.max(at(2 * node), at(2 * node + 1));
                if (at(node) == max) {
                    break;
                }
                tree[node] = (byte) max;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The lowest block believed to have room for {@code needed} bytes, or -1. */
    int find(int needed) {
        int category = (needed + CATEGORY_BYTES - 1) / CATEGORY_BYTES;
        if (category > MAX_CATEGORY) {
            return -1;
        }
        lock.lock();
        try {
            if (at(1) < category) {
                return -1;
            }
            int node = 1;
            while (node < capacity) {
                node = at(2 * node) >= category ? 2 * node : 2 * node + 1;
            }
            return node - capacity;
        } finally {
            lock.unlock();
        }
    }

    /** The recorded free bytes of a block (rounded down to its category); for tests. */
    int recorded(int block) {
        lock.lock();
        try {
            return block < capacity ? at(capacity + block) * CATEGORY_BYTES : 0;
        } finally {
            lock.unlock();
        }
    }

    private int at(int node) {
        return tree[node] & 0xff;
    }

    private void grow() {
        int newCapacity = capacity * 2;
        byte[] bigger = new byte[2 * newCapacity];
        System.arraycopy(tree, capacity, bigger, newCapacity, capacity);
        for (int node = newCapacity - 1; node >= 1; node--) {
            bigger[node] = (byte) Math.max(bigger[2 * node] & 0xff, bigger[2 * node + 1] & 0xff);
        }
        tree = bigger;
        capacity = newCapacity;
    }
}
