package org.larchdb.engine.exec;

import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.plan.RowMark;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.tx.IsolationLevel;
import org.larchdb.engine.tx.TransactionLocks;
import org.larchdb.engine.tx.lock.LockMode;
import org.larchdb.engine.types.TupleCodec;

/**
 * The row-locking half of a scan (strict 2PL, tx/lock/README.md). A row's bytes seen by the scan
 * are not trusted until the row is locked: {@link #lock} takes the lock (waiting for a writer to
 * end), reads the row again and returns its current values, or null when it is gone, deleted, or
 * (for a write scan) no longer matches. Scans of system catalogs take no locks: DDL is serialised
 * by its own lock and catalog readers use the in-memory catalog.
 */
final class RowLocking {
    /** OIDs below this belong to the system catalogs (PostgreSQL's FirstNormalObjectId). */
    private static final long FIRST_USER_OID = 16384;

    private final ExecContext ctx;
    private final TransactionLocks locks;
    private final RelationInfo table;
    private final HeapFile heap;
    private final TupleCodec codec;
    private final RowMark mark;
    /** A relation lock already keeps every writer out: rows need no lock of their own. */
    private boolean covered;

    private RowLocking(ExecContext ctx, RelationInfo table, HeapFile heap, TupleCodec codec, RowMark mark) {
        this.ctx = ctx;
        this.table = table;
        this.heap = heap;
        this.codec = codec;
        this.mark = mark;
        this.locks = table.oid() < FIRST_USER_OID ? null : ctx.locks();
    }

    /**
     * For a sequential scan: a plain read tries (SERIALIZABLE: waits for) S on the whole table
     * first; a write scan locks rows only, plus that S under SERIALIZABLE.
     */
    static RowLocking forSeqScan(ExecContext ctx, RelationInfo table, HeapFile heap, TupleCodec codec, RowMark mark) {
        RowLocking r = new RowLocking(ctx, table, heap, codec, mark);
        if (r.locks == null) {
            return r;
        }
        if (mark == null) {
            r.covered = r.locks.lockRelationForScan(table.oid());
        } else if (r.locks.isolation() == IsolationLevel.SERIALIZABLE) {
            r.locks.lockRelationForScan(table.oid()); // the range read; rows are still locked for writing
        } else {
            r.locks.lockRelation(table.oid(), LockMode.IX); // rows are locked one by one
        }
        return r;
    }

    /** For an index scan: intention lock on the table, row locks for each row. */
    static RowLocking forIndexScan(ExecContext ctx, RelationInfo table, HeapFile heap, TupleCodec codec, RowMark mark) {
        RowLocking r = new RowLocking(ctx, table, heap, codec, mark);
        if (r.locks != null) {
            r.locks.lockRelation(table.oid(), mark == null ? LockMode.IS : LockMode.IX);
        }
        return r;
    }

    /** Whether this scan locks anything (false for system catalogs). */
    boolean active() {
        return locks != null;
    }

    TransactionLocks locks() {
        return locks;
    }

    /**
     * The current values of the row at {@code tid} once locked, or null to skip it. {@code seen}
     * is what the scan read without a lock (null: nothing yet): used as is when a table lock
     * covers the row.
     */
    Object[] lock(Tid tid, byte[] seen, boolean seenDeletePending) {
        if (locks == null || covered) {
            if (seen == null) {
                HeapFile.Fetched f = heap.fetch(tid);
                if (f == null) {
                    return null;
                }
                seen = f.tuple();
                seenDeletePending = f.deletePending();
            }
            return seenDeletePending ? null : codec.decode(seen);
        }
        LockMode mode = mark == null ? LockMode.S : mark.mode();
        boolean had = locks.holdsRow(table.oid(), tid, mode);
        if (!locks.lockRow(table.oid(), tid, mode, mark == null ? null : mark.waitPolicy())) {
            return null; // SKIP LOCKED
        }
        HeapFile.Fetched current = heap.fetch(tid);
        if (current == null || current.deletePending()) {
            // Gone (a deleter committed, an inserter rolled back) or deleted by this transaction.
            if (!had) {
                release(tid, mode);
            }
            return null;
        }
        Object[] row = codec.decode(current.tuple());
        if (mark != null && mark.recheck() != null && !Evaluator.test(mark.recheck(), row, ctx)) {
            if (!had) {
                locks.unlockUnchangedRow(table.oid(), tid, mode);
            }
            return null;
        }
        lastNewlyLocked = !had;
        return row;
    }

    /** Whether the row {@link #lock} returned last was not locked by this transaction before. */
    private boolean lastNewlyLocked;

    /** Gives back the lock of a row the scan just locked but will not return (a stale index entry). */
    void skip(Tid tid) {
        if (locks != null && !covered && lastNewlyLocked) {
            release(tid, mark == null ? LockMode.S : mark.mode());
        }
    }

    private void release(Tid tid, LockMode mode) {
        if (mode == LockMode.S) {
            locks.forgetRow(table.oid(), tid);
        } else {
            locks.unlockUnchangedRow(table.oid(), tid, mode);
        }
    }
}
