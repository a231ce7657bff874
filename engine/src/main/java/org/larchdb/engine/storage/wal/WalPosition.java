package org.larchdb.engine.storage.wal;

/**
 * Where an appended record landed: {@code start} for the transaction's prevLsn chain, {@code end}
 * for the page LSN and the flush that makes the record durable.
 */
public record WalPosition(long start, long end) {
}
