package org.larchdb.engine.storage;

/**
 * A tuple whose deletion is pending (marked by {@link HeapFile#markDeleted}, not yet purged).
 * Recovery reports the ones left by committed transactions, whose purge the crash prevented; the
 * caller removes their index entries and then calls {@link HeapFile#purge}.
 */
public record PendingDelete(int relfilenode, Tid tid) {
}
