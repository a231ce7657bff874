package org.larchdb.engine.storage;

import java.nio.file.Path;

/**
 * The on-disk layout of a data directory and its guards: a version file naming the format
 * (so a directory of another format is refused with a clear message) and a lock file held while a
 * server runs on it (so a second server is refused).
 */
public final class DataDirectory implements AutoCloseable {

    /** Bumped whenever the on-disk format changes incompatibly. */
    public static final int FORMAT_VERSION = 1;

    private DataDirectory() {
    }

    /** Whether {@code dir} holds an initialised LarchDB data directory (its version file exists). */
    public static boolean isInitialized(Path dir) {
        throw new UnsupportedOperationException("filled in by the storage work");
    }

    /** Creates the layout of a new data directory in an empty or missing {@code dir}. */
    public static void create(Path dir) {
        throw new UnsupportedOperationException("filled in by the storage work");
    }

    /**
     * Opens an initialised data directory for a server: checks the format version and takes
     * the lock file. Fails with a clear message when the format differs or another process holds it.
     */
    public static DataDirectory open(Path dir) {
        throw new UnsupportedOperationException("filled in by the storage work");
    }

    public Path path() {
        throw new UnsupportedOperationException("filled in by the storage work");
    }

    /** Releases the lock file. */
    @Override
    public void close() {
    }
}
