/**
 * Page storage: the data directory layout and its lock ({@link org.larchdb.engine.storage.DataDirectory}),
 * relation files of 8 KiB pages, the shared {@link org.larchdb.engine.storage.BufferPool} (pins,
 * content latches, clock sweep), slotted {@link org.larchdb.engine.storage.HeapPage}s and heaps with
 * an in-memory free-space map; tuples larger than a page are split into a head and chunks
 * ({@link org.larchdb.engine.storage.OverflowTuple}) transparently to heap callers. Future WAL, recovery and B+trees build on the page guard and the
 * page LSN field kept here.
 *
 * <p>It knows bytes, not rows: tuples are opaque {@code byte[]} (encoded by the types package), and it
 * knows nothing of transactions, visibility or SQL. See README.md in this directory for the page
 * layout, latching rules and invariants.
 */
package org.larchdb.engine.storage;
