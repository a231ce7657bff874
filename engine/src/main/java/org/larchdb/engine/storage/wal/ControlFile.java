package org.larchdb.engine.storage.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * {@code <datadir>/global/pg_control}: where recovery starts. Rewritten whole and atomically
 * (temp file, force, rename, force the directory), so a crash leaves the old or the new version,
 * never a mix; a CRC32C still guards against a garbled file.
 *
 * <pre>
 *  0 magic "LCTL"   4 format version (1)   8 state (0 shut down, 1 in crash recovery, 2 in production)
 * 12 reserved (4)  16 checkpointLsn (8) — start of the last checkpoint's CheckpointEnd record
 * 24 redoLsn (8) — its CheckpointBegin: analysis and redo start here
 * 32 nextXid (8)   40 time (ms since epoch, 8)   48 CRC32C of bytes 0..47 (4)
 * </pre>
 */
public record ControlFile(State state, long checkpointLsn, long redoLsn, long nextXid, long timeMillis) {

    public enum State { SHUT_DOWN, IN_CRASH_RECOVERY, IN_PRODUCTION }

    static final String DIRECTORY = "global";
    static final String FILE = "pg_control";
    private static final int MAGIC = 0x4c54434c; // "LCTL" little-endian
    private static final int VERSION = 1;
    private static final int SIZE = 52;

    /** The control file's path in {@code dataDir}. */
    public static Path path(Path dataDir) {
        return dataDir.resolve(DIRECTORY).resolve(FILE);
    }

    byte[] encode() {
        byte[] b = new byte[SIZE];
        RecordFrame.putI32(b, 0, MAGIC);
        RecordFrame.putI32(b, 4, VERSION);
        RecordFrame.putI32(b, 8, state.ordinal());
        RecordFrame.putI64(b, 16, checkpointLsn);
        RecordFrame.putI64(b, 24, redoLsn);
        RecordFrame.putI64(b, 32, nextXid);
        RecordFrame.putI64(b, 40, timeMillis);
        RecordFrame.putI32(b, 48, crc(b));
        return b;
    }

    private static int crc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, SIZE - 4);
        return (int) crc.getValue();
    }

    /** Replaces the control file atomically and durably. */
    public void write(Path dataDir) {
        Path dir = dataDir.resolve(DIRECTORY);
        Path temp = dir.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.write(temp, encode(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            WalWriter.forceDirectory(dir);
        } catch (IOException e) {
            throw new DbException(SqlState.IO_ERROR, "could not write file \"%s/%s\": %s"
                    .formatted(DIRECTORY, FILE, e.getMessage()), null, null, 0, DbException.Severity.PANIC, e);
        }
    }

    /** The control file of {@code dataDir}, or empty if there is none (a data directory without WAL yet). */
    public static Optional<ControlFile> read(Path dataDir) {
        byte[] b;
        try {
            b = Files.readAllBytes(path(dataDir));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw fatal(SqlState.IO_ERROR, "could not open file \"%s/%s\": %s".formatted(DIRECTORY, FILE, e.getMessage()));
        }
        if (b.length != SIZE || RecordFrame.i32(b, 0) != MAGIC) {
            throw fatal(SqlState.DATA_CORRUPTED, "invalid data in control file");
        }
        if (RecordFrame.i32(b, 48) != crc(b)) {
            throw fatal(SqlState.DATA_CORRUPTED, "incorrect checksum in control file");
        }
        int version = RecordFrame.i32(b, 4);
        if (version != VERSION) {
            throw fatal(SqlState.IO_ERROR, "database files are incompatible with server")
                    .withDetail("The database cluster was initialized with PG_CONTROL_VERSION %d, but the server was compiled with PG_CONTROL_VERSION %d."
                            .formatted(version, VERSION));
        }
        int state = RecordFrame.i32(b, 8);
        if (state < 0 || state >= State.values().length) {
            throw fatal(SqlState.DATA_CORRUPTED, "invalid data in control file");
        }
        return Optional.of(new ControlFile(State.values()[state], RecordFrame.i64(b, 16), RecordFrame.i64(b, 24),
                RecordFrame.i64(b, 32), RecordFrame.i64(b, 40)));
    }

    private static DbException fatal(SqlState state, String message) {
        return new DbException(state, message, null, null, 0, DbException.Severity.FATAL, null);
    }
}
