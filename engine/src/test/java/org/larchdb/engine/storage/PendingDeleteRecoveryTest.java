package org.larchdb.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.storage.wal.ControlFile;
import org.larchdb.engine.storage.wal.WalEntry;
import org.larchdb.engine.storage.wal.WalOptions;
import org.larchdb.engine.storage.wal.WalPosition;
import org.larchdb.engine.storage.wal.WalReader;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalSegments;
import org.larchdb.engine.storage.wal.WalWriter;

/**
 * Pending deletes across crashes, at the storage level: a "crash" drops every buffered page and the
 * unflushed log; recovery (analysis, redo, undo) then runs as {@code Database.open} runs it.
 */
class PendingDeleteRecoveryTest {
    private static final int REL = 16400;
    private static final WalOptions OPTIONS = WalOptions.defaults().withSegmentSize(64 * 1024).withWalWriterDelay(null);

    @TempDir
    Path dir;
    private WalWriter wal;
    private PageStorage storage;
    private Checkpointer checkpointer;
    private final List<TestTx> running = new ArrayList<>();
    private long nextXid = 100;

    @BeforeEach
    void start() {
        DataDirectory.create(dir);
        wal = WalWriter.open(dir.resolve("pg_wal"), OPTIONS);
        storage = (PageStorage) Storage.open(dir, 64, new SimpleMeterRegistry(), wal);
        checkpointer = newCheckpointer();
        checkpointer.checkpoint(ControlFile.State.SHUT_DOWN);
        storage.createRelation(REL);
    }

    @AfterEach
    void stop() {
        storage.close();
        wal.close();
    }

    private Checkpointer newCheckpointer() {
        return new Checkpointer(dir, storage,
                () -> running.stream().filter(t -> t.lastLsn != 0)
                        .map(t -> new WalRecord.ActiveTransaction(t.xid, t.lastLsn, t.lastLsn)).toList(),
                () -> nextXid, () -> running.stream().mapToLong(t -> t.firstLsn).filter(l -> l != 0).min().orElse(0));
    }

    /** A transaction as tx/Transaction logs it: a chain of records, Commit flushed, rollback by undo. */
    final class TestTx implements TxLog {
        final long xid = nextXid++;
        long firstLsn;
        long lastLsn;
        final List<WalEntry> entries = new ArrayList<>();
        boolean rollingBack;

        TestTx() {
            running.add(this);
        }

        @Override
        public WalPosition log(WalWriter w, WalRecord record) {
            WalPosition p = w.insert(xid, lastLsn, record);
            if (!rollingBack) {
                entries.add(new WalEntry(p.start(), p.end(), xid, lastLsn, record));
            }
            if (firstLsn == 0) {
                firstLsn = p.start();
            }
            lastLsn = p.start();
            return p;
        }

        void commit() {
            WalPosition p = wal.insert(xid, lastLsn, new WalRecord.Commit(System.currentTimeMillis(), new int[0]));
            wal.flush(p.end());
            running.remove(this);
        }

        void rollback() {
            rollingBack = true;
            TupleMoves moves = new TupleMoves();
            for (int i = entries.size() - 1; i >= 0; i--) {
                storage.undo(entries.get(i), this, moves);
            }
            log(wal, new WalRecord.Abort(System.currentTimeMillis(), new int[0]));
            running.remove(this);
        }
    }

    private static byte[] row(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private HeapFile heap() {
        return storage.heap(REL);
    }

    /** Crash (pages lost, log kept up to what was flushed), then recovery; returns its analysis. */
    private Recovery.Analysis crashAndRecover() {
        wal.flush(wal.insertLsn());
        storage.crashForTesting();
        wal.abandonForTesting();
        running.clear();
        Path walDir = dir.resolve("pg_wal");
        Recovery.Analysis a = Recovery.analyze(walDir, new WalSegments(OPTIONS.segmentSize()),
                ControlFile.read(dir).orElseThrow());
        wal = WalWriter.open(walDir, OPTIONS);
        storage = (PageStorage) Storage.open(dir, 64, new SimpleMeterRegistry(), wal);
        storage.bufferPool().setRedoLsn(a.redoLsn());
        Recovery.redo(walDir, storage, a);
        Recovery.undo(walDir, storage, a);
        checkpointer = newCheckpointer();
        return a;
    }

    private static Set<Tid> tids(List<PendingDelete> list) {
        return list.stream().map(PendingDelete::tid).collect(Collectors.toSet());
    }

    @Test
    void losersMarksAreClearedAndWinnersUnpurgedMarksReported() {
        TestTx setup = new TestTx();
        List<Tid> t = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            t.add(heap().insert(setup, row("row" + i)));
        }
        setup.commit();

        TestTx winner = new TestTx();
        heap().markDeleted(winner, t.get(0));
        heap().markDeleted(winner, t.get(1));
        winner.commit();
        assertTrue(heap().purge(t.get(1))); // purged before the crash; t0's purge is lost

        TestTx loser = new TestTx();
        heap().markDeleted(loser, t.get(2));

        TestTx rolledBack = new TestTx();
        heap().markDeleted(rolledBack, t.get(3));
        rolledBack.rollback();

        Recovery.Analysis a = crashAndRecover();

        assertEquals(List.of(new PendingDelete(REL, t.get(0))), a.pendingDeletes());
        assertTrue(heap().fetch(t.get(0)).deletePending());
        assertArrayEquals(row("row0"), heap().get(t.get(0)));
        assertNull(heap().get(t.get(1)), "the purge was redone");
        assertFalse(heap().fetch(t.get(2)).deletePending(), "the loser's mark is undone");
        assertFalse(heap().fetch(t.get(3)).deletePending());
        assertFalse(heap().fetch(t.get(4)).deletePending());
        // the lead purges the reported ones once index entries are gone
        assertTrue(heap().purge(t.get(0)));
        assertNull(heap().get(t.get(0)));
        assertTrue(crashAndRecover().pendingDeletes().isEmpty());
        assertArrayEquals(row("row2"), heap().get(t.get(2)));
    }

    @Test
    void marksBeforeTheCheckpointAreFoundThroughItsList() {
        TestTx setup = new TestTx();
        Tid a = heap().insert(setup, row("a"));
        Tid b = heap().insert(setup, row("b"));
        setup.commit();
        TestTx winner = new TestTx();
        heap().markDeleted(winner, a);
        heap().markDeleted(winner, b);
        winner.commit();
        heap().purge(b);
        // the marks are now before the redo point: only the checkpoint's list names a
        checkpointer.checkpoint(ControlFile.State.IN_PRODUCTION);
        TestTx other = new TestTx();
        heap().insert(other, row("c"));
        other.commit();

        Recovery.Analysis first = crashAndRecover();
        assertEquals(Set.of(a), tids(first.pendingDeletes()));
        // still reported after a clean restart that was never purged: the heap remembers it
        checkpointer.checkpoint(ControlFile.State.SHUT_DOWN);
        Recovery.Analysis second = crashAndRecover();
        assertEquals(Set.of(a), tids(second.pendingDeletes()));
    }

    @Test
    void loserMarkBeforeTheCheckpointIsUndoneAndNotReported() {
        TestTx setup = new TestTx();
        Tid a = heap().insert(setup, row("a"));
        setup.commit();
        TestTx loser = new TestTx();
        heap().markDeleted(loser, a);
        checkpointer.checkpoint(ControlFile.State.IN_PRODUCTION); // lists a, and the loser as running
        Recovery.Analysis r = crashAndRecover();
        assertEquals(1, r.losers());
        assertTrue(r.pendingDeletes().isEmpty());
        assertFalse(heap().fetch(a).deletePending());
    }

    @Test
    void movedUpdateOfAWinnerLeavesTheOldTidReportedAndALoserRestoresIt() {
        TestTx setup = new TestTx();
        List<Tid> t = new ArrayList<>();
        while (heap().blockCount() < 2) {
            t.add(heap().insert(setup, row("x".repeat(600))));
        }
        setup.commit();
        TestTx winner = new TestTx();
        Tid moved = heap().update(winner, t.get(0), row("w".repeat(3000)));
        winner.commit();
        TestTx loser = new TestTx();
        Tid moved2 = heap().update(loser, t.get(1), row("l".repeat(3000)));

        Recovery.Analysis r = crashAndRecover();
        assertEquals(Set.of(t.get(0)), tids(r.pendingDeletes()));
        assertArrayEquals(row("w".repeat(3000)), heap().get(moved));
        assertNull(heap().get(moved2));
        assertArrayEquals(row("x".repeat(600)), heap().get(t.get(1)));
        assertFalse(heap().fetch(t.get(1)).deletePending());
    }

    @Test
    void largeTuplePurgeIsRedoneWithItsChunks() {
        byte[] big = new byte[25_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 13);
        }
        TestTx setup = new TestTx();
        Tid t = heap().insert(setup, big);
        Tid small = heap().insert(setup, row("small"));
        setup.commit();
        TestTx winner = new TestTx();
        heap().markDeleted(winner, t);
        winner.commit();
        assertTrue(heap().purge(t));
        List<WalRecord.HeapPurge> purges = purgeRecords();
        assertEquals(1 + OverflowTuple.chunkCount(big.length), purges.size(), "head and every chunk");
        assertEquals(new Tid(purges.getLast().block(), purges.getLast().slot()), t, "the head goes last");

        Recovery.Analysis r = crashAndRecover();
        assertTrue(r.pendingDeletes().isEmpty());
        assertNull(heap().get(t));
        for (WalRecord.HeapPurge p : purges) {
            try (PageGuard g = storage.bufferPool().pinShared(REL, p.block())) {
                assertFalse(g.heapPage().isOccupied(p.slot()), "part at " + p.block() + "," + p.slot());
            }
        }
        assertArrayEquals(row("small"), heap().get(small));
    }

    @Test
    void largeTupleMarkOfAWinnerIsReportedAndItsRollbackRestoresIt() {
        byte[] big = new byte[20_000];
        java.util.Arrays.fill(big, (byte) 5);
        TestTx setup = new TestTx();
        Tid kept = heap().insert(setup, big);
        Tid gone = heap().insert(setup, big);
        setup.commit();
        TestTx winner = new TestTx();
        heap().markDeleted(winner, gone);
        winner.commit();
        TestTx loser = new TestTx();
        heap().markDeleted(loser, kept);
        Recovery.Analysis r = crashAndRecover();
        assertEquals(List.of(new PendingDelete(REL, gone)), r.pendingDeletes());
        assertFalse(heap().fetch(kept).deletePending());
        assertArrayEquals(big, heap().get(kept));
        assertTrue(heap().fetch(gone).deletePending());
        assertTrue(heap().purge(gone));
        assertNull(heap().get(gone));
    }

    private List<WalRecord.HeapPurge> purgeRecords() {
        wal.flush(wal.insertLsn());
        List<WalRecord.HeapPurge> out = new ArrayList<>();
        WalReader reader = WalReader.open(dir.resolve("pg_wal"), wal.segments(), 0);
        for (WalEntry e; (e = reader.next()) != null; ) {
            if (e.record() instanceof WalRecord.HeapPurge p) {
                assertEquals(0, e.xid(), "purges are redo-only");
                out.add(p);
            }
        }
        return out;
    }
}
