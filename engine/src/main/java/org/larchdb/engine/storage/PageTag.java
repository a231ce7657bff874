package org.larchdb.engine.storage;

/** Names one page on disk: a relation file and a block number in it (PostgreSQL's BufferTag). */
public record PageTag(int relfilenode, int block) {
}
