/**
 * The heavyweight lock manager (strict two-phase locking): lock targets, modes and their one
 * conflict table, wait queues, deadlock detection, escalation and the pg_locks snapshot. It knows
 * OIDs and transaction ids only: it must not call the catalog or storage (names for messages come
 * through {@link org.larchdb.engine.tx.lock.LockNameResolver}), and it never decides what to lock
 * — the executor and sessions do, following README.md.
 */
package org.larchdb.engine.tx.lock;
