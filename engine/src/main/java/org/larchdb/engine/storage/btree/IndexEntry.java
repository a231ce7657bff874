package org.larchdb.engine.storage.btree;

import org.larchdb.engine.storage.Tid;

/** One index entry: an encoded key (see {@code types.KeyEncoder}) and the heap tuple it points at. */
public record IndexEntry(byte[] key, Tid tid) {
}
