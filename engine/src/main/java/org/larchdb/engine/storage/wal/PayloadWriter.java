package org.larchdb.engine.storage.wal;

import java.util.Arrays;

/** A growable little-endian byte sink for record payloads (no ByteBuffer resizing dance per field). */
final class PayloadWriter {
    private byte[] bytes;
    private int size;

    PayloadWriter(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    PayloadWriter u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    PayloadWriter u16(int v) {
        ensure(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
        return this;
    }

    PayloadWriter i32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    PayloadWriter i64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Raw bytes with no length prefix (the reader must know the length). */
    PayloadWriter raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
        return this;
    }

    /** A 4-byte length followed by the bytes. */
    PayloadWriter bytes(byte[] b) {
        i32(b.length);
        return raw(b, 0, b.length);
    }

    int size() {
        return size;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }
}
