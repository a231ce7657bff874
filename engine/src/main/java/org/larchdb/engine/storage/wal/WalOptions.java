package org.larchdb.engine.storage.wal;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * How a {@link WalWriter} runs. {@code walWriterDelay} (PostgreSQL's wal_writer_delay) is the period
 * of the background flusher that makes asynchronous commits (synchronous_commit = off) durable;
 * null or zero turns it off. {@code bufferSize} is wal_buffers: appended bytes are collected there
 * and written to the OS when it fills or a flush comes. {@code registry} may be null (no metrics).
 */
public record WalOptions(long segmentSize, int bufferSize, Duration walWriterDelay, MeterRegistry registry) {

    public static final Duration DEFAULT_WAL_WRITER_DELAY = Duration.ofMillis(200);
    public static final int DEFAULT_BUFFER_SIZE = 512 * 1024;

    public WalOptions {
        new WalSegments(segmentSize); // validates
        if (bufferSize < 8192) {
            throw new IllegalArgumentException("wal buffer must be at least 8 kB");
        }
    }

    /** 16 MiB segments, 512 kB buffer, background flush every 200 ms, no metrics. */
    public static WalOptions defaults() {
        return new WalOptions(WalSegments.DEFAULT_SEGMENT_SIZE, DEFAULT_BUFFER_SIZE, DEFAULT_WAL_WRITER_DELAY, null);
    }

    public WalOptions withSegmentSize(long size) {
        return new WalOptions(size, bufferSize, walWriterDelay, registry);
    }

    public WalOptions withWalWriterDelay(Duration delay) {
        return new WalOptions(segmentSize, bufferSize, delay, registry);
    }

    public WalOptions withRegistry(MeterRegistry r) {
        return new WalOptions(segmentSize, bufferSize, walWriterDelay, r);
    }

    public WalOptions withBufferSize(int size) {
        return new WalOptions(segmentSize, size, walWriterDelay, registry);
    }
}
