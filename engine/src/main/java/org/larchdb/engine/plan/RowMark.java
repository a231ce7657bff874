package org.larchdb.engine.plan;

import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.tx.lock.LockMode;
import org.larchdb.engine.tx.lock.WaitPolicy;

/**
 * How a scan locks the rows it returns for writing: the scans under UPDATE/DELETE and SELECT …
 * FOR UPDATE/SHARE. Each candidate row is locked in {@code mode} (waiting as {@code waitPolicy} says),
 * read again, and checked against {@code recheck} (the statement's condition on this table, or
 * null): a row that no longer matches is unlocked at once under READ COMMITTED, like PostgreSQL's
 * re-check of a row updated concurrently. Scans without a mark lock rows in S to read them.
 */
public record RowMark(LockMode mode, WaitPolicy.Kind waitPolicy, Expr recheck) {

    /** The mark of UPDATE (key columns unchanged: FOR NO KEY UPDATE) and DELETE (FOR UPDATE). */
    public static RowMark forWrite(boolean keyChange, Expr recheck) {
        return new RowMark(keyChange ? LockMode.FOR_UPDATE : LockMode.FOR_NO_KEY_UPDATE, WaitPolicy.Kind.WAIT,
                recheck);
    }
}
