package org.larchdb.engine.storage.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.wal.WalRecord.HeapInsert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalWriterTest {
    static final long SEGMENT = 64 * 1024;

    @TempDir
    Path dir;

    WalOptions options() {
        return WalOptions.defaults().withSegmentSize(SEGMENT).withWalWriterDelay(null).withBufferSize(16 * 1024);
    }

    record Appended(WalPosition pos, long xid, long prev, WalRecord record) {
    }

    static HeapInsert insert(Random rnd, int i) {
        byte[] tuple = new byte[rnd.nextInt(10) == 0 ? 8000 + rnd.nextInt(9000) : rnd.nextInt(400)];
        rnd.nextBytes(tuple);
        return new HeapInsert(16384, i, i % 100, false, tuple);
    }

    List<Appended> appendMany(WalWriter wal, int n, long seed) {
        Random rnd = new Random(seed);
        List<Appended> out = new ArrayList<>();
        long prev = 0;
        for (int i = 0; i < n; i++) {
            WalRecord r = insert(rnd, i);
            long xid = 1 + i % 3;
            WalPosition p = wal.insert(xid, prev, r);
            out.add(new Appended(p, xid, prev, r));
            prev = p.start();
        }
        return out;
    }

    static List<WalEntry> readAll(Path walDir, long from) {
        WalReader reader = WalReader.open(walDir, new WalSegments(SEGMENT), from);
        List<WalEntry> out = new ArrayList<>();
        for (WalEntry e; (e = reader.next()) != null; ) {
            out.add(e);
        }
        return out;
    }

    static void assertSame(List<Appended> expected, List<WalEntry> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Appended a = expected.get(i);
            WalEntry e = actual.get(i);
            assertEquals(a.pos().start(), e.lsn(), "record " + i);
            assertEquals(a.pos().end(), e.endLsn(), "record " + i);
            assertEquals(a.xid(), e.xid());
            assertEquals(a.prev(), e.prevLsn());
            assertArrayEquals(a.record().payload(), e.record().payload(), "record " + i);
        }
    }

    @Test
    void roundTripAcrossSegmentSwitches() throws Exception {
        Path walDir = dir.resolve("pg_wal");
        List<Appended> appended;
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            assertEquals(SEGMENT, wal.insertLsn(), "the log starts at segment 1");
            appended = appendMany(wal, 600, 1);
            long end = appended.get(appended.size() - 1).pos().end();
            wal.flush(end);
            assertTrue(wal.flushedLsn() >= end);
            // Readable before close: the flush wrote the buffer out.
            assertSame(appended, readAll(walDir, 0));
        }
        List<Long> files = new WalSegments(SEGMENT).list(walDir);
        assertTrue(files.size() > 5, "several segments: " + files);
        assertEquals(1L, files.get(0));
        assertTrue(Files.exists(walDir.resolve("000000010000000000000001")));
        for (Appended a : appended) {
            assertEquals(a.pos().start() / SEGMENT, (a.pos().end() - 1) / SEGMENT, "records never span segments");
        }
        WalReader reader = WalReader.open(walDir, new WalSegments(SEGMENT), 0);
        while (reader.next() != null) {
        }
        assertFalse(reader.tornTail(), reader.stopReason());
        assertEquals(appended.get(appended.size() - 1).pos().end(), reader.endLsn());
        // Reading from the middle.
        assertSame(appended.subList(300, 600), readAll(walDir, appended.get(300).pos().start()));
    }

    @Test
    void reopenContinuesAfterTheLastRecord() {
        Path walDir = dir.resolve("pg_wal");
        List<Appended> all = new ArrayList<>();
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            all.addAll(appendMany(wal, 100, 2));
        }
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            assertEquals(all.get(99).pos().end(), wal.insertLsn());
            assertEquals(wal.insertLsn(), wal.flushedLsn());
            all.addAll(appendMany(wal, 100, 3));
        }
        assertSame(all, readAll(walDir, 0));
    }

    @Test
    void recordEndingExactlyAtSegmentEnd() {
        Path walDir = dir.resolve("pg_wal");
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            long first = wal.append(new WalRecord.RelationCreate(4)); // 28 + 4 bytes
            int room = (int) (2 * SEGMENT - first - RecordFrame.HEADER_SIZE);
            // HeapInsert payload = 4+4+2+1+4 + n bytes
            var exact = new HeapInsert(1, 2, 3, false, new byte[room - 15]);
            WalPosition p = wal.insert(9, 0, exact);
            assertEquals(2 * SEGMENT, p.end());
            wal.flush(p.end());
        }
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            assertEquals(2 * SEGMENT, wal.insertLsn());
            long end = wal.append(new WalRecord.RelationCreate(5));
            assertEquals(2 * SEGMENT + RecordFrame.HEADER_SIZE + 4, end);
        }
        List<WalEntry> entries = readAll(walDir, 0);
        assertEquals(3, entries.size());
        assertEquals(new WalRecord.RelationCreate(5), entries.get(2).record());
    }

    @Test
    void tornTailIsDetectedAndCutOnReopen() throws Exception {
        Path walDir = dir.resolve("pg_wal");
        List<Appended> appended;
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            appended = appendMany(wal, 50, 4);
        }
        Appended last = appended.get(49);
        Path file = walDir.resolve(new WalSegments(SEGMENT).fileName(last.pos().start() / SEGMENT));
        long cut = last.pos().start() % SEGMENT + RecordFrame.HEADER_SIZE + 3; // mid-record
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(cut);
        }
        WalReader reader = WalReader.open(walDir, new WalSegments(SEGMENT), 0);
        int n = 0;
        while (reader.next() != null) {
            n++;
        }
        assertEquals(49, n);
        assertTrue(reader.tornTail());
        assertEquals(last.pos().start(), reader.endLsn());
        assertTrue(reader.stopReason().contains("truncated"), reader.stopReason());

        try (WalWriter wal = WalWriter.open(walDir, options())) {
            assertEquals(last.pos().start(), wal.insertLsn());
            WalPosition p = wal.insert(0, 0, new WalRecord.RelationCreate(77));
            assertEquals(last.pos().start(), p.start());
        }
        List<WalEntry> entries = readAll(walDir, 0);
        assertEquals(50, entries.size());
        assertSame(appended.subList(0, 49), entries.subList(0, 49));
        assertEquals(new WalRecord.RelationCreate(77), entries.get(49).record());
    }

    @Test
    void flippedByteStopsTheReaderAndNothingAfterItSurvives() throws Exception {
        Path walDir = dir.resolve("pg_wal");
        List<Appended> appended;
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            appended = appendMany(wal, 200, 5);
        }
        WalSegments segs = new WalSegments(SEGMENT);
        Appended victim = appended.get(120);
        Path file = walDir.resolve(segs.fileName(victim.pos().start() / SEGMENT));
        byte[] b = Files.readAllBytes(file);
        int at = (int) (victim.pos().start() % SEGMENT) + RecordFrame.HEADER_SIZE + 5;
        b[at] ^= 0x40;
        Files.write(file, b);

        WalReader reader = WalReader.open(walDir, segs, 0);
        List<WalEntry> read = new ArrayList<>();
        for (WalEntry e; (e = reader.next()) != null; ) {
            read.add(e);
        }
        assertSame(appended.subList(0, 120), read);
        assertTrue(reader.tornTail());
        assertTrue(reader.stopReason().startsWith("incorrect resource manager data checksum in record at"),
                reader.stopReason());
        assertEquals(victim.pos().start(), reader.endLsn());

        long laterSegments = segs.list(walDir).stream().filter(s -> s > victim.pos().start() / SEGMENT).count();
        assertTrue(laterSegments > 0, "the test must have segments after the damage");
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            assertEquals(victim.pos().start(), wal.insertLsn());
            assertTrue(segs.list(walDir).stream().allMatch(s -> s <= victim.pos().start() / SEGMENT),
                    "later segments removed");
            // A new record that ends exactly where an old one began must not revive the old one.
            wal.append(new WalRecord.RelationDrop(3));
        }
        List<WalEntry> after = readAll(walDir, 0);
        assertEquals(121, after.size());
        assertEquals(new WalRecord.RelationDrop(3), after.get(120).record());
    }

    @Test
    void zeroFilledTailIsTheEnd() throws Exception {
        Path walDir = dir.resolve("pg_wal");
        long end;
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            end = appendMany(wal, 5, 6).get(4).pos().end();
        }
        Path file = walDir.resolve(new WalSegments(SEGMENT).fileName(1));
        Files.write(file, new byte[4096], StandardOpenOption.APPEND);
        WalReader reader = WalReader.open(walDir, new WalSegments(SEGMENT), 0);
        while (reader.next() != null) {
        }
        assertEquals(end, reader.endLsn());
        assertTrue(reader.stopReason().startsWith("invalid record length at"), reader.stopReason());
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            assertEquals(end, wal.insertLsn());
        }
        assertEquals(end - SEGMENT, Files.size(file), "tail cut");
    }

    @Test
    void removeBeforeDeletesOnlyOldFlushedSegments() throws Exception {
        Path walDir = dir.resolve("pg_wal");
        WalSegments segs = new WalSegments(SEGMENT);
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            List<Appended> appended = appendMany(wal, 600, 7);
            // Nothing flushed yet: nothing may go.
            assertEquals(0, wal.removeBefore(appended.get(500).pos().start()));
            wal.flush(wal.insertLsn());
            Appended keep = appended.get(400);
            long keepSegment = keep.pos().start() / SEGMENT;
            int removed = wal.removeBefore(keep.pos().start());
            assertEquals(keepSegment - 1, removed);
            assertEquals(keepSegment, (long) segs.list(walDir).get(0));
            assertSame(appended.subList(400, 600), readAll(walDir, keep.pos().start()));
            // From 0: the oldest remaining segment, which starts at a record boundary.
            List<WalEntry> fromOldest = readAll(walDir, 0);
            assertEquals(keepSegment * SEGMENT, fromOldest.get(0).lsn() - fromOldest.get(0).lsn() % SEGMENT);
            var e = assertThrows(DbException.class, () -> WalReader.open(walDir, segs, appended.get(0).pos().start()));
            assertTrue(e.getMessage().contains("has already been removed"), e.getMessage());
            // The segment being written is never removed.
            wal.removeBefore(Long.MAX_VALUE);
            assertEquals(wal.insertLsn() / SEGMENT, (long) segs.list(walDir).get(0));
            wal.append(new WalRecord.RelationCreate(1));
        }
    }

    @Test
    void groupCommitSharesForces() throws Exception {
        Path walDir = dir.resolve("pg_wal");
        int threads = 16;
        int commitsEach = 40;
        try (WalWriter wal = WalWriter.open(walDir, options())) {
            AtomicLong durable = new AtomicLong();
            // A slow disk: each force takes 2 ms, as a real fsync does.
            wal.beforeForce = () -> sleep(2);
            wal.afterForce = target -> durable.accumulateAndGet(target, Math::max);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long xid = t + 1;
                workers.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                        long prev = 0;
                        for (int i = 0; i < commitsEach; i++) {
                            WalPosition p = wal.insert(xid, prev, new HeapInsert(1, i, 0, false, new byte[50]));
                            WalPosition c = wal.insert(xid, p.start(), new WalRecord.Commit(i, new int[0]));
                            prev = c.start();
                            wal.flush(c.end());
                            if (durable.get() < c.end() || wal.flushedLsn() < c.end()) {
                                throw new AssertionError("flush returned before a force covered " + c.end());
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            assertTrue(errors.isEmpty(), errors.toString());
            int commits = threads * commitsEach;
            assertTrue(wal.forceCount() < commits / 4, "forces " + wal.forceCount() + " for " + commits + " commits");
            assertEquals(2 * commits, readAll(walDir, 0).size());
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void asynchronousCommitIsFlushedInTheBackground() {
        Path walDir = dir.resolve("pg_wal");
        var registry = new SimpleMeterRegistry();
        try (WalWriter wal = WalWriter.open(walDir,
                options().withWalWriterDelay(Duration.ofMillis(20)).withRegistry(registry))) {
            long end = wal.append(new WalRecord.Commit(1, new int[0]));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (wal.flushedLsn() < end && System.nanoTime() < deadline) {
                sleep(5);
            }
            assertTrue(wal.flushedLsn() >= end, "background flusher made it durable");
            assertEquals(RecordFrame.HEADER_SIZE + 12, registry.get("larch.wal.bytes").counter().count());
            assertTrue(registry.get("larch.wal.flushes").counter().count() >= 1);
            assertTrue(registry.get("larch.wal.flush.seconds").timer().count() >= 1);
        }
    }

    @Test
    void misuseIsRefused() {
        Path walDir = dir.resolve("pg_wal");
        WalWriter wal = WalWriter.open(walDir, options());
        assertThrows(IllegalArgumentException.class, () -> wal.append(new WalRecord.SegmentSwitch()));
        var tooBig = assertThrows(DbException.class,
                () -> wal.append(new HeapInsert(1, 1, 1, false, new byte[(int) SEGMENT])));
        assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, tooBig.state());
        var ahead = assertThrows(DbException.class, () -> wal.flush(wal.insertLsn() + 1));
        assertTrue(ahead.getMessage().startsWith("xlog flush request"), ahead.getMessage());
        wal.close();
        assertThrows(DbException.class, () -> wal.append(new WalRecord.RelationCreate(1)));
        wal.close(); // idempotent
    }

    @Test
    void segmentNamesFollowPostgres() {
        WalSegments segs = new WalSegments(WalSegments.DEFAULT_SEGMENT_SIZE);
        assertEquals("000000010000000000000001", segs.fileName(1));
        assertEquals("0000000100000001000000FF", segs.fileName(511));
        assertEquals(511, segs.parse("0000000100000001000000FF"));
        assertEquals(-1, segs.parse("000000010000000100000100"));
        assertEquals(-1, segs.parse("pg_control"));
        assertEquals("0/1000000", WalSegments.format(segs.firstLsn()));
        assertNull(WalReader.open(dir.resolve("none"), segs, 0).next());
    }
}
