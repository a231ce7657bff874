package org.larchdb.engine.storage.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Reads records forward from an LSN, one segment file in memory at a time, until the first one
 * that is not intact: a missing segment, bytes that end mid-header or mid-record, a length that
 * does not fit, or a CRC mismatch. That position ({@link #endLsn()}) is where the valid log ends and
 * where the writer must continue (after truncating the rest), as PostgreSQL ends recovery at the
 * first invalid record. A record whose frame is intact but whose payload does not decode is not a
 * torn write but corruption or a bug: that throws XX001 instead of quietly dropping history.
 *
 * <p>Segment-switch records are consumed here and never returned.
 */
public final class WalReader {
    private final Path walDir;
    private final WalSegments segments;
    private long pos;
    private long loadedSegment = -1;
    private byte[] data;
    private boolean done;
    private String stopReason;
    private boolean tornTail;

    private WalReader(Path walDir, WalSegments segments, long fromLsn) {
        this.walDir = walDir;
        this.segments = segments;
        this.pos = fromLsn;
    }

    /**
     * A reader starting at {@code fromLsn}, which must be a record boundary; 0 means the start of the
     * oldest segment present (segments always start at a record boundary: records never span them).
     */
    public static WalReader open(Path walDir, WalSegments segments, long fromLsn) {
        long start = fromLsn;
        java.util.List<Long> present;
        try {
            present = segments.list(walDir);
        } catch (IOException e) {
            throw WalWriter.ioError("could not read directory \"%s\"".formatted(walDir), e);
        }
        if (start == 0) {
            start = present.isEmpty() ? segments.firstLsn() : segments.segmentStart(present.get(0));
        } else if (!present.isEmpty() && segments.segmentOf(start) < present.get(0)) {
            throw new DbException(SqlState.IO_ERROR, "requested WAL segment %s has already been removed"
                    .formatted(segments.fileName(segments.segmentOf(start))));
        }
        return new WalReader(walDir, segments, start);
    }

    /** The next record, or null at the end of the valid log. */
    public WalEntry next() {
        while (!done) {
            long segment = segments.segmentOf(pos);
            if (segment != loadedSegment && !load(segment)) {
                return stop("end of WAL: segment %s does not exist".formatted(segments.fileName(segment)), false);
            }
            int off = (int) (pos - segments.segmentStart(segment));
            int available = data.length - off;
            if (available <= 0) {
                return stop("end of WAL at " + WalSegments.format(pos), false);
            }
            long room = segments.segmentSize() - off;
            WalEntry entry;
            try {
                entry = RecordFrame.read(data, off, available, pos, room);
            } catch (MalformedRecordException e) {
                throw new DbException(SqlState.DATA_CORRUPTED, "invalid record at %s in WAL segment %s: %s"
                        .formatted(WalSegments.format(pos), segments.fileName(segment), e.getMessage()));
            }
            if (entry == null) {
                return stop(RecordFrame.whyInvalid(data, off, available, pos, room), true);
            }
            if (entry.record() instanceof WalRecord.SegmentSwitch) {
                pos = segments.segmentStart(segment + 1);
                continue;
            }
            pos = entry.endLsn();
            if (pos == segments.segmentStart(segment + 1)) {
                data = null;
                loadedSegment = -1;
            }
            return entry;
        }
        return null;
    }

    /**
     * Random access (undo): the record starting at {@code lsn}, a record boundary in the valid log.
     * The segment last read stays in memory, so walking a transaction's chain backwards reads each
     * segment about once.
     */
    public WalEntry readAt(long lsn) {
        pos = lsn;
        done = false;
        stopReason = null;
        tornTail = false;
        if (data == null || loadedSegment != segments.segmentOf(lsn)) {
            data = null;
            loadedSegment = -1;
        }
        return next();
    }

    private WalEntry stop(String reason, boolean torn) {
        done = true;
        stopReason = reason;
        tornTail = torn;
        data = null;
        return null;
    }

    private boolean load(long segment) {
        try {
            data = Files.readAllBytes(walDir.resolve(segments.fileName(segment)));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw WalWriter.ioError("could not read file \"%s\"".formatted(segments.fileName(segment)), e);
        }
        if (data.length > segments.segmentSize()) {
            throw new DbException(SqlState.DATA_CORRUPTED, "WAL segment %s is larger than the segment size %d"
                    .formatted(segments.fileName(segment), segments.segmentSize()));
        }
        loadedSegment = segment;
        return true;
    }

    /** Where the next record would be read: after the end, the first LSN not part of the valid log. */
    public long endLsn() {
        return pos;
    }

    /** Why reading stopped (null while not at the end), in PostgreSQL's wording. */
    public String stopReason() {
        return stopReason;
    }

    /** Whether the log ended in bytes that are not a valid record (torn write, garbage, zeros). */
    public boolean tornTail() {
        return tornTail;
    }
}
