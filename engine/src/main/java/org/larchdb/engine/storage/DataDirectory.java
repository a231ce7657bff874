package org.larchdb.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * The on-disk layout of a data directory and its guards: a version file naming the format
 * (so a directory of another format is refused with a clear message) and a lock file held while a
 * server runs on it (so a second server is refused).
 *
 * <p>Layout: {@code LARCH_VERSION} (the format version and a newline), {@code base/} (one file per
 * relfilenode) and, while open, {@code postmaster.pid} (the server's pid) locked with an OS file
 * lock. The OS drops that lock when the process dies, even by kill -9, so a stale pid file never
 * blocks a restart; OS locks are per process, so opens within this JVM are tracked in a set too.
 */
public final class DataDirectory implements AutoCloseable {

    /** Bumped whenever the on-disk format changes incompatibly. */
    public static final int FORMAT_VERSION = 4; // 4: system catalogs pg_constraint (with foreign keys), pg_sequence, pg_depend, pg_rewrite, pg_description; delete-pending heap tuples

    static final String VERSION_FILE = "LARCH_VERSION";
    static final String BASE_DIR = "base";
    static final String LOCK_FILE = "postmaster.pid";

    /** Canonical paths of the data directories this JVM holds open. */
    private static final Set<Path> OPEN_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path canonical;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed;

    private DataDirectory(Path dir, Path canonical, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.canonical = canonical;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Whether {@code dir} holds an initialised LarchDB data directory (its version file exists). */
    public static boolean isInitialized(Path dir) {
        return Files.isRegularFile(dir.resolve(VERSION_FILE));
    }

    /**
     * Creates the layout of a new data directory in an empty or missing {@code dir}. An already
     * initialised directory is left as it is; any other non-empty directory is refused (initdb's rule).
     * The version file is written last, atomically, so a half-created directory is not "initialised".
     */
    public static void create(Path dir) {
        if (isInitialized(dir)) {
            return;
        }
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw ioError("could not create directory \"%s\": File exists".formatted(dir), null);
                }
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new DbException(SqlState.IO_ERROR,
                                "directory \"%s\" exists but is not empty".formatted(dir), null,
                                "Remove the directory \"%s\" or choose another data directory.".formatted(dir),
                                0, DbException.Severity.FATAL, null);
                    }
                }
            }
            Files.createDirectories(dir.resolve(BASE_DIR));
            Path temp = dir.resolve(VERSION_FILE + ".tmp");
            Files.writeString(temp, FORMAT_VERSION + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, dir.resolve(VERSION_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ioError("could not create data directory \"%s\": %s".formatted(dir, RelationFile.reason(e)), e);
        }
    }

    /**
     * Opens an initialised data directory for a server: checks the format version and takes
     * the lock file. Fails with a clear message when the format differs or another process holds it.
     */
    public static DataDirectory open(Path dir) {
        checkVersion(dir);
        if (!Files.isDirectory(dir.resolve(BASE_DIR))) {
            throw invalidDirectory(dir, "Directory \"%s\" is missing.".formatted(BASE_DIR));
        }
        Path canonical;
        try {
            canonical = dir.toRealPath();
        } catch (IOException e) {
            throw ioError("could not open data directory \"%s\": %s".formatted(dir, RelationFile.reason(e)), e);
        }
        long myPid = ProcessHandle.current().pid();
        if (!OPEN_IN_THIS_PROCESS.add(canonical)) {
            throw lockFileExists(dir, myPid);
        }
        FileChannel channel = null;
        try {
            // No TRUNCATE here: the file may belong to a live server whose pid we must not erase.
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                long otherPid = readPid(channel);
                throw lockFileExists(dir, otherPid);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((myPid + "\n" + canonical + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DataDirectory(dir, canonical, channel, lock);
        } catch (IOException | RuntimeException e) {
            OPEN_IN_THIS_PROCESS.remove(canonical);
            closeQuietly(channel);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw ioError("could not create lock file \"%s\": %s"
                    .formatted(LOCK_FILE, RelationFile.reason((IOException) e)), e);
        }
    }

    private static void checkVersion(Path dir) {
        String text;
        try {
            text = Files.readString(dir.resolve(VERSION_FILE), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw invalidDirectory(dir, "File \"%s\" is missing.".formatted(VERSION_FILE));
        } catch (IOException e) {
            throw ioError("could not open file \"%s\": %s".formatted(VERSION_FILE, RelationFile.reason(e)), e);
        }
        int version;
        try {
            version = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalidDirectory(dir, "File \"%s\" does not contain valid data.".formatted(VERSION_FILE));
        }
        if (version != FORMAT_VERSION) {
            throw new DbException(SqlState.IO_ERROR, "database files are incompatible with server",
                    "The data directory was initialized with format version %d, which is not compatible with this version %d."
                            .formatted(version, FORMAT_VERSION),
                    null, 0, DbException.Severity.FATAL, null);
        }
    }

    private static long readPid(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        try {
            return Long.parseLong((end < 0 ? text : text.substring(0, end)).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static DbException lockFileExists(Path dir, long pid) {
        return new DbException(SqlState.IO_ERROR, "lock file \"%s\" already exists".formatted(LOCK_FILE), null,
                "Is another postmaster (PID %d) running in data directory \"%s\"?".formatted(pid, dir),
                0, DbException.Severity.FATAL, null);
    }

    private static DbException invalidDirectory(Path dir, String detail) {
        return new DbException(SqlState.IO_ERROR, "\"%s\" is not a valid data directory".formatted(dir), detail,
                "You might need to initialize a new data directory.", 0, DbException.Severity.FATAL, null);
    }

    private static DbException ioError(String message, Throwable cause) {
        return new DbException(SqlState.IO_ERROR, message, null, null, 0, DbException.Severity.FATAL, cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the original error is the one to report.
            }
        }
    }

    public Path path() {
        return dir;
    }

    /**
     * Deletes the pid file and releases the lock. The file goes first, while still locked, so a
     * server starting right now can never have its fresh pid file deleted by us.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(dir.resolve(LOCK_FILE));
            lock.release();
        } catch (IOException e) {
            throw ioError("could not remove lock file \"%s\": %s".formatted(LOCK_FILE, RelationFile.reason(e)), e);
        } finally {
            closeQuietly(lockChannel);
            OPEN_IN_THIS_PROCESS.remove(canonical);
        }
    }
}
