package org.larchdb.engine.storage;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.larchdb.engine.storage.btree.BTree;

/**
 * {@link Storage} over relation files in {@code <dataDir>/base/} and one shared {@link BufferPool}.
 * Heaps are cached per relation so their free-space maps live as long as the storage.
 */
public final class PageStorage implements Storage {
    private final RelationFiles files;
    private final BufferPool pool;
    private final ConcurrentHashMap<Integer, SlottedHeapFile> heaps = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, BTree> btrees = new ConcurrentHashMap<>();

    PageStorage(Path dataDir, int sharedBuffers, MeterRegistry registry) {
        this.files = new RelationFiles(dataDir.resolve(DataDirectory.BASE_DIR));
        this.pool = new BufferPool(files, sharedBuffers, registry);
    }

    /** The buffer pool, for access methods beyond the heap (B+trees) and the future WAL. */
    public BufferPool bufferPool() {
        return pool;
    }

    @Override
    public void createRelation(int relfilenode) {
        files.create(relfilenode);
    }

    @Override
    public void dropRelation(int relfilenode) {
        heaps.remove(relfilenode);
        btrees.remove(relfilenode);
        pool.dropRelation(relfilenode);
        files.drop(relfilenode);
    }

    @Override
    public boolean relationExists(int relfilenode) {
        return files.exists(relfilenode);
    }

    @Override
    public HeapFile heap(int relfilenode) {
        SlottedHeapFile heap = heaps.get(relfilenode);
        if (heap != null) {
            return heap;
        }
        files.get(relfilenode); // fails with "could not open file" for a missing relation
        SlottedHeapFile fresh = new SlottedHeapFile(pool, relfilenode);
        SlottedHeapFile raced = heaps.putIfAbsent(relfilenode, fresh);
        return raced != null ? raced : fresh;
    }

    @Override
    public BTree btree(int relfilenode) {
        BTree tree = btrees.get(relfilenode);
        if (tree != null) {
            return tree;
        }
        files.get(relfilenode); // fails with "could not open file" for a missing relation
        BTree fresh = new BTree(pool, relfilenode); // no I/O until first use, so a lost race costs nothing
        BTree raced = btrees.putIfAbsent(relfilenode, fresh);
        return raced != null ? raced : fresh;
    }

    @Override
    public void flushAll() {
        pool.flushAll();
    }

    @Override
    public void close() {
        try {
            pool.flushAll();
        } finally {
            pool.close();
            files.closeAll();
        }
    }
}
