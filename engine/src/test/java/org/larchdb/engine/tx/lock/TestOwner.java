package org.larchdb.engine.tx.lock;

import java.util.concurrent.atomic.AtomicReference;
import org.larchdb.engine.error.DbException;

/** A transaction handle for tests: pid = 1000 + xid, a statement text and a settable cancel. */
record TestOwner(long transactionId, int pid, String statement, AtomicReference<DbException> cancel)
    implements LockOwner {

    TestOwner(long xid) {
        this(xid, (int) (1000 + xid), "UPDATE accounts SET balance = 0 WHERE id = " + xid, new AtomicReference<>());
    }

    @Override
    public DbException pendingCancel() {
        return cancel.get();
    }
}
