package org.larchdb.engine.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.ForeignKeyInfo;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.plan.RowMark;
import org.larchdb.engine.sql.ColumnDefaults;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.storage.btree.BTreeCursor;
import org.larchdb.engine.storage.btree.IndexEntry;
import org.larchdb.engine.tx.TransactionLocks;
import org.larchdb.engine.tx.lock.LockMode;
import org.larchdb.engine.tx.lock.WaitPolicy;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.Comparisons;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TupleCodec;

/**
 * FOREIGN KEY enforcement for the writes of one table ({@link TableWriter} calls it), both ways:
 * <ul>
 *   <li>as the referencing table: a new or changed key must be present in the referenced table.
 *       The referenced row is found through the referenced table's unique index (conindid) and
 *       locked FOR KEY SHARE <em>before</em> the referencing row is stored, so a concurrent
 *       deleter of that row (FOR UPDATE) and this writer wait for one another: either the delete
 *       commits first and this writer finds the row gone (23503), or this writer commits first
 *       and the deleter's check finds the new referencing row. No orphan either way.</li>
 *   <li>as the referenced table: a deleted row or changed key queues the constraint's action for
 *       the statement's end (NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT), or for COMMIT
 *       when a NO ACTION constraint is deferred ({@link ForeignKeyChecks}).</li>
 * </ul>
 * Referencing rows are found by a sequential scan of the referencing table that locks each row
 * (FOR KEY SHARE to check, FOR UPDATE to change it) and reads it again before judging it.
 */
final class ForeignKeys {
    private final RelationInfo table;
    private final ExecContext ctx;
    private final ForeignKeyChecks checks;
    private final List<ConstraintInfo> outgoing;
    private final List<ConstraintInfo> incoming;

    private ForeignKeys(RelationInfo table, ExecContext ctx, ForeignKeyChecks checks, List<ConstraintInfo> outgoing,
                        List<ConstraintInfo> incoming) {
        this.table = table;
        this.ctx = ctx;
        this.checks = checks;
        this.outgoing = outgoing;
        this.incoming = incoming;
    }

    /** The enforcement for writes of {@code table}, or null when no foreign key involves it. */
    static ForeignKeys of(RelationInfo table, ExecContext ctx) {
        ForeignKeyChecks checks = ctx.foreignKeyChecks();
        if (checks == null || table.isSystem()) {
            return null;
        }
        List<ConstraintInfo> outgoing = table.foreignKeys();
        List<ConstraintInfo> incoming = checks.snapshot().referencingForeignKeys(table.oid());
        if (outgoing.isEmpty() && incoming.isEmpty()) {
            return null;
        }
        return new ForeignKeys(table, ctx, checks, outgoing, incoming);
    }

    // ---- this table references others

    /**
     * Before {@code newRow} is stored (an insert when {@code oldRow} is null): each foreign key whose
     * columns changed must find its referenced row, which stays locked FOR KEY SHARE. Returns the
     * constraints to check once the row is stored: deferred ones, and self-references whose row
     * may come later in the same statement.
     */
    List<ConstraintInfo> checkReferenced(Object[] oldRow, Object[] newRow) {
        List<ConstraintInfo> later = null;
        for (ConstraintInfo fk : outgoing) {
            if (oldRow != null && sameValues(fk.attnums(), oldRow, newRow)) {
                continue; // PostgreSQL skips the check when the key did not change
            }
            Object[] key = values(newRow, fk.attnums());
            if (!mustCheck(fk, key, table, newRow)) {
                continue;
            }
            boolean deferred = checks.deferred(fk);
            if (deferred || !referencedRowExists(fk, key, types(table, fk.attnums()), ctx, checks.snapshot())) {
                if (!deferred && fk.foreignKey().referencedTableOid() != table.oid()) {
                    throw notPresent(fk, table, newRow, checks.snapshot(), ctx);
                }
                if (later == null) {
                    later = new ArrayList<>();
                }
                later.add(fk);
            }
        }
        return later == null ? List.of() : later;
    }

    /** The row is stored at {@code tid}: queues the checks {@link #checkReferenced} left for later. */
    void afterStored(List<ConstraintInfo> later, Tid tid) {
        for (ConstraintInfo fk : later) {
            ForeignKeyChecks.ChildCheck check = new ForeignKeyChecks.ChildCheck(fk, tid);
            if (checks.deferred(fk)) {
                checks.atCommit(check);
            } else {
                checks.atStatementEnd(check);
            }
        }
    }

    // ---- others reference this table

    /** A row of this table was deleted ({@code newRow} null) or updated: queues the actions of changed keys. */
    void referencedRowChanged(Object[] oldRow, Object[] newRow) {
        for (ConstraintInfo fk : incoming) {
            List<Integer> referenced = fk.foreignKey().referencedAttnums();
            if (Arrays.stream(values(oldRow, referenced)).anyMatch(Objects::isNull)) {
                continue; // a key with a NULL is referenced by nobody
            }
            if (newRow != null && sameValues(referenced, oldRow, newRow)) {
                continue;
            }
            ForeignKeyChecks.ParentChange change = new ForeignKeyChecks.ParentChange(fk, oldRow, newRow);
            char action = newRow == null ? fk.foreignKey().deleteAction() : fk.foreignKey().updateAction();
            if (action == ForeignKeyInfo.NO_ACTION && checks.deferred(fk)) {
                checks.atCommit(change);
            } else {
                checks.atStatementEnd(change);
            }
        }
    }

    // ---- queued work

    /** Runs one queued item; the constraint or tables may have been dropped since (then nothing to do). */
    static void run(ForeignKeyChecks.Pending pending, ForeignKeyChecks checks, ExecContext ctx) {
        CatalogSnapshot snapshot = checks.snapshot();
        RelationInfo child = snapshot.relation(pending.constraint().tableOid());
        ConstraintInfo fk = child == null ? null : child.constraint(pending.constraint().name());
        if (fk == null || fk.oid() != pending.constraint().oid()) {
            return;
        }
        RelationInfo parent = snapshot.relation(fk.foreignKey().referencedTableOid());
        if (parent == null) {
            return;
        }
        switch (pending) {
            case ForeignKeyChecks.ChildCheck c -> {
                HeapFile.Fetched f = ctx.heap(child).fetch(c.tid());
                if (f == null || f.deletePending()) {
                    return; // gone since (deleted, or rolled back to a savepoint)
                }
                Object[] row = new TupleCodec(child.columnTypes()).decode(f.tuple());
                Object[] key = values(row, fk.attnums());
                if (mustCheck(fk, key, child, row)
                        && !referencedRowExists(fk, key, types(child, fk.attnums()), ctx, snapshot)) {
                    throw notPresent(fk, child, row, snapshot, ctx);
                }
            }
            case ForeignKeyChecks.ParentChange p -> parentChanged(fk, child, parent, p, checks, ctx);
        }
    }

    private static void parentChanged(ConstraintInfo fk, RelationInfo child, RelationInfo parent,
                                      ForeignKeyChecks.ParentChange change, ForeignKeyChecks checks,
                                      ExecContext ctx) {
        ForeignKeyInfo info = fk.foreignKey();
        List<Integer> referenced = info.referencedAttnums();
        Object[] oldKey = values(change.oldRow(), referenced);
        boolean delete = change.newRow() == null;
        char action = delete ? info.deleteAction() : info.updateAction();
        if (action == ForeignKeyInfo.NO_ACTION || action == ForeignKeyInfo.RESTRICT) {
            // NO ACTION lets the statement put an equal key back (PostgreSQL's "PK still present" test).
            if (action == ForeignKeyInfo.NO_ACTION
                    && referencedRowExists(fk, oldKey, types(parent, referenced), ctx, checks.snapshot())) {
                return;
            }
            if (!referencingRows(fk, child, parent, oldKey, LockMode.FOR_KEY_SHARE, true, ctx).isEmpty()) {
                throw stillReferenced(fk, parent, change.oldRow(), child, ctx);
            }
            return;
        }
        List<Object[]> rows = referencingRows(fk, child, parent, oldKey, LockMode.FOR_UPDATE, false, ctx);
        if (rows.isEmpty()) {
            return;
        }
        TableWriter writer = new TableWriter(child, ctx);
        int width = child.columns().size();
        for (Object[] withTid : rows) {
            Tid tid = Tid.fromLong((Long) withTid[width]);
            Object[] old = Arrays.copyOf(withTid, width);
            if (action == ForeignKeyInfo.CASCADE && delete) {
                writer.delete(tid, old);
                continue;
            }
            Object[] updated = old.clone();
            if (action == ForeignKeyInfo.CASCADE) {
                for (int i = 0; i < fk.attnums().size(); i++) {
                    ColumnInfo col = child.columns().get(fk.attnums().get(i) - 1);
                    ColumnInfo from = parent.columns().get(referenced.get(i) - 1);
                    updated[col.attnum() - 1] = convert(change.newRow()[from.attnum() - 1], from.type(), col.type(),
                            ctx);
                }
            } else {
                List<Integer> targets = delete && !info.deleteSetAttnums().isEmpty() ? info.deleteSetAttnums()
                        : fk.attnums();
                for (int attnum : targets) {
                    ColumnInfo col = child.columns().get(attnum - 1);
                    updated[attnum - 1] = action == ForeignKeyInfo.SET_NULL ? null
                            : Evaluator.eval(ColumnDefaults.bind(col, checks.snapshot(), checks.searchPath(),
                                    ctx.textFormat()), updated, ctx);
                }
            }
            writer.update(tid, old, updated);
        }
    }

    // ---- finding rows

    /**
     * Whether the referenced row of {@code key} (values of types {@code keyTypes}, paired with
     * confkey) exists; it is then locked FOR KEY SHARE to the end of the transaction, so nobody
     * deletes it or changes its key meanwhile. Waits for a concurrent writer of that row.
     */
    static boolean referencedRowExists(ConstraintInfo fk, Object[] key, DataType[] keyTypes, ExecContext ctx,
                                       CatalogSnapshot snapshot) {
        RelationInfo parent = snapshot.relation(fk.foreignKey().referencedTableOid());
        IndexInfo index = parent == null ? null : parent.indexes().stream()
                .filter(i -> i.oid() == fk.indexOid()).findFirst().orElse(null);
        if (index == null) {
            return false;
        }
        List<Integer> referenced = fk.foreignKey().referencedAttnums();
        Object[] image = new Object[parent.columns().size()];
        for (int i = 0; i < referenced.size(); i++) {
            ColumnInfo col = parent.columns().get(referenced.get(i) - 1);
            Object v = convert(key[i], keyTypes[i], col.type(), ctx);
            if (v == null) {
                return false; // not representable in the referenced type: no such key there
            }
            image[col.attnum() - 1] = v;
        }
        IndexKeys keys = new IndexKeys(parent, index);
        byte[] wanted = keys.key(image);
        List<Tid> candidates = new ArrayList<>();
        try (BTreeCursor cursor = ctx.btree(index).scan(wanted, true, wanted, true, false)) {
            IndexEntry e;
            while ((e = cursor.next()) != null) {
                candidates.add(e.tid());
            }
        }
        TransactionLocks locks = ctx.locks();
        locks.lockRelation(parent.oid(), LockMode.IS);
        HeapFile heap = ctx.heap(parent);
        TupleCodec codec = new TupleCodec(parent.columnTypes());
        for (Tid tid : candidates) {
            boolean had = locks.holdsRow(parent.oid(), tid, LockMode.FOR_KEY_SHARE);
            locks.lockRow(parent.oid(), tid, LockMode.FOR_KEY_SHARE, WaitPolicy.Kind.WAIT);
            HeapFile.Fetched f = heap.fetch(tid);
            if (f != null && !f.deletePending() && Arrays.equals(keys.key(codec.decode(f.tuple())), wanted)) {
                return true;
            }
            if (!had) {
                locks.unlockUnchangedRow(parent.oid(), tid, LockMode.FOR_KEY_SHARE);
            }
        }
        return false;
    }

    /**
     * The rows of {@code child} referencing {@code parentKey} (values of the referenced columns),
     * each locked in {@code mode} and read again, with its tuple id appended; only the first when
     * {@code first}.
     */
    private static List<Object[]> referencingRows(ConstraintInfo fk, RelationInfo child, RelationInfo parent,
                                                  Object[] parentKey, LockMode mode, boolean first, ExecContext ctx) {
        List<Integer> referenced = fk.foreignKey().referencedAttnums();
        Object[] wanted = new Object[parentKey.length];
        for (int i = 0; i < parentKey.length; i++) {
            DataType childType = child.columns().get(fk.attnums().get(i) - 1).type();
            wanted[i] = convert(parentKey[i], parent.columns().get(referenced.get(i) - 1).type(), childType, ctx);
            if (wanted[i] == null) {
                return List.of();
            }
        }
        HeapFile heap = ctx.heap(child);
        TupleCodec codec = new TupleCodec(child.columnTypes());
        RowLocking locking = RowLocking.forSeqScan(ctx, child, heap, codec,
                new RowMark(mode, WaitPolicy.Kind.WAIT, null));
        int width = child.columns().size();
        List<Object[]> found = new ArrayList<>();
        try (HeapScan scan = heap.scan()) {
            while (scan.next()) {
                ctx.checkInterrupts();
                // Every row is locked before it is judged: an uncommitted change of another
                // transaction (a delete, a key update) may yet roll back to a referencing row.
                Object[] row = locking.lock(scan.tid(), scan.tuple(), scan.deletePending());
                if (row == null) {
                    continue;
                }
                if (!references(fk, child, row, wanted)) {
                    locking.skip(scan.tid());
                    continue;
                }
                Object[] withTid = Arrays.copyOf(row, width + 1);
                withTid[width] = scan.tid().toLong();
                found.add(withTid);
                if (first) {
                    break;
                }
            }
        }
        return found;
    }

    private static boolean references(ConstraintInfo fk, RelationInfo child, Object[] row, Object[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            int attnum = fk.attnums().get(i);
            Object v = row[attnum - 1];
            if (v == null || Comparisons.compare(v, wanted[i], child.columns().get(attnum - 1).type().type()) != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- values and messages

    /**
     * Whether a referencing key must be checked: MATCH SIMPLE passes a key with any NULL, MATCH
     * FULL only an all-NULL one and rejects a mix (23503).
     */
    private static boolean mustCheck(ConstraintInfo fk, Object[] key, RelationInfo child, Object[] row) {
        long nulls = Arrays.stream(key).filter(Objects::isNull).count();
        if (nulls == 0) {
            return true;
        }
        if (fk.foreignKey().matchType() == ForeignKeyInfo.MATCH_FULL && nulls < key.length) {
            throw new DbException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + child.name()
                    + "\" violates foreign key constraint \"" + fk.name() + "\"")
                    .withDetail("MATCH FULL does not allow mixing of null and nonnull key values.");
        }
        return false;
    }

    private static DbException notPresent(ConstraintInfo fk, RelationInfo child, Object[] row,
                                          CatalogSnapshot snapshot, ExecContext ctx) {
        RelationInfo parent = snapshot.relation(fk.foreignKey().referencedTableOid());
        return new DbException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + child.name()
                + "\" violates foreign key constraint \"" + fk.name() + "\"")
                .withDetail("Key " + describe(child, fk.attnums(), row, ctx) + " is not present in table \""
                        + (parent == null ? "?" : parent.name()) + "\".");
    }

    private static DbException stillReferenced(ConstraintInfo fk, RelationInfo parent, Object[] row,
                                               RelationInfo child, ExecContext ctx) {
        return new DbException(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \"" + parent.name()
                + "\" violates foreign key constraint \"" + fk.name() + "\" on table \"" + child.name() + "\"")
                .withDetail("Key " + describe(parent, fk.foreignKey().referencedAttnums(), row, ctx)
                        + " is still referenced from table \"" + child.name() + "\".");
    }

    /** PostgreSQL's key form in these DETAILs: {@code (a, b)=(1, x)}. */
    private static String describe(RelationInfo rel, List<Integer> attnums, Object[] row, ExecContext ctx) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner vals = new StringJoiner(", ", "(", ")");
        for (int attnum : attnums) {
            ColumnInfo c = rel.columns().get(attnum - 1);
            names.add(c.name());
            Object v = row[attnum - 1];
            vals.add(v == null ? "null" : TextCodec.format(v, c.type(), ctx.textFormat()));
        }
        return names + "=" + vals;
    }

    private static Object[] values(Object[] row, List<Integer> attnums) {
        Object[] out = new Object[attnums.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row[attnums.get(i) - 1];
        }
        return out;
    }

    private static DataType[] types(RelationInfo rel, List<Integer> attnums) {
        return attnums.stream().map(a -> rel.columns().get(a - 1).type()).toArray(DataType[]::new);
    }

    /** Binary-equal values (PostgreSQL decides "key changed" by the stored image). */
    private static boolean sameValues(List<Integer> attnums, Object[] a, Object[] b) {
        for (int attnum : attnums) {
            if (!Objects.deepEquals(a[attnum - 1], b[attnum - 1])) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} as the base type of {@code to}, or null when it cannot be one (out of range). */
    private static Object convert(Object value, DataType from, DataType to, ExecContext ctx) {
        if (value == null) {
            return null;
        }
        if (from.type() == to.type()) {
            return value;
        }
        try {
            return Casts.cast(value, from, DataType.of(to.type()), Casts.Context.ASSIGNMENT, ctx.textFormat());
        } catch (DbException e) {
            return null;
        }
    }
}
