package org.larchdb.engine.storage.wal;

import java.util.zip.CRC32C;

/**
 * The frame every record is stored in:
 *
 * <pre>
 *  0  xl_tot_len  4  header + payload length
 *  4  xl_type     1  WalRecord type code (high nibble: resource manager)
 *  5  xl_info     1  flags, 0 today
 *  6  reserved    2  0
 *  8  xl_xid      8  transaction id, 0 = none
 * 16  xl_prev     8  start LSN of the same transaction's previous record, 0 = none
 * 24  xl_crc      4  CRC32C of bytes 0..23, the payload, then the record's own LSN (8 bytes LE)
 * 28  payload
 * </pre>
 *
 * The LSN is in the CRC but not stored: a stale record left in a reused or un-truncated file at
 * another position then fails the check instead of passing for a current one.
 */
final class RecordFrame {
    static final int HEADER_SIZE = 28;
    private static final int OFF_CRC = 24;

    private RecordFrame() {
    }

    /** The framed bytes of {@code record} for position {@code lsn}. */
    static byte[] frame(long lsn, long xid, long prevLsn, int type, byte[] payload) {
        byte[] b = new byte[HEADER_SIZE + payload.length];
        putI32(b, 0, b.length);
        b[4] = (byte) type;
        putI64(b, 8, xid);
        putI64(b, 16, prevLsn);
        System.arraycopy(payload, 0, b, HEADER_SIZE, payload.length);
        putI32(b, OFF_CRC, crc(b, 0, b.length, lsn));
        return b;
    }

    private static int crc(byte[] b, int off, int len, long lsn) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, OFF_CRC);
        crc.update(b, off + HEADER_SIZE, len - HEADER_SIZE);
        byte[] pos = new byte[8];
        putI64(pos, 0, lsn);
        crc.update(pos);
        return (int) crc.getValue();
    }

    /**
     * The record at {@code off} of {@code buf} (which holds {@code available} bytes from there),
     * stored at {@code lsn} in a segment with {@code roomInSegment} bytes left; null if the frame is
     * not intact (too short, bad length, bad CRC): the torn or unwritten tail.
     *
     * @throws MalformedRecordException if the frame is intact but the payload does not decode
     */
    static WalEntry read(byte[] buf, int off, int available, long lsn, long roomInSegment) {
        if (available < HEADER_SIZE) {
            return null;
        }
        int len = i32(buf, off);
        if (len < HEADER_SIZE || len > available || len > roomInSegment) {
            return null;
        }
        if (i32(buf, off + OFF_CRC) != crc(buf, off, len, lsn)) {
            return null;
        }
        int type = buf[off + 4] & 0xff;
        WalRecord record = RecordCodec.decode(type, buf, off + HEADER_SIZE, len - HEADER_SIZE);
        return new WalEntry(lsn, lsn + len, i64(buf, off + 8), i64(buf, off + 16), record);
    }

    /** Why {@link #read} refused the bytes at {@code off}, in PostgreSQL's words. */
    static String whyInvalid(byte[] buf, int off, int available, long lsn, long roomInSegment) {
        String at = WalSegments.format(lsn);
        if (available < HEADER_SIZE) {
            return "record header truncated at %s: wanted %d, got %d".formatted(at, HEADER_SIZE, available);
        }
        int len = i32(buf, off);
        if (len < HEADER_SIZE || len > roomInSegment) {
            return "invalid record length at %s: wanted %d, got %d".formatted(at, HEADER_SIZE, len);
        }
        if (len > available) {
            return "record at %s truncated: length %d, only %d bytes present".formatted(at, len, available);
        }
        return "incorrect resource manager data checksum in record at " + at;
    }

    static void putI32(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putI64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static int i32(byte[] b, int off) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (b[off + i] & 0xff) << (8 * i);
        }
        return v;
    }

    static long i64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (b[off + i] & 0xffL) << (8 * i);
        }
        return v;
    }
}
