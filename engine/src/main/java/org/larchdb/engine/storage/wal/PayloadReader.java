package org.larchdb.engine.storage.wal;

/**
 * Reads what {@link PayloadWriter} wrote. Running past the end throws {@link MalformedRecordException}:
 * a record whose CRC matched but whose payload does not decode is a format bug, not a torn write.
 */
final class PayloadReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    PayloadReader(byte[] bytes, int off, int len) {
        this.bytes = bytes;
        this.pos = off;
        this.end = off + len;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new MalformedRecordException("record payload too short");
        }
    }

    int u8() {
        need(1);
        return bytes[pos++] & 0xff;
    }

    int u16() {
        need(2);
        int v = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int i32() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (bytes[pos++] & 0xff) << (8 * i);
        }
        return v;
    }

    long i64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (bytes[pos++] & 0xffL) << (8 * i);
        }
        return v;
    }

    byte[] raw(int len) {
        need(len);
        byte[] b = java.util.Arrays.copyOfRange(bytes, pos, pos + len);
        pos += len;
        return b;
    }

    byte[] bytes() {
        return raw(i32());
    }

    int[] ints() {
        int n = i32();
        need(n * 4);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i32();
        }
        return v;
    }

    boolean atEnd() {
        return pos == end;
    }

    /** Fails unless every payload byte was consumed: trailing bytes mean writer and reader disagree. */
    void expectEnd() {
        if (pos != end) {
            throw new MalformedRecordException("record payload has " + (end - pos) + " trailing bytes");
        }
    }
}
