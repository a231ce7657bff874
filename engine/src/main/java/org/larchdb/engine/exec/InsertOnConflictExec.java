package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.InsertOnConflictNode;
import org.larchdb.engine.plan.OnConflict;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.storage.btree.BTreeCursor;
import org.larchdb.engine.storage.btree.IndexEntry;
import org.larchdb.engine.tx.TransactionLocks;
import org.larchdb.engine.tx.lock.LockMode;
import org.larchdb.engine.tx.lock.LockTarget;
import org.larchdb.engine.tx.lock.WaitPolicy;
import org.larchdb.engine.types.TupleCodec;

/**
 * Runs INSERT … ON CONFLICT. For each proposed row it first locks X each arbiter key (the lock every
 * inserter and deleter of that key takes, tx/lock/README.md), so a concurrent inserter of the same
 * key is waited for; only then does it look the key up. (The key lock is taken through
 * {@link TransactionLocks#lockGap}, which reports whether it was new, so it can be given back.) With no live row there, the insert cannot
 * meet a conflict on an arbiter (nobody else can add the key while the lock is held), so ON
 * CONFLICT never raises a spurious 23505. With one, DO NOTHING skips the row, and DO UPDATE locks
 * the existing row FOR UPDATE, reads it again (starting over if it is gone or lost the key
 * meanwhile), checks the WHERE and updates it.
 */
public final class InsertOnConflictExec {
    private final RelationInfo table;
    private final OnConflict onConflict;
    private final ExecContext ctx;
    private final HeapFile heap;
    private final TupleCodec codec;
    private final TableWriter writer;
    private final TransactionLocks locks;
    private final List<IndexKeys> arbiters = new ArrayList<>();
    private final List<BTree> trees = new ArrayList<>();
    /** Arbiter keys of the rows this statement inserted or updated: a second hit on one is 21000. */
    private final Set<String> touched = new HashSet<>();

    private record Conflict(Tid tid, String key) {
    }

    private InsertOnConflictExec(InsertOnConflictNode node, ExecContext ctx) {
        this.table = node.target();
        this.onConflict = node.onConflict();
        this.ctx = ctx;
        this.heap = ctx.heap(table);
        this.codec = new TupleCodec(table.columnTypes());
        this.writer = new TableWriter(table, ctx);
        this.locks = ctx.locks();
        for (IndexInfo index : onConflict.arbiters()) {
            arbiters.add(new IndexKeys(table, index));
            trees.add(ctx.btree(index));
        }
    }

    public static long run(InsertOnConflictNode node, ExecContext ctx, Consumer<Object[]> stored) {
        InsertOnConflictExec exec = new InsertOnConflictExec(node, ctx);
        long count = 0;
        try (RowSource source = node.source().open(ctx)) {
            Object[] row;
            while ((row = source.next()) != null) {
                Object[] result = exec.propose(row);
                if (result != null) {
                    stored.accept(result);
                    count++;
                }
            }
        }
        return count;
    }

    /** Inserts {@code row} or resolves its conflict; the row as stored, or null when nothing changed. */
    private Object[] propose(Object[] row) {
        // As in PostgreSQL, the row's own constraints are checked before any conflict is looked for.
        RowChecks.checkNotNull(table, row, ctx);
        RowChecks.checkConstraints(table, row, ctx);
        while (true) {
            Conflict conflict = findConflict(row);
            if (conflict == null) {
                writer.insert(row);
                remember(row);
                return row;
            }
            if (!onConflict.doUpdate()) {
                return null;
            }
            if (touched.contains(conflict.key())) {
                throw new DbException(SqlState.CARDINALITY_VIOLATION,
                        "ON CONFLICT DO UPDATE command cannot affect row a second time")
                        .withHint("Ensure that no rows proposed for insertion within the same command have "
                                + "duplicate constrained values.");
            }
            Object[] existing = lockExisting(conflict);
            if (existing == null) {
                continue; // deleted or re-keyed while we waited: look again
            }
            Object[] both = new Object[existing.length + row.length];
            System.arraycopy(existing, 0, both, 0, existing.length);
            System.arraycopy(row, 0, both, existing.length, row.length);
            if (onConflict.where() != null && !Evaluator.test(onConflict.where(), both, ctx)) {
                return null; // PostgreSQL keeps the row lock in this case too
            }
            List<Expr> exprs = onConflict.newValues();
            Object[] newRow = new Object[exprs.size()];
            for (int i = 0; i < newRow.length; i++) {
                newRow[i] = Evaluator.eval(exprs.get(i), both, ctx);
            }
            if (!writer.update(conflict.tid(), existing, newRow)) {
                continue;
            }
            remember(newRow);
            return newRow;
        }
    }

    /**
     * The live row holding one of {@code row}'s arbiter keys, or null. Each key is locked X first:
     * whoever else inserts or removes it is waited for. With no conflict the locks are kept (the
     * insert that follows needs them to the end anyway). With one, READ COMMITTED gives back the
     * key locks it took here: the row found is what matters now, and it is locked on its own
     * (DO UPDATE) or merely seen (DO NOTHING), as in PostgreSQL, so a key that merely exists does
     * not block other transactions until this one ends.
     */
    private Conflict findConflict(Object[] row) {
        List<LockTarget> taken = new ArrayList<>();
        for (int i = 0; i < arbiters.size(); i++) {
            IndexKeys keys = arbiters.get(i);
            if (keys.hasNull(row)) {
                continue; // NULLs never conflict
            }
            byte[] key = keys.key(row);
            LockTarget newlyLocked = locks.lockGap(keys.index().oid(), key);
            if (newlyLocked != null) {
                taken.add(newlyLocked);
            }
            try (BTreeCursor cursor = trees.get(i).scan(key, true, key, true, false)) {
                IndexEntry e;
                while ((e = cursor.next()) != null) {
                    if (current(e.tid(), keys, key) != null) {
                        if (!locks.isolation().keepsReadLocks()) {
                            taken.forEach(locks::unlockGap);
                        }
                        return new Conflict(e.tid(), keyName(keys, key));
                    }
                }
            }
        }
        return null;
    }

    /** The row at {@code tid} if it is live and still has {@code key}, else null. */
    private Object[] current(Tid tid, IndexKeys keys, byte[] key) {
        HeapFile.Fetched f = heap.fetch(tid);
        if (f == null || f.deletePending()) {
            return null;
        }
        Object[] values = codec.decode(f.tuple());
        return Arrays.equals(keys.key(values), key) ? values : null;
    }

    /** Locks the conflicting row FOR UPDATE and reads it again; null (lock given back) when it changed. */
    private Object[] lockExisting(Conflict conflict) {
        long oid = table.oid();
        boolean had = locks.holdsRow(oid, conflict.tid(), LockMode.FOR_UPDATE);
        locks.lockRow(oid, conflict.tid(), LockMode.FOR_UPDATE, WaitPolicy.Kind.WAIT);
        HeapFile.Fetched f = heap.fetch(conflict.tid());
        Object[] values = f == null || f.deletePending() ? null : codec.decode(f.tuple());
        if (values != null && !stillConflicts(values, conflict.key())) {
            values = null;
        }
        if (values == null && !had) {
            locks.unlockUnchangedRow(oid, conflict.tid(), LockMode.FOR_UPDATE);
        }
        return values;
    }

    private boolean stillConflicts(Object[] values, String key) {
        for (IndexKeys keys : arbiters) {
            if (!keys.hasNull(values) && keyName(keys, keys.key(values)).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private void remember(Object[] row) {
        for (IndexKeys keys : arbiters) {
            if (!keys.hasNull(row)) {
                touched.add(keyName(keys, keys.key(row)));
            }
        }
    }

    private static String keyName(IndexKeys keys, byte[] key) {
        return keys.index().oid() + ":" + HexFormat.of().formatHex(key);
    }
}
