package org.larchdb.engine.tx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.storage.btree.BTree;
import java.util.function.Predicate;

/**
 * One transaction's changes. Every heap change (user tables and system catalogs alike) goes
 * through here and leaves an undo record, so ROLLBACK — and the rollback of a failed statement in
 * autocommit — restores the heaps exactly; work that must wait for the outcome (deleting a dropped
 * relation's file, reloading the catalog) is registered as a commit or rollback action.
 *
 * <p>This is the foundation's transaction: atomic, but without isolation (no locks yet: other
 * sessions can see uncommitted rows). The transactions issue adds the lock manager on top; the undo
 * log stays.
 */
public final class Transaction {

    private sealed interface Undo permits Inserted, Deleted, Updated, IndexInserted, IndexDeleted {
    }

    /** An index entry added; {@code heapRelfilenode} names the heap its tid points into. */
    private record IndexInserted(BTree tree, int heapRelfilenode, byte[] key, Tid tid) implements Undo {
    }

    private record IndexDeleted(BTree tree, int heapRelfilenode, byte[] key, Tid tid) implements Undo {
    }

    private record Inserted(HeapFile heap, Tid tid) implements Undo {
    }

    private record Deleted(HeapFile heap, Tid tid, byte[] oldTuple) implements Undo {
    }

    private record Updated(HeapFile heap, Tid oldTid, Tid newTid, byte[] oldTuple) implements Undo {
    }

    private record TidKey(int relfilenode, Tid tid) {
    }

    private final long id;
    private final Deque<Undo> undo = new ArrayDeque<>();
    private final List<Runnable> onCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();
    private boolean finished;

    public Transaction(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    /** Whether the transaction changed anything. */
    public boolean hasChanges() {
        return !undo.isEmpty() || !onCommit.isEmpty() || !onRollback.isEmpty();
    }

    public Tid insert(HeapFile heap, byte[] tuple) {
        Tid tid = heap.insert(tuple);
        undo.push(new Inserted(heap, tid));
        return tid;
    }

    /** Deletes the tuple at {@code tid}; false if it was already gone. */
    public boolean delete(HeapFile heap, Tid tid) {
        byte[] old = heap.get(tid);
        if (old == null || !heap.delete(tid)) {
            return false;
        }
        undo.push(new Deleted(heap, tid, old));
        return true;
    }

    /** Replaces the tuple at {@code tid}; returns its (possibly new) tid, or null if it was gone. */
    public Tid update(HeapFile heap, Tid tid, byte[] tuple) {
        byte[] old = heap.get(tid);
        if (old == null) {
            return null;
        }
        Tid newTid = heap.update(tid, tuple);
        undo.push(new Updated(heap, tid, newTid, old));
        return newTid;
    }

    /** Adds an index entry for the heap tuple at {@code tid} of the heap {@code heapRelfilenode}. */
    public void indexInsert(BTree tree, int heapRelfilenode, byte[] key, Tid tid) {
        tree.insert(key, tid);
        undo.push(new IndexInserted(tree, heapRelfilenode, key, tid));
    }

    /**
     * Adds an index entry unless a live entry with an equal key exists; returns that entry's tid
     * (nothing added) or null (added).
     */
    public Tid indexInsertUnique(BTree tree, int heapRelfilenode, byte[] key, Tid tid, Predicate<Tid> isLive) {
        Tid conflict = tree.insertUnique(key, tid, isLive);
        if (conflict == null) {
            undo.push(new IndexInserted(tree, heapRelfilenode, key, tid));
        }
        return conflict;
    }

    /**
     * Removes an index entry. Call it BEFORE the heap change that removes or moves the tuple, so that
     * rollback restores the heap tuple first and re-adds the entry with the tuple's restored tid.
     */
    public void indexDelete(BTree tree, int heapRelfilenode, byte[] key, Tid tid) {
        if (tree.delete(key, tid)) {
            undo.push(new IndexDeleted(tree, heapRelfilenode, key, tid));
        }
    }

    /** Runs when the transaction commits (e.g. remove the file of a dropped table). */
    public void onCommit(Runnable action) {
        onCommit.add(action);
    }

    /** Runs after the heaps were restored on rollback (e.g. remove the file of a created table). */
    public void onRollback(Runnable action) {
        onRollback.add(action);
    }

    public void commit() {
        if (finished) {
            return;
        }
        finished = true;
        undo.clear();
        for (Runnable r : onCommit) {
            r.run();
        }
    }

    /**
     * Undoes every change, newest first. A tuple restored by re-insertion may land at another tid;
     * older undo records that name the old tid are translated through {@code moved}.
     */
    public void rollback() {
        if (finished) {
            return;
        }
        finished = true;
        Map<TidKey, Tid> moved = new HashMap<>();
        while (!undo.isEmpty()) {
            Undo u = undo.pop();
            switch (u) {
                case Inserted(HeapFile heap, Tid tid) -> heap.delete(current(moved, heap, tid));
                case Deleted(HeapFile heap, Tid tid, byte[] oldTuple) -> {
                    Tid restored = heap.insert(oldTuple);
                    moved.put(new TidKey(heap.relfilenode(), tid), restored);
                }
                case Updated(HeapFile heap, Tid oldTid, Tid newTid, byte[] oldTuple) -> {
                    Tid at = current(moved, heap, newTid);
                    Tid restored = heap.update(at, oldTuple);
                    moved.put(new TidKey(heap.relfilenode(), oldTid), restored);
                }
                case IndexInserted(BTree tree, int heapRel, byte[] key, Tid tid) ->
                        tree.delete(key, current(moved, heapRel, tid));
                case IndexDeleted(BTree tree, int heapRel, byte[] key, Tid tid) ->
                        tree.insert(key, current(moved, heapRel, tid));
            }
        }
        for (Runnable r : onRollback) {
            r.run();
        }
    }

    private static Tid current(Map<TidKey, Tid> moved, HeapFile heap, Tid tid) {
        return current(moved, heap.relfilenode(), tid);
    }

    private static Tid current(Map<TidKey, Tid> moved, int heapRelfilenode, Tid tid) {
        Tid t = moved.get(new TidKey(heapRelfilenode, tid));
        return t != null ? t : tid;
    }
}
