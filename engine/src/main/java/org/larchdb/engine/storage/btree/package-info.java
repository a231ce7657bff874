/**
 * B+tree indexes stored in relation files through the shared buffer pool: {@link
 * org.larchdb.engine.storage.btree.BTree} (insert, unique insert, delete, range scans with
 * {@link org.larchdb.engine.storage.btree.BTreeCursor}) over byte-string keys from
 * {@code types.KeyEncoder} and heap tids, and {@link org.larchdb.engine.storage.btree.BTreeCheck},
 * a structural checker. Design and latching rules: README.md in this directory.
 */
package org.larchdb.engine.storage.btree;
