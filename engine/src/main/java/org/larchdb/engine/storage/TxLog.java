package org.larchdb.engine.storage;

import org.larchdb.engine.storage.wal.WalPosition;
import org.larchdb.engine.storage.wal.WalRecord;
import org.larchdb.engine.storage.wal.WalWriter;

/**
 * The logging context of a change (docs/storage.md §6): appends a record of one transaction with
 * {@code prevLsn} = its previous record, so the records form the transaction's undo chain. Access
 * methods call it under the page latch, after the change and before stamping the page LSN.
 * Implemented by {@code tx.Transaction}; {@link #NONE} logs redo-only records (xid 0).
 */
public interface TxLog {

    /** Logs outside any transaction: the record is redone, never undone. */
    TxLog NONE = (wal, record) -> wal == null ? new WalPosition(0, 0) : wal.insert(0, 0, record);

    /**
     * Appends {@code record} to {@code wal} in this transaction's chain and returns its position;
     * with no WAL (a pool without log) the record is only remembered for runtime undo and (0, 0) is
     * returned.
     */
    WalPosition log(WalWriter wal, WalRecord record);
}
