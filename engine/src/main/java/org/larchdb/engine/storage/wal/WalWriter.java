package org.larchdb.engine.storage.wal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Appends records to the segment files of {@code <datadir>/pg_wal/} and makes them durable.
 *
 * <p><b>Appending</b> ({@link #insert}) frames the record at the insert position under the append
 * lock and copies it into the WAL buffer; the buffer goes to the OS when full or at a flush. A
 * record never spans segments: when it would not fit (or would leave less than a header's room)
 * a segment-switch record closes the segment and the record starts the next one — so every
 * segment begins at a record boundary and can be read (or removed) on its own.
 *
 * <p><b>Group commit</b> ({@link #flush}): a caller whose LSN is not yet durable becomes the leader
 * if no force is running — it writes out the buffer, notes the insert position, and forces the
 * files outside every lock; callers arriving meanwhile wait on a condition and, when the leader is
 * done, either find their LSN covered or elect the next leader, whose force then covers all of
 * them. So N concurrent commits cost about two forces, not N. Appends continue during a force.
 *
 * <p>A failed write or force is fatal for the log (as PostgreSQL PANICs): the OS may have dropped
 * the dirty pages, so a retry could report durability that does not exist. Every later append or
 * flush fails; the server must restart and recover.
 *
 * <p>Lock order: flush lock → append lock is never taken (the leader drops the flush lock first);
 * no I/O wait happens under the flush lock; the append lock covers only buffer copies and
 * non-forcing writes.
 */
public final class WalWriter implements AutoCloseable {

    private final Path walDir;
    private final WalSegments segments;
    private final int bufferSize;

    private final ReentrantLock appendLock = new ReentrantLock();
    // Guarded by appendLock:
    private long insertLsn;
    private final byte[] buffer;
    private int bufferLen;
    private long bufferStartLsn;
    private SegmentFile current;
    private final List<SegmentFile> unforced = new ArrayList<>();
    private boolean directoryDirty;
    private boolean closed;

    private final ReentrantLock flushLock = new ReentrantLock();
    private final Condition flushDone = flushLock.newCondition();
    // Guarded by flushLock (flushedLsn also read without it):
    private volatile long flushedLsn;
    private boolean flushing;
    private volatile DbException failure;
    private volatile long forces;

    /** Test hooks: run before each force, and after it with the LSN it made durable. */
    volatile Runnable beforeForce;
    volatile java.util.function.LongConsumer afterForce;

    private final Counter bytesCounter;
    private final Counter flushCounter;
    private final Timer flushTimer;
    private final ScheduledExecutorService backgroundFlusher;

    private WalWriter(Path walDir, WalOptions options, long endLsn) throws IOException {
        this.walDir = walDir;
        this.segments = new WalSegments(options.segmentSize());
        this.bufferSize = options.bufferSize();
        this.buffer = new byte[bufferSize];
        this.insertLsn = endLsn;
        this.bufferStartLsn = endLsn;
        this.flushedLsn = endLsn;
        long segment = segments.segmentOf(endLsn);
        this.current = new SegmentFile(walDir.resolve(segments.fileName(segment)), segment);
        this.directoryDirty = true;
        var registry = options.registry();
        if (registry != null) {
            bytesCounter = Counter.builder("larch.wal.bytes").description("WAL bytes appended")
                    .baseUnit("bytes").register(registry);
            flushCounter = Counter.builder("larch.wal.flushes").description("WAL forces to disk").register(registry);
            flushTimer = Timer.builder("larch.wal.flush.seconds").description("time spent forcing WAL to disk")
                    .register(registry);
        } else {
            bytesCounter = null;
            flushCounter = null;
            flushTimer = null;
        }
        var delay = options.walWriterDelay();
        if (delay != null && !delay.isZero() && !delay.isNegative()) {
            backgroundFlusher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("larch-walwriter").factory());
            backgroundFlusher.scheduleWithFixedDelay(this::backgroundFlush, delay.toNanos(), delay.toNanos(),
                    TimeUnit.NANOSECONDS);
        } else {
            backgroundFlusher = null;
        }
    }

    /**
     * Opens the log in {@code walDir} (created if missing): finds the end of the valid log, cuts off
     * whatever follows it (a torn record, later segments), forces what is there and continues
     * appending at that end. An empty directory starts at segment 1.
     */
    public static WalWriter open(Path walDir, WalOptions options) {
        WalSegments segments = new WalSegments(options.segmentSize());
        try {
            Files.createDirectories(walDir);
            WalReader reader = WalReader.open(walDir, segments, 0);
            while (reader.next() != null) {
                // Reading to the end is what finds it; the records themselves are recovery's.
            }
            long end = reader.endLsn();
            cutTail(walDir, segments, end);
            return new WalWriter(walDir, options, end);
        } catch (IOException e) {
            throw ioError("could not open write-ahead log in \"%s\"".formatted(walDir), e);
        }
    }

    /**
     * Truncates the segment holding {@code end} there and deletes later segments, durably: bytes past
     * the end of the valid log must never be read as records once new ones are written before them.
     */
    private static void cutTail(Path walDir, WalSegments segments, long end) throws IOException {
        long endSegment = segments.segmentOf(end);
        for (long s : segments.list(walDir)) {
            Path file = walDir.resolve(segments.fileName(s));
            if (s > endSegment) {
                Files.delete(file);
            } else {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    if (s == endSegment && ch.size() > end - segments.segmentStart(s)) {
                        ch.truncate(end - segments.segmentStart(s));
                    }
                    ch.force(true); // a crashed process may have left these only in the OS cache
                }
            }
        }
        forceDirectory(walDir);
    }

    /** Appends a record outside any transaction; returns its end LSN. */
    public long append(WalRecord record) {
        return insert(0, 0, record).end();
    }

    /** Appends a record of transaction {@code xid} whose previous record started at {@code prevLsn}. */
    public long append(long xid, long prevLsn, WalRecord record) {
        return insert(xid, prevLsn, record).end();
    }

    /**
     * Appends a record and returns where it starts (for the next record's prevLsn) and ends (for the
     * page LSN and the commit's flush). Not durable until {@link #flush} covers the end.
     */
    public WalPosition insert(long xid, long prevLsn, WalRecord record) {
        if (record instanceof WalRecord.SegmentSwitch) {
            throw new IllegalArgumentException("segment switch records are written by the WAL writer only");
        }
        byte[] payload = record.payload(); // encoded before taking the lock
        int length = RecordFrame.HEADER_SIZE + payload.length;
        if (length > segments.segmentSize() - RecordFrame.HEADER_SIZE) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "WAL record of %d bytes is too large for %d-byte segments".formatted(length, segments.segmentSize()));
        }
        WalPosition position;
        appendLock.lock();
        try {
            checkUsable();
            long room = segments.segmentStart(current.segment + 1) - insertLsn;
            if (room == 0) {
                nextSegment();
            } else if (length != room && length + RecordFrame.HEADER_SIZE > room) {
                // Invariant: room is 0 or at least a header, so a switch record always fits.
                put(RecordFrame.frame(insertLsn, 0, 0, WalRecord.SEGMENT_SWITCH, new byte[0]));
                nextSegment();
            }
            long start = insertLsn;
            put(RecordFrame.frame(start, xid, prevLsn, record.type(), payload));
            position = new WalPosition(start, insertLsn);
        } catch (IOException e) {
            throw fail(e);
        } finally {
            appendLock.unlock();
        }
        if (bytesCounter != null) {
            bytesCounter.increment(length);
        }
        return position;
    }

    private void checkUsable() {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw DbException.internal("write-ahead log is closed", null);
        }
    }

    private void put(byte[] frame) throws IOException {
        if (bufferLen + frame.length > bufferSize) {
            writeBuffer();
        }
        if (frame.length > bufferSize) {
            current.write(frame, 0, frame.length, insertLsn - segments.segmentStart(current.segment));
            bufferStartLsn += frame.length;
        } else {
            System.arraycopy(frame, 0, buffer, bufferLen, frame.length);
            bufferLen += frame.length;
        }
        insertLsn += frame.length;
    }

    /** Hands the buffer to the OS (no force). Caller holds the append lock. */
    private void writeBuffer() throws IOException {
        if (bufferLen > 0) {
            current.write(buffer, 0, bufferLen, bufferStartLsn - segments.segmentStart(current.segment));
            bufferStartLsn += bufferLen;
            bufferLen = 0;
        }
    }

    /** Moves to the next segment; the old one waits in {@code unforced} for the next flush. */
    private void nextSegment() throws IOException {
        writeBuffer();
        long next = current.segment + 1;
        unforced.add(current);
        Path file = walDir.resolve(segments.fileName(next));
        Files.deleteIfExists(file); // cannot exist after cutTail; be sure no stale bytes follow
        current = new SegmentFile(file, next);
        directoryDirty = true;
        insertLsn = segments.segmentStart(next);
        bufferStartLsn = insertLsn;
    }

    /**
     * Returns once every record ending at or before {@code lsn} is on disk (group commit: one force
     * serves every caller whose LSN it covers).
     */
    public void flush(long lsn) {
        if (lsn <= flushedLsn) {
            if (failure != null) {
                throw failure;
            }
            return;
        }
        long inserted = insertLsn();
        if (lsn > inserted) {
            throw DbException.internal("xlog flush request %s is not satisfied --- flushed only to %s"
                    .formatted(WalSegments.format(lsn), WalSegments.format(inserted)), null);
        }
        flushLock.lock();
        try {
            while (flushedLsn < lsn) {
                if (failure != null) {
                    throw failure;
                }
                if (flushing) {
                    flushDone.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                flushLock.unlock();
                long reached = 0;
                DbException error = null;
                try {
                    reached = writeAndForce();
                } catch (IOException e) {
                    error = fail(e);
                } catch (RuntimeException e) {
                    error = e instanceof DbException d ? d : fail(new IOException(e));
                } finally {
                    flushLock.lock();
                    flushing = false;
                    if (reached > flushedLsn) {
                        flushedLsn = reached;
                    }
                    flushDone.signalAll();
                }
                if (error != null) {
                    throw error;
                }
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** The leader's work: write out the buffer under the append lock, force outside it. */
    private long writeAndForce() throws IOException {
        long target;
        List<SegmentFile> toForce;
        boolean syncDirectory;
        appendLock.lock();
        try {
            checkUsable();
            writeBuffer();
            target = insertLsn;
            toForce = new ArrayList<>(unforced);
            unforced.clear();
            toForce.add(current);
            syncDirectory = directoryDirty;
            directoryDirty = false;
        } finally {
            appendLock.unlock();
        }
        long startNanos = System.nanoTime();
        Runnable before = beforeForce;
        if (before != null) {
            before.run();
        }
        for (SegmentFile file : toForce) {
            file.force(); // older segments first: the log is durable as a prefix
        }
        if (syncDirectory) {
            forceDirectory(walDir);
        }
        for (int i = 0; i < toForce.size() - 1; i++) {
            toForce.get(i).close();
        }
        forces++;
        var after = afterForce;
        if (after != null) {
            after.accept(target);
        }
        if (flushCounter != null) {
            flushCounter.increment();
            flushTimer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
        return target;
    }

    private void backgroundFlush() {
        try {
            if (failure == null && !closed) {
                flush(insertLsn());
            }
        } catch (RuntimeException e) {
            // Recorded in `failure`; the next synchronous append or flush reports it.
        }
    }

    private DbException fail(IOException e) {
        DbException error = new DbException(SqlState.IO_ERROR, "could not write to write-ahead log: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null, null, 0,
                DbException.Severity.PANIC, e);
        failure = error;
        return error;
    }

    /** End of the last appended record: what a flush of "everything" must reach. */
    public long insertLsn() {
        appendLock.lock();
        try {
            return insertLsn;
        } finally {
            appendLock.unlock();
        }
    }

    /** Everything before this LSN is on disk. */
    public long flushedLsn() {
        return flushedLsn;
    }

    /** Forces done so far (each serves a whole group of flush callers). */
    public long forceCount() {
        return forces;
    }

    public WalSegments segments() {
        return segments;
    }

    public Path directory() {
        return walDir;
    }

    /**
     * Deletes segment files wholly before {@code lsn} (a checkpoint's redo point: recovery never
     * reads earlier). Never removes anything not yet flushed nor the segment being written.
     * Returns how many files were removed.
     */
    public int removeBefore(long lsn) {
        long limit = Math.min(lsn, flushedLsn);
        long keepFrom = segments.segmentOf(limit);
        appendLock.lock();
        try {
            keepFrom = Math.min(keepFrom, current.segment);
            int removed = 0;
            for (long s : segments.list(walDir)) {
                if (s < keepFrom) {
                    Files.deleteIfExists(walDir.resolve(segments.fileName(s)));
                    removed++;
                }
            }
            return removed;
        } catch (IOException e) {
            throw ioError("could not remove old write-ahead log segments", e);
        } finally {
            appendLock.unlock();
        }
    }

    /** Stops the background flusher, flushes everything and closes the files. */
    @Override
    public void close() {
        if (backgroundFlusher != null) {
            backgroundFlusher.shutdownNow();
            try {
                backgroundFlusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        DbException error = failure;
        if (error == null && !closed) {
            flush(insertLsn());
        }
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeFiles();
        } catch (IOException e) {
            throw ioError("could not close write-ahead log", e);
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Test hook simulating a crash: stops the background flusher and closes the files without
     * writing the WAL buffer (bytes already handed to the OS stay, as after kill -9).
     */
    public void abandonForTesting() {
        if (backgroundFlusher != null) {
            backgroundFlusher.shutdownNow();
            try {
                backgroundFlusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        appendLock.lock();
        try {
            closed = true;
            failure = new DbException(SqlState.IO_ERROR, "write-ahead log abandoned");
            closeFiles();
        } catch (IOException e) {
            throw ioError("could not close write-ahead log", e);
        } finally {
            appendLock.unlock();
        }
    }

    /** Closes every open segment file. Caller holds the append lock. */
    private void closeFiles() throws IOException {
        for (SegmentFile f : unforced) {
            f.close();
        }
        unforced.clear();
        current.close();
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    static DbException ioError(String message, IOException e) {
        return new DbException(SqlState.IO_ERROR, message + ": " + e.getMessage(), null, null, 0,
                DbException.Severity.ERROR, e);
    }
}
