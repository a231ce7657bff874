package org.larchdb.engine.storage.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlFileTest {
    @TempDir
    Path dir;

    @Test
    void missingFileMeansNoCheckpointYet() {
        assertTrue(ControlFile.read(dir).isEmpty());
    }

    @Test
    void rewriteReplacesAtomicallyAndLeavesNoTempFile() throws Exception {
        var first = new ControlFile(ControlFile.State.IN_PRODUCTION, 1000, 900, 5, 111);
        first.write(dir);
        assertEquals(first, ControlFile.read(dir).orElseThrow());
        var second = new ControlFile(ControlFile.State.SHUT_DOWN, 5000, 4000, 9, 222);
        second.write(dir);
        assertEquals(second, ControlFile.read(dir).orElseThrow());
        try (var files = Files.list(dir.resolve("global"))) {
            assertEquals(1, files.count(), "only pg_control");
        }
        // A temp file left by a crash mid-write does not affect the current version, and the next write replaces it.
        Files.write(dir.resolve("global/pg_control.tmp"), new byte[] {1, 2, 3});
        assertEquals(second, ControlFile.read(dir).orElseThrow());
        first.write(dir);
        assertEquals(first, ControlFile.read(dir).orElseThrow());
        assertFalse(Files.exists(dir.resolve("global/pg_control.tmp")));
    }

    @Test
    void garbledFileIsRefused() throws Exception {
        new ControlFile(ControlFile.State.IN_PRODUCTION, 1000, 900, 5, 111).write(dir);
        Path file = ControlFile.path(dir);
        byte[] b = Files.readAllBytes(file);
        b[20] ^= 1;
        Files.write(file, b);
        var e = assertThrows(DbException.class, () -> ControlFile.read(dir));
        assertEquals("incorrect checksum in control file", e.getMessage());
        assertEquals(SqlState.DATA_CORRUPTED, e.state());
        Files.write(file, new byte[10]);
        assertEquals("invalid data in control file", assertThrows(DbException.class, () -> ControlFile.read(dir)).getMessage());
    }
}
