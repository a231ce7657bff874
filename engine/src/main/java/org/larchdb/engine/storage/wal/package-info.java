/**
 * The write-ahead log: record formats ({@link org.larchdb.engine.storage.wal.WalRecord}), their framing
 * with a CRC32C ({@link org.larchdb.engine.storage.wal.RecordFrame}), the segment files under
 * {@code pg_wal/} written with group commit ({@link org.larchdb.engine.storage.wal.WalWriter}), the
 * reader that replays them and finds a torn tail ({@link org.larchdb.engine.storage.wal.WalReader}) and
 * the control file naming the last checkpoint ({@link org.larchdb.engine.storage.wal.ControlFile}).
 *
 * <p>It knows log bytes and record shapes, not pages or transactions: applying a record to a page
 * (redo), undoing it and deciding when to log are the buffer pool's, heap's and recovery's business
 * (docs/storage.md describes how). Nothing here takes a page latch.
 */
package org.larchdb.engine.storage.wal;
