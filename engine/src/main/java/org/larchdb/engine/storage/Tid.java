package org.larchdb.engine.storage;

/** A tuple id: the block number of a heap page and the slot of the tuple on it (PostgreSQL's ctid). */
public record Tid(int block, int slot) {

    /** Packs into one long for compact storage (block in the high 32 bits). */
    public long toLong() {
        return ((long) block << 32) | (slot & 0xffffffffL);
    }

    public static Tid fromLong(long packed) {
        return new Tid((int) (packed >>> 32), (int) packed);
    }

    @Override
    public String toString() {
        return "(" + block + "," + slot + ")";
    }
}
