/**
 * Transactions: the undo log that makes a transaction atomic, and (in the transactions issue)
 * the lock manager. Owns no storage format: it drives {@link org.larchdb.engine.storage.HeapFile}.
 */
package org.larchdb.engine.tx;
