package org.larchdb.engine.exec;

import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.expr.EvalContext;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.tx.Transaction;

/** What operators need at run time beyond expression evaluation: the heaps and the transaction. */
public interface ExecContext extends EvalContext {

    HeapFile heap(RelationInfo relation);

    /** The B+tree of an index. */
    org.larchdb.engine.storage.btree.BTree btree(org.larchdb.engine.catalog.IndexInfo index);

    Transaction transaction();

    /** The running transaction's locks (strict 2PL): scans and writers lock through it. */
    org.larchdb.engine.tx.TransactionLocks locks();

    /** The current rows of a system view (pg_settings), as this session sees them. */
    java.util.List<Object[]> systemViewRows(org.larchdb.engine.sql.SystemView view);

    /**
     * The running transaction's queue of foreign-key checks and actions (TableWriter fills it; the
     * session runs it at the statement's end and at COMMIT); null where rows are written outside a
     * session's statement, which then skips foreign keys.
     */
    default ForeignKeyChecks foreignKeyChecks() {
        return null;
    }

    /**
     * The rows of the working table of a running recursive query ({@code key} identifies the
     * query), which its recursive term reads; only contexts of a recursive term have one.
     */
    default java.util.List<Object[]> workTable(Object key) {
        throw new IllegalStateException("no working table for " + key);
    }
}
