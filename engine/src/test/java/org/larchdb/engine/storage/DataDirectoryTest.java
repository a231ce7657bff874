package org.larchdb.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.larchdb.engine.error.DbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void createMakesLayoutInMissingDirectory() throws Exception {
        Path dir = tmp.resolve("data");
        assertFalse(DataDirectory.isInitialized(dir));
        DataDirectory.create(dir);
        assertTrue(DataDirectory.isInitialized(dir));
        assertTrue(Files.isDirectory(dir.resolve("base")));
        assertEquals(DataDirectory.FORMAT_VERSION + "\n", Files.readString(dir.resolve("LARCH_VERSION")));
        DataDirectory.create(dir); // already initialised: left alone
    }

    @Test
    void createRefusesForeignNonEmptyDirectory() throws Exception {
        Files.writeString(tmp.resolve("somefile"), "x");
        DbException e = assertThrows(DbException.class, () -> DataDirectory.create(tmp));
        assertTrue(e.getMessage().contains("exists but is not empty"), e.getMessage());
        assertFalse(DataDirectory.isInitialized(tmp));
    }

    @Test
    void openTakesLockAndRefusesSecondOpen() throws Exception {
        DataDirectory.create(tmp);
        try (DataDirectory dd = DataDirectory.open(tmp)) {
            assertEquals(tmp, dd.path());
            String pid = Files.readString(tmp.resolve("postmaster.pid")).lines().findFirst().orElseThrow();
            assertEquals(Long.toString(ProcessHandle.current().pid()), pid);
            DbException e = assertThrows(DbException.class, () -> DataDirectory.open(tmp));
            assertEquals("lock file \"postmaster.pid\" already exists", e.getMessage());
            assertEquals("Is another postmaster (PID " + pid + ") running in data directory \"" + tmp + "\"?",
                    e.hint());
            assertEquals("58030", e.state().code());
            // The same directory through another spelling of its path is the same directory.
            assertThrows(DbException.class, () -> DataDirectory.open(tmp.resolve("base").resolve("..")));
        }
        assertFalse(Files.exists(tmp.resolve("postmaster.pid")));
        DataDirectory.open(tmp).close(); // released: opens again
    }

    @Test
    void staleLockFileDoesNotBlockOpen() throws Exception {
        DataDirectory.create(tmp);
        Files.writeString(tmp.resolve("postmaster.pid"), "999999\n"); // left by a killed server
        try (DataDirectory dd = DataDirectory.open(tmp)) {
            assertTrue(Files.readString(tmp.resolve("postmaster.pid"))
                    .startsWith(ProcessHandle.current().pid() + "\n"));
        }
    }

    @Test
    void lockHeldByAnotherProcessIsRefused() throws Exception {
        DataDirectory.create(tmp);
        Path holder = tmp.resolve("postmaster.pid");
        Files.writeString(holder, "4242\n");
        // Another JVM takes the same kind of OS lock (fcntl) a running server holds.
        Path source = tmp.resolve("HoldLock.java");
        Files.writeString(source, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class HoldLock {
                    public static void main(String[] a) throws Exception {
                        FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE);
                        if (ch.tryLock() == null) System.exit(2);
                        System.out.println("locked");
                        System.out.flush();
                        System.in.read();
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, source.toString(), holder.toString()).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()))) {
            assertEquals("locked", out.readLine());
            DbException e = assertThrows(DbException.class, () -> DataDirectory.open(tmp));
            assertEquals("lock file \"postmaster.pid\" already exists", e.getMessage());
            assertEquals("Is another postmaster (PID 4242) running in data directory \"" + tmp + "\"?", e.hint());
        } finally {
            other.destroyForcibly().waitFor();
        }
        // The OS released the dead process's lock: the stale file does not block a restart.
        DataDirectory.open(tmp).close();
    }

    @Test
    void versionMismatchIsRefused() throws Exception {
        DataDirectory.create(tmp);
        int other = DataDirectory.FORMAT_VERSION + 1;
        Files.writeString(tmp.resolve("LARCH_VERSION"), other + "\n");
        DbException e = assertThrows(DbException.class, () -> DataDirectory.open(tmp));
        assertEquals("database files are incompatible with server", e.getMessage());
        assertEquals("The data directory was initialized with format version " + other
                + ", which is not compatible with this version " + DataDirectory.FORMAT_VERSION + ".", e.detail());
        assertEquals(DbException.Severity.FATAL, e.severity());
        assertFalse(Files.exists(tmp.resolve("postmaster.pid")));
    }

    @Test
    void garbledOrMissingVersionFileIsRefused() throws Exception {
        DataDirectory.create(tmp);
        Files.writeString(tmp.resolve("LARCH_VERSION"), "banana");
        DbException e = assertThrows(DbException.class, () -> DataDirectory.open(tmp));
        assertEquals("\"" + tmp + "\" is not a valid data directory", e.getMessage());
        assertEquals("File \"LARCH_VERSION\" does not contain valid data.", e.detail());
        Files.delete(tmp.resolve("LARCH_VERSION"));
        e = assertThrows(DbException.class, () -> DataDirectory.open(tmp));
        assertEquals("File \"LARCH_VERSION\" is missing.", e.detail());
    }
}
