package org.larchdb.engine.storage;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/**
 * The storage layer of one data directory: relation files of 8 KiB pages under {@code base/},
 * the shared buffer pool over them, and heaps on top. One instance per open data directory.
 */
public interface Storage extends AutoCloseable {

    /**
     * Opens the storage of an initialised data directory ({@link DataDirectory#open} has been done).
     *
     * @param sharedBuffers number of 8 KiB frames in the buffer pool
     * @param registry      where buffer pool hits, misses and evictions are counted
     */
    static Storage open(Path dataDir, int sharedBuffers, MeterRegistry registry) {
        return new PageStorage(dataDir, sharedBuffers, registry, null);
    }

    /**
     * As {@link #open(Path, int, MeterRegistry)}, logging every page change to {@code wal} (null:
     * no logging, for tests of the page layer alone). The caller owns and closes the WAL.
     */
    static Storage open(Path dataDir, int sharedBuffers, MeterRegistry registry,
                        org.larchdb.engine.storage.wal.WalWriter wal) {
        return new PageStorage(dataDir, sharedBuffers, registry, wal);
    }

    /** The write-ahead log, or null when this storage runs without one. */
    org.larchdb.engine.storage.wal.WalWriter wal();

    /** The shared buffer pool. */
    BufferPool bufferPool();

    /**
     * Undoes one logged change (the same function for rollback and recovery), logging its
     * compensation record through {@code log}; see docs/storage.md §9.
     */
    void undo(org.larchdb.engine.storage.wal.WalEntry entry, TxLog log, TupleMoves moves);

    /** Creates the (empty) file of a new relation. */
    void createRelation(int relfilenode);

    /** Removes a relation's file and drops its pages from the buffer pool. */
    void dropRelation(int relfilenode);

    /** Whether a relation file exists. */
    boolean relationExists(int relfilenode);

    /** The heap stored in a relation file (created with {@link #createRelation}). */
    HeapFile heap(int relfilenode);

    /**
     * The B+tree index stored in a relation file (created with {@link #createRelation}); an
     * empty file is formatted on first use. One shared instance per relation.
     */
    org.larchdb.engine.storage.btree.BTree btree(int relfilenode);

    /** Writes every dirty page to its file and forces the files to disk. */
    void flushAll();

    /** Flushes and closes every file. */
    @Override
    void close();
}
