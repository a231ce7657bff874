package org.larchdb.engine.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relation files of a data directory's {@code base/}, one per relfilenode, opened on first
 * use and kept open (PostgreSQL's smgr). Creating and dropping a relation is the caller's to
 * serialise against its other uses (the catalog holds the relation's exclusive lock).
 */
final class RelationFiles {
    private final Path baseDir;
    private final ConcurrentHashMap<Integer, RelationFile> open = new ConcurrentHashMap<>();

    RelationFiles(Path baseDir) {
        if (!Files.isDirectory(baseDir)) {
            throw RelationFile.ioError("could not open directory \"%s\": No such file or directory"
                    .formatted(baseDir), null);
        }
        this.baseDir = baseDir;
    }

    private Path path(int relfilenode) {
        return baseDir.resolve(Integer.toString(relfilenode));
    }

    void create(int relfilenode) {
        try {
            Files.createFile(path(relfilenode));
        } catch (FileAlreadyExistsException e) {
            throw RelationFile.ioError("could not create file \"base/%d\": File exists".formatted(relfilenode), e);
        } catch (IOException e) {
            throw RelationFile.ioError("could not create file \"base/%d\": %s"
                    .formatted(relfilenode, RelationFile.reason(e)), e);
        }
    }

    boolean exists(int relfilenode) {
        return open.containsKey(relfilenode) || Files.exists(path(relfilenode));
    }

    /** The open file of a relation; opening it outside any map lock, since that is I/O. */
    RelationFile get(int relfilenode) {
        RelationFile file = open.get(relfilenode);
        if (file != null) {
            return file;
        }
        if (!Files.exists(path(relfilenode))) {
            throw RelationFile.ioError("could not open file \"base/%d\": No such file or directory"
                    .formatted(relfilenode), null);
        }
        RelationFile fresh = new RelationFile(path(relfilenode), relfilenode);
        RelationFile raced = open.putIfAbsent(relfilenode, fresh);
        if (raced != null) {
            fresh.close();
            return raced;
        }
        return fresh;
    }

    void drop(int relfilenode) {
        RelationFile file = open.remove(relfilenode);
        if (file != null) {
            file.close();
        }
        try {
            Files.delete(path(relfilenode));
        } catch (NoSuchFileException e) {
            // Already gone: dropping is idempotent, as after a crash between unlink and commit.
        } catch (IOException e) {
            throw RelationFile.ioError("could not remove file \"base/%d\": %s"
                    .formatted(relfilenode, RelationFile.reason(e)), e);
        }
    }

    void forceAll() {
        for (RelationFile file : open.values()) {
            file.force();
        }
    }

    void closeAll() {
        for (RelationFile file : open.values()) {
            file.close();
        }
        open.clear();
    }
}
