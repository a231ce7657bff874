package org.larchdb.engine.storage.wal;

/**
 * A record as read back from the log. {@code lsn} is where it starts (what prevLsn chains and
 * undoNextLsn point to); {@code endLsn} where it ends (what page LSNs are stamped with and what
 * {@link WalWriter#flush} must cover). {@code xid} 0 means no transaction, {@code prevLsn} 0 means
 * the transaction's first record.
 */
public record WalEntry(long lsn, long endLsn, long xid, long prevLsn, WalRecord record) {
}
