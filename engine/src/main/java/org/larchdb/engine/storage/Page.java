package org.larchdb.engine.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * The common 24-byte header every 8 KiB page starts with (PostgreSQL's PageHeaderData), and the
 * checksum that guards a page on disk. Pages are plain {@code byte[]} owned by the buffer pool;
 * this class only knows where the header fields sit. All multi-byte fields are little-endian.
 *
 * <pre>
 *  0  pd_lsn               8  WAL position of the last change (stamped by the future WAL)
 *  8  pd_checksum          2  CRC32C of the page folded to 16 bits, set when written to disk
 * 10  pd_flags             2  PD_HAS_FREE_LINES, ...
 * 12  pd_lower             2  end of the line pointer array
 * 14  pd_upper             2  start of tuple data
 * 16  pd_special           2  start of the access method's special space (= page size for heap)
 * 18  pd_pagesize_version  2  page size | layout version
 * 20  pd_prune_xid         4  reserved for MVCC pruning, 0 today
 * </pre>
 */
public final class Page {

    public static final int SIZE = 8192;
    public static final int HEADER_SIZE = 24;
    /** Layout version stored in the low bits of pd_pagesize_version. */
    public static final int LAYOUT_VERSION = 1;

    static final int OFF_LSN = 0;
    static final int OFF_CHECKSUM = 8;
    static final int OFF_FLAGS = 10;
    static final int OFF_LOWER = 12;
    static final int OFF_UPPER = 14;
    static final int OFF_SPECIAL = 16;
    static final int OFF_PAGESIZE_VERSION = 18;
    static final int OFF_PRUNE_XID = 20;

    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Page() {
    }

    static int u16(byte[] page, int offset) {
        return (short) SHORT.get(page, offset) & 0xffff;
    }

    static void putU16(byte[] page, int offset, int value) {
        SHORT.set(page, offset, (short) value);
    }

    static int i32(byte[] page, int offset) {
        return (int) INT.get(page, offset);
    }

    static void putI32(byte[] page, int offset, int value) {
        INT.set(page, offset, value);
    }

    /** The WAL position of the last change to this page (0 until the WAL exists). */
    public static long lsn(byte[] page) {
        return (long) LONG.get(page, OFF_LSN);
    }

    /** Stamps the page with the WAL position of the record that describes its latest change. */
    public static void setLsn(byte[] page, long lsn) {
        LONG.set(page, OFF_LSN, lsn);
    }

    /** Writes an empty page header: no line pointers, tuple space ending at {@code special}. */
    public static void initHeader(byte[] page, int specialSize) {
        java.util.Arrays.fill(page, (byte) 0);
        int special = SIZE - specialSize;
        putU16(page, OFF_LOWER, HEADER_SIZE);
        putU16(page, OFF_UPPER, special);
        putU16(page, OFF_SPECIAL, special);
        putU16(page, OFF_PAGESIZE_VERSION, SIZE | LAYOUT_VERSION);
    }

    /** A page that was never initialised (zero-filled by file extension): valid and empty. */
    public static boolean isNew(byte[] page) {
        return u16(page, OFF_UPPER) == 0;
    }

    static boolean isAllZero(byte[] page) {
        for (int i = 0; i < SIZE; i += 8) {
            if ((long) LONG.get(page, i) != 0L) {
                return false;
            }
        }
        return true;
    }

    /**
     * The page checksum: CRC32C over the whole page with pd_checksum taken as zero, plus the block
     * number (so a page written to the wrong place is caught too), folded to 16 bits.
     */
    static int checksum(byte[] page, int block) {
        CRC32C crc = new CRC32C();
        crc.update(page, 0, OFF_CHECKSUM);
        crc.update(0);
        crc.update(0);
        crc.update(page, OFF_CHECKSUM + 2, SIZE - OFF_CHECKSUM - 2);
        crc.update(block);
        crc.update(block >>> 8);
        crc.update(block >>> 16);
        crc.update(block >>> 24);
        long v = crc.getValue();
        return (int) ((v ^ (v >>> 16)) & 0xffff);
    }

    /** Stamps the checksum just before the page goes to disk (on a private copy of the frame). */
    static void setChecksum(byte[] page, int block) {
        putU16(page, OFF_CHECKSUM, checksum(page, block));
    }

    /**
     * Checks a page just read from disk (PostgreSQL's PageIsVerified): an all-zero page is fine,
     * otherwise the header must be sane and the checksum must match.
     */
    static void verify(byte[] page, int block, int relfilenode) {
        if (isAllZero(page)) {
            return;
        }
        int lower = u16(page, OFF_LOWER);
        int upper = u16(page, OFF_UPPER);
        int special = u16(page, OFF_SPECIAL);
        boolean sane = u16(page, OFF_PAGESIZE_VERSION) == (SIZE | LAYOUT_VERSION)
                && lower >= HEADER_SIZE && lower <= upper && upper <= special && special <= SIZE;
        if (!sane || u16(page, OFF_CHECKSUM) != checksum(page, block)) {
            throw DbException.of(SqlState.DATA_CORRUPTED,
                    "invalid page in block %d of relation base/%d", block, relfilenode);
        }
    }
}
