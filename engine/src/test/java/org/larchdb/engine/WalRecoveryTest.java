package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.storage.Recovery;
import org.larchdb.engine.storage.wal.WalOptions;
import org.larchdb.engine.types.TextCodec;

/**
 * Crash recovery end to end inside one JVM: a "crash" ({@link Database#crashForTesting}) drops every
 * buffered page unwritten and abandons the WAL buffer, exactly what kill -9 leaves behind; the next
 * {@link Database#open} must recover. Pages holding uncommitted changes are forced to disk before
 * some crashes (steal), so undo has real work to do.
 */
class WalRecoveryTest {
    static final WalOptions WAL = WalOptions.defaults().withSegmentSize(1 << 20);

    @TempDir
    Path dir;
    Database db;
    List<Session> sessions = new ArrayList<>();

    @BeforeEach
    void init() {
        Database.initialize(dir, "postgres", null, WAL);
        db = open();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    Database open() {
        Settings settings = Settings.defaults();
        settings.set("shared_buffers", "1MB");
        sessions.clear();
        return Database.open(dir, settings, new SimpleMeterRegistry(), SessionTest.OWNER_ONLY,
                (role, password, method) -> "md5" + password, WAL);
    }

    Session session() {
        Session s = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
        sessions.add(s);
        return s;
    }

    void crashAndRestart() {
        db.crashForTesting();
        db = open();
    }

    static List<String> run(Session session, String sql) {
        List<String> out = new ArrayList<>();
        for (StatementText st : session.split(sql)) {
            out.clear();
            PreparedQuery q = session.prepare(st.sql(), new int[0]);
            Portal p = session.bind(q, new Object[0]);
            ExecResult r = session.execute(p, 0, row -> {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.length; i++) {
                    cells.add(row[i] == null ? "NULL" : TextCodec.format(row[i], q.resultColumns().get(i).type(),
                            org.larchdb.engine.types.TextFormat.DEFAULT));
                }
                out.add(String.join("|", cells));
            });
            out.add(r.commandTag());
        }
        session.sync();
        return List.copyOf(out);
    }

    /** "(a, 'prefix a'), ..." rows for a VALUES list (no generate_series in the engine yet). */
    static String rows(int from, int to, String text) {
        StringBuilder b = new StringBuilder("VALUES ");
        for (int i = from; i <= to; i++) {
            b.append(i > from ? ", " : "").append('(').append(i).append(", '").append(text.replace("#", String.valueOf(i)))
                    .append("')");
        }
        return b.toString();
    }

    static String repeat(char c, int n) {
        return "'" + String.valueOf(c).repeat(n) + "'";
    }

    String one(String sql) {
        return run(session(), sql).get(0);
    }

    /** Relation files present in base/ that no pg_class row names (must be none). */
    Set<String> orphanFiles() throws IOException {
        Set<String> known = new TreeSet<>(run(session(), "SELECT relfilenode FROM pg_class"));
        try (Stream<Path> files = Files.list(dir.resolve("base"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !known.contains(n))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void committedWorkSurvivesAndUncommittedWorkIsUndone() {
        Session s = session();
        run(s, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        run(s, "CREATE INDEX t_v ON t (v)");
        run(s, "INSERT INTO t " + rows(1, 300, "row #"));
        run(s, "CREATE TABLE counter (id int PRIMARY KEY, n int)");
        run(s, "INSERT INTO counter VALUES (1, 0)");
        for (int i = 0; i < 40; i++) {
            run(s, "UPDATE counter SET n = n + 1 WHERE id = 1");
        }
        run(s, "DELETE FROM t WHERE id % 10 = 0");
        run(s, "UPDATE t SET v = v || ' and a much longer text than before, to move it' WHERE id % 7 = 0");
        // A transaction still running at the crash, its pages on disk (steal): undo must remove it.
        Session open = session();
        run(open, "BEGIN");
        run(open, "INSERT INTO t " + rows(1001, 1400, "uncommitted"));
        run(open, "UPDATE counter SET n = n + 1000 WHERE id = 1");
        run(open, "DELETE FROM t WHERE id < 50");
        run(open, "UPDATE t SET v = " + repeat('x', 300) + " WHERE id > 250 AND id < 1000");
        db.storage().flushAll();
        // And one rolled back before the crash (rows the open transaction does not hold locks on).
        run(s, "BEGIN");
        run(s, "DELETE FROM t WHERE id > 100 AND id < 250");
        run(s, "ROLLBACK");
        crashAndRestart();
        assertEquals("270", one("SELECT count(*) FROM t"));
        assertEquals("40", one("SELECT n FROM counter WHERE id = 1"));
        assertEquals("0", one("SELECT count(*) FROM t WHERE id > 1000 OR v = 'uncommitted' OR v LIKE 'xxx%'"));
        assertEquals("38", one("SELECT count(*) FROM t WHERE v LIKE '%much longer%'"));
        assertEquals("t|t|t", one("SELECT larch_check_index('t_pkey'), larch_check_index('t_v'), "
                + "larch_check_index('counter_pkey')"));
        assertEquals("row 7 and a much longer text than before, to move it", one("SELECT v FROM t WHERE id = 7"));
        // The recovered database keeps working and recovers again.
        run(session(), "INSERT INTO t VALUES (5000, 'after')");
        crashAndRestart();
        assertEquals("271", one("SELECT count(*) FROM t"));
        assertEquals("t", one("SELECT larch_check_index('t_pkey')"));
    }

    @Test
    void largeTuplesAreRedoneAndUndone() {
        Session s = session();
        run(s, "CREATE TABLE big (id int PRIMARY KEY, doc text)");
        run(s, "INSERT INTO big VALUES (1, " + repeat('a', 100000) + "), (2, " + repeat('b', 30000) + ")");
        run(s, "UPDATE big SET doc = " + repeat('c', 50000) + " WHERE id = 2");
        Session open = session();
        run(open, "BEGIN");
        run(open, "INSERT INTO big VALUES (3, " + repeat('d', 200000) + ")");
        run(open, "DELETE FROM big WHERE id = 1");
        run(open, "UPDATE big SET doc = 'small now' WHERE id = 2");
        db.storage().flushAll();
        crashAndRestart();
        assertEquals(List.of("1|100000|t|f", "2|50000|f|t", "SELECT 2"),
                run(session(), "SELECT id, length(doc), doc LIKE 'a%', doc LIKE 'c%' FROM big ORDER BY id"));
        assertEquals("t", one("SELECT larch_check_index('big_pkey')"));
    }

    @Test
    void interruptedDdlLeavesAllOrNothingAndNoOrphanFiles() throws IOException {
        Session s = session();
        run(s, "CREATE TABLE keep (id int PRIMARY KEY)");
        run(s, "INSERT INTO keep VALUES (1), (2)");
        run(s, "CREATE TABLE gone (id int)");
        run(s, "DROP TABLE gone"); // committed drop: the file goes
        Session open = session();
        run(open, "BEGIN");
        run(open, "CREATE TABLE half (id int PRIMARY KEY, v text)");
        run(open, "INSERT INTO half " + rows(1, 500, "x"));
        run(open, "CREATE INDEX keep_idx ON keep (id)");
        run(open, "DROP TABLE keep");
        db.storage().flushAll();
        crashAndRestart();
        assertEquals("0", one("SELECT count(*) FROM pg_class WHERE relname IN ('half', 'half_pkey', 'keep_idx', 'gone')"));
        assertEquals("2", one("SELECT count(*) FROM keep"));
        assertEquals("t", one("SELECT larch_check_index('keep_pkey')"));
        assertEquals(Set.of(), orphanFiles());
        // The names are free again and work.
        run(session(), "CREATE TABLE half (id int)");
        run(session(), "CREATE INDEX keep_idx ON keep (id)");
        assertEquals("t", one("SELECT larch_check_index('keep_idx')"));
        assertEquals(Set.of(), orphanFiles());
    }

    @Test
    void rolledBackDdlLeavesNoFiles() throws IOException {
        Session s = session();
        run(s, "BEGIN");
        run(s, "CREATE TABLE r (id int PRIMARY KEY)");
        run(s, "INSERT INTO r VALUES (1)");
        run(s, "ROLLBACK");
        assertEquals(Set.of(), orphanFiles());
        crashAndRestart();
        assertEquals(Set.of(), orphanFiles());
        assertEquals("0", one("SELECT count(*) FROM pg_class WHERE relname = 'r'"));
    }

    @Test
    void tornWalTailIsTruncated() throws IOException {
        Session s = session();
        run(s, "CREATE TABLE t (id int)");
        run(s, "INSERT INTO t VALUES (1), (2), (3)");
        db.crashForTesting();
        Path walDir = dir.resolve(Database.WAL_DIR);
        Path last;
        try (Stream<Path> files = Files.list(walDir)) {
            last = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        long size = Files.size(last);
        // Half a record of garbage after the valid end, as a write cut short by a crash leaves.
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.seek(size);
            f.write(new byte[] {40, 0, 0, 0, 0x20, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7});
        }
        db = open();
        assertEquals("3", one("SELECT count(*) FROM t"));
        run(session(), "INSERT INTO t VALUES (4)");
        crashAndRestart();
        assertEquals("4", one("SELECT count(*) FROM t"));
    }

    @Test
    void crashDuringRecoveryStillConverges() {
        Session s = session();
        run(s, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        run(s, "INSERT INTO t " + rows(1, 200, "v#"));
        Session open = session();
        run(open, "BEGIN");
        run(open, "UPDATE t SET v = 'changed ' || v WHERE id <= 150");
        run(open, "DELETE FROM t WHERE id > 150");
        run(open, "INSERT INTO t " + rows(201, 400, "new"));
        db.storage().flushAll();
        db.crashForTesting();
        db = null;
        // Recovery dies after 100 undo steps (its pages and CLRs partly on disk), twice.
        for (int attempt = 0; attempt < 2; attempt++) {
            Recovery.undoStepLimitForTesting = 100;
            try {
                assertThrows(IllegalStateException.class, this::open);
            } finally {
                Recovery.undoStepLimitForTesting = -1;
            }
        }
        db = open();
        assertEquals("200", one("SELECT count(*) FROM t"));
        assertEquals("0", one("SELECT count(*) FROM t WHERE v LIKE 'changed%' OR v = 'new'"));
        assertEquals("t", one("SELECT larch_check_index('t_pkey')"));
    }

    @Test
    void fullPageImagesRepairTornHeapAndIndexPages() throws IOException {
        Session s = session();
        run(s, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        run(s, "INSERT INTO t " + rows(1, 100, "before"));
        String heap = one("SELECT relfilenode FROM pg_class WHERE relname = 't'");
        String index = one("SELECT relfilenode FROM pg_class WHERE relname = 't_pkey'");
        db.close(); // a checkpoint: the next change of each page logs its full image
        db = open();
        run(session(), "UPDATE t SET v = 'after' WHERE id <= 50");
        run(session(), "UPDATE t SET id = id + 1000 WHERE id > 90");
        db.storage().flushAll();
        db.crashForTesting();
        // The writes of heap block 0 and of the index's root leaf (block 1) were torn: half garbage.
        for (String rel : List.of(heap, index)) {
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve("base").resolve(rel).toFile(), "rw")) {
                f.seek(rel.equals(heap) ? 4096 : 8192 + 4096);
                f.write(new byte[4096]);
            }
        }
        db = open();
        assertEquals(List.of("after|50", "before|50", "SELECT 2"),
                run(session(), "SELECT v, count(*) FROM t GROUP BY v ORDER BY v"));
        assertEquals("10", one("SELECT count(*) FROM t WHERE id > 1000"));
        assertEquals("t", one("SELECT larch_check_index('t_pkey')"));
        assertEquals("before", one("SELECT v FROM t WHERE id = 1091"));
    }

    @Test
    void concurrentCommitsDuringCheckpointsSurviveACrash() throws Exception {
        Session setup = session();
        run(setup, "CREATE TABLE counter (id int PRIMARY KEY, n int)");
        run(setup, "INSERT INTO counter VALUES (0, 0), (1, 0), (2, 0), (3, 0)");
        run(setup, "CREATE TABLE log (id int PRIMARY KEY, v text)");
        int threads = 4;
        int rounds = 120;
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger checkpoints = new java.util.concurrent.atomic.AtomicInteger();
        Thread checkpointer = new Thread(() -> {
            while (!done.get()) {
                db.checkpointer().checkpoint(org.larchdb.engine.storage.wal.ControlFile.State.IN_PRODUCTION);
                checkpoints.incrementAndGet();
            }
        });
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int id = t;
            Session s = session();
            writers.add(new Thread(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        run(s, "BEGIN");
                        run(s, "INSERT INTO log VALUES (" + (id * 100000 + i) + ", '" + "w".repeat(i % 50 * 20) + "')");
                        run(s, "UPDATE counter SET n = n + 1 WHERE id = " + id);
                        if (i % 10 == 9) {
                            run(s, "DELETE FROM log WHERE id = " + (id * 100000 + i - 5));
                        }
                        run(s, "COMMIT");
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        checkpointer.start();
        writers.forEach(Thread::start);
        for (Thread w : writers) {
            w.join();
        }
        done.set(true);
        checkpointer.join();
        assertEquals(List.of(), failures);
        assertTrue(checkpoints.get() > 1, "checkpoints: " + checkpoints.get());
        Session open = session();
        run(open, "BEGIN");
        run(open, "UPDATE counter SET n = n + 1000");
        run(open, "INSERT INTO log " + rows(900000, 900300, "loser"));
        crashAndRestart();
        assertEquals(List.of("0|120", "1|120", "2|120", "3|120", "SELECT 4"),
                run(session(), "SELECT id, n FROM counter ORDER BY id"));
        assertEquals(String.valueOf(threads * (rounds - rounds / 10)), one("SELECT count(*) FROM log"));
        assertEquals("t|t", one("SELECT larch_check_index('log_pkey'), larch_check_index('counter_pkey')"));
    }

    @Test
    void crashInTheMiddleOfACheckpointRecoversFromThePreviousOne() {
        Session s = session();
        run(s, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        run(s, "INSERT INTO t " + rows(1, 400, "one"));
        // A checkpoint that began (new redo point, images from now on) but never wrote its end
        // record nor the control file.
        db.storage().bufferPool().beginCheckpoint();
        run(s, "UPDATE t SET v = 'two' WHERE id <= 200");
        run(s, "INSERT INTO t " + rows(401, 500, "three"));
        Session open = session();
        run(open, "BEGIN");
        run(open, "DELETE FROM t WHERE id > 100");
        db.storage().bufferPool().flushAll();
        crashAndRestart();
        assertEquals(List.of("one|200", "three|100", "two|200", "SELECT 3"),
                run(session(), "SELECT v, count(*) FROM t GROUP BY v ORDER BY v"));
        assertEquals("t", one("SELECT larch_check_index('t_pkey')"));
    }

    @Test
    void bigRollbackReadsItsChainFromTheLog() {
        Session s = session();
        run(s, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        run(s, "INSERT INTO t " + rows(1, 100, "old #"));
        run(s, "BEGIN");
        // More undo records than a transaction keeps in memory (two per row: heap and index).
        for (int i = 0; i < 6; i++) {
            run(s, "INSERT INTO t " + rows(1000 + i * 1000, 1999 + i * 1000, "new"));
        }
        run(s, "UPDATE t SET v = 'changed' WHERE id <= 100");
        run(s, "DELETE FROM t WHERE id <= 10");
        run(s, "ROLLBACK");
        assertEquals("100", one("SELECT count(*) FROM t"));
        assertEquals("0", one("SELECT count(*) FROM t WHERE v IN ('new', 'changed')"));
        assertEquals("t", one("SELECT larch_check_index('t_pkey')"));
        crashAndRestart();
        assertEquals("100", one("SELECT count(*) FROM t"));
        assertEquals("old 10", one("SELECT v FROM t WHERE id = 10"));
        assertEquals("t", one("SELECT larch_check_index('t_pkey')"));
    }

    @Test
    void asynchronousCommitNeverLeavesHalfATransaction() {
        Session s = session();
        run(s, "CREATE TABLE t (id int PRIMARY KEY)");
        run(s, "SET synchronous_commit = off");
        run(s, "INSERT INTO t " + rows(1, 500, "").replace(", '')", ")"));
        crashAndRestart();
        String n = one("SELECT count(*) FROM t");
        assertTrue(n.equals("0") || n.equals("500"), n);
        assertEquals("t", one("SELECT larch_check_index('t_pkey')"));
    }

    @Test
    void cleanShutdownNeedsNoRecoveryAndOldSegmentsGo() throws IOException {
        Session s = session();
        run(s, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        for (int i = 0; i < 6; i++) {
            run(s, "INSERT INTO t " + rows(i * 1000 + 1, i * 1000 + 1000, "x".repeat(200)));
        }
        long segmentsBefore;
        try (Stream<Path> files = Files.list(dir.resolve(Database.WAL_DIR))) {
            segmentsBefore = files.count();
        }
        assertTrue(segmentsBefore > 2, "segments: " + segmentsBefore);
        db.close();
        long segmentsAfter;
        try (Stream<Path> files = Files.list(dir.resolve(Database.WAL_DIR))) {
            segmentsAfter = files.count();
        }
        assertTrue(segmentsAfter <= 2, "segments after the shutdown checkpoint: " + segmentsAfter);
        db = open();
        assertEquals("6000", one("SELECT count(*) FROM t"));
    }
}
