package org.larchdb.engine.storage.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Segment arithmetic and file names. LSN = byte position in the endless log; segment number =
 * LSN / segment size; the file of segment s is named as PostgreSQL's on timeline 1:
 * {@code %08X%08X%08X} of (1, s / segmentsPerXLogId, s % segmentsPerXLogId) with
 * segmentsPerXLogId = 2^32 / segment size — so with 16 MiB segments LSN 0/1000000 lives in
 * {@code 000000010000000000000001}. The log starts at segment 1 so that LSN 0 means "none".
 */
public final class WalSegments {
    public static final long DEFAULT_SEGMENT_SIZE = 16L * 1024 * 1024;
    static final int TIMELINE = 1;
    private static final Pattern NAME = Pattern.compile("[0-9A-F]{24}");

    private final long segmentSize;

    public WalSegments(long segmentSize) {
        if (Long.bitCount(segmentSize) != 1 || segmentSize < 64 * 1024 || segmentSize > 1L << 30) {
            throw new IllegalArgumentException("WAL segment size must be a power of two between 64 kB and 1 GB");
        }
        this.segmentSize = segmentSize;
    }

    public long segmentSize() {
        return segmentSize;
    }

    /** LSN of the first record ever written: the start of segment 1. */
    public long firstLsn() {
        return segmentSize;
    }

    public long segmentOf(long lsn) {
        return lsn / segmentSize;
    }

    public long segmentStart(long segment) {
        return segment * segmentSize;
    }

    public String fileName(long segment) {
        long perId = (1L << 32) / segmentSize;
        return "%08X%08X%08X".formatted(TIMELINE, segment / perId, segment % perId);
    }

    /** The segment number a file name denotes, or -1 if it is not a segment of this layout. */
    public long parse(String name) {
        if (!NAME.matcher(name).matches() || Long.parseLong(name.substring(0, 8), 16) != TIMELINE) {
            return -1;
        }
        long perId = (1L << 32) / segmentSize;
        long hi = Long.parseLong(name.substring(8, 16), 16);
        long lo = Long.parseLong(name.substring(16, 24), 16);
        return lo < perId ? hi * perId + lo : -1;
    }

    /** Segment numbers present in {@code walDir}, ascending. */
    public List<Long> list(Path walDir) throws IOException {
        List<Long> segments = new ArrayList<>();
        if (!Files.isDirectory(walDir)) {
            return segments;
        }
        try (Stream<Path> files = Files.list(walDir)) {
            files.forEach(p -> {
                long s = parse(p.getFileName().toString());
                if (s >= 0) {
                    segments.add(s);
                }
            });
        }
        segments.sort(null);
        return segments;
    }

    /** PostgreSQL's text form of an LSN, e.g. 0/16B3748. */
    public static String format(long lsn) {
        return "%X/%X".formatted(lsn >>> 32, lsn & 0xffffffffL);
    }
}
