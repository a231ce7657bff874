package org.larchdb.engine.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.storage.Tid;

/**
 * One transaction's queue of foreign-key work that waits for the end of the statement (NO
 * ACTION and RESTRICT checks, CASCADE / SET NULL / SET DEFAULT actions, checks of rows that
 * reference rows of their own statement) or for COMMIT (DEFERRABLE constraints currently
 * deferred). Each item re-reads what it needs when it runs, so work undone since (ROLLBACK TO
 * SAVEPOINT) is found gone and skipped. Used by the session's thread only.
 */
public final class ForeignKeyChecks {
    /** Work queued by a row change. */
    sealed interface Pending {
        ConstraintInfo constraint();
    }

    /** The referencing row now at {@code tid} of the constraint's table must have its referenced row. */
    record ChildCheck(ConstraintInfo constraint, Tid tid) implements Pending {
    }

    /** A referenced row was deleted ({@code newRow} null) or its key changed: apply the constraint's action. */
    record ParentChange(ConstraintInfo constraint, Object[] oldRow, Object[] newRow) implements Pending {
    }

    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<List<String>> searchPath;
    private final Deque<Pending> statementQueue = new ArrayDeque<>();
    private final List<Pending> deferredQueue = new ArrayList<>();
    /** SET CONSTRAINTS by constraint OID; {@link #allDeferred} for SET CONSTRAINTS ALL (null: as declared). */
    private final Map<Long, Boolean> deferredByOid = new HashMap<>();
    private Boolean allDeferred;

    public ForeignKeyChecks(Supplier<CatalogSnapshot> catalog, Supplier<List<String>> searchPath) {
        this.catalog = catalog;
        this.searchPath = searchPath;
    }

    CatalogSnapshot snapshot() {
        return catalog.get();
    }

    List<String> searchPath() {
        return searchPath.get();
    }

    /** Whether the constraint is checked at COMMIT now (DEFERRABLE, deferred by declaration or SET CONSTRAINTS). */
    boolean deferred(ConstraintInfo c) {
        if (c.foreignKey() == null || !c.foreignKey().deferrable()) {
            return false;
        }
        Boolean byOid = deferredByOid.get(c.oid());
        if (byOid != null) {
            return byOid;
        }
        return allDeferred != null ? allDeferred : c.foreignKey().initiallyDeferred();
    }

    void atStatementEnd(Pending p) {
        statementQueue.add(p);
    }

    void atCommit(Pending p) {
        deferredQueue.add(p);
    }

    /**
     * The statement failed: its actions must not run later (a CASCADE for a delete the failure
     * undid). Deferred checks stay: they only re-check, and find undone work gone.
     */
    public void discardStatement() {
        statementQueue.clear();
    }

    /** Whether anything waits for the statement's end or the commit. */
    public boolean isEmpty() {
        return statementQueue.isEmpty() && deferredQueue.isEmpty();
    }

    /**
     * The statement's end: runs its queued work, including what that work queues in turn (a
     * cascade reaching further tables). Throws the first violation.
     */
    public void endStatement(ExecContext ctx) {
        Pending p;
        while ((p = statementQueue.poll()) != null) {
            ForeignKeys.run(p, this, ctx);
        }
    }

    /** Before COMMIT (or at the end of an implicit transaction): the statement's work, then the deferred checks. */
    public void beforeCommit(ExecContext ctx) {
        endStatement(ctx);
        runDeferred(ctx, null);
    }

    /**
     * SET CONSTRAINTS {ALL | oids} {DEFERRED | IMMEDIATE}: constraints made immediate have their
     * queued checks run now, as in PostgreSQL.
     */
    public void setConstraints(List<Long> oids, boolean deferred, ExecContext ctx) {
        if (oids == null) {
            allDeferred = deferred;
            deferredByOid.clear();
        } else {
            oids.forEach(oid -> deferredByOid.put(oid, deferred));
        }
        if (!deferred) {
            runDeferred(ctx, oids);
        }
    }

    private void runDeferred(ExecContext ctx, List<Long> only) {
        List<Pending> now = new ArrayList<>();
        deferredQueue.removeIf(p -> {
            if (only == null || only.contains(p.constraint().oid())) {
                now.add(p);
                return true;
            }
            return false;
        });
        for (Pending p : now) {
            ForeignKeys.run(p, this, ctx);
        }
        endStatement(ctx);
    }
}
