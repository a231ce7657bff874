package org.larchdb.engine.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.storage.DataDirectory;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.Storage;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.storage.wal.WalOptions;
import org.larchdb.engine.storage.wal.WalWriter;

/** Rollback through the logged records (the undo function recovery uses), with and without a WAL. */
class TransactionTest {
    static final int REL = 20000;

    @TempDir
    Path dir;

    @BeforeEach
    void create() {
        DataDirectory.create(dir);
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    @Test
    void rollbackRestoresALargeTupleWhoseChunkSlotsWereReused() {
        for (boolean withWal : new boolean[] {false, true}) {
            try (WalWriter wal = withWal ? WalWriter.open(dir.resolve("pg_wal" + REL), WalOptions.defaults()) : null;
                 Storage storage = Storage.open(dir, 64, new SimpleMeterRegistry(), wal)) {
                int rel = REL + (withWal ? 1 : 0);
                storage.createRelation(rel);
                HeapFile heap = storage.heap(rel);
                byte[] large = bytes(40_000, 3);
                Transaction setup = new Transaction(1, storage);
                Tid tid = setup.insert(heap, large);
                setup.commit();
                Transaction deleter = new Transaction(2, storage);
                assertTrue(deleter.delete(heap, tid));
                // Another transaction takes the freed slots (no row locks yet, so it may).
                Transaction other = new Transaction(3, storage);
                List<Tid> taken = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    taken.add(other.insert(heap, bytes(100, i)));
                }
                other.commit();
                assertTrue(taken.stream().anyMatch(t -> t.slot() == 0), "a chunk slot was reused: " + taken);
                deleter.rollback();
                // The head may have moved too (its slot reused): find the restored tuple by scanning.
                byte[] back = null;
                int count = 0;
                try (var scan = heap.scan()) {
                    while (scan.next()) {
                        count++;
                        if (scan.tuple().length == large.length) {
                            back = scan.tuple();
                        }
                    }
                }
                assertEquals(21, count);
                assertArrayEquals(large, back, "with WAL: " + withWal);
                for (int i = 0; i < taken.size(); i++) {
                    assertArrayEquals(bytes(100, i), heap.get(taken.get(i)));
                }
            }
        }
    }

    @Test
    void rollbackUndoesCreatedFilesAndCommitDropsFiles() {
        try (WalWriter wal = WalWriter.open(dir.resolve("pg_wal"), WalOptions.defaults());
             Storage storage = Storage.open(dir, 16, new SimpleMeterRegistry(), wal)) {
            Transaction create = new Transaction(1, storage);
            create.createRelation(REL);
            create.insert(storage.heap(REL), bytes(10, 1));
            assertTrue(storage.relationExists(REL));
            create.rollback();
            assertFalse(storage.relationExists(REL));
            Transaction keep = new Transaction(2, storage);
            keep.createRelation(REL + 1);
            keep.commit();
            Transaction drop = new Transaction(3, storage);
            drop.dropRelationOnCommit(REL + 1);
            assertTrue(storage.relationExists(REL + 1));
            drop.commit();
            assertFalse(storage.relationExists(REL + 1));
            assertEquals(wal.insertLsn(), wal.flushedLsn(), "a commit that drops files is durable first");
        }
    }
}
