package org.larchdb.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * One relation's file of 8 KiB blocks (PostgreSQL's md.c for a single segment), read and written
 * with positional FileChannel I/O so any number of threads can use it at once.
 *
 * <p>The block count is kept in memory: {@link #extend} hands out a new block number under the
 * relation's extension lock, before the block reaches the file. A block at or past the file's end
 * reads as zeros, which is a valid empty page, so a page that has not been written yet is never an
 * error. The count at open is the file size rounded down to whole blocks.
 *
 * <p>A FileChannel is closed when a thread blocked in it is interrupted; the channel is then
 * reopened so the interrupt of one session does not break the file for the others.
 */
final class RelationFile {
    final int relfilenode;
    /** The name in messages, relative to the data directory ({@code base/16384}). */
    final String name;
    private final Path path;
    private final ReentrantLock reopenLock = new ReentrantLock();
    private final ReentrantLock extensionLock = new ReentrantLock();
    private volatile FileChannel channel;
    private volatile int nblocks;
    private volatile boolean closed;

    private interface ChannelOp {
        void run(FileChannel ch) throws IOException;
    }

    RelationFile(Path path, int relfilenode) {
        this.path = path;
        this.relfilenode = relfilenode;
        this.name = "base/" + relfilenode;
        try {
            this.channel = openChannel();
            this.nblocks = (int) (channel.size() / Page.SIZE);
        } catch (IOException e) {
            throw ioError("could not open file \"%s\": %s".formatted(name, reason(e)), e);
        }
    }

    private FileChannel openChannel() throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    int nblocks() {
        return nblocks;
    }

    /**
     * Reserves the next block number. {@code install} runs under the extension lock before the
     * new count is published, so a concurrent reader that sees the block finds it where the
     * extender put it (the buffer pool installs the zeroed frame there).
     */
    int extend(java.util.function.IntConsumer install) {
        extensionLock.lock();
        try {
            int block = nblocks;
            if (block == Integer.MAX_VALUE) {
                throw ioError("cannot extend file \"%s\" beyond %d blocks".formatted(name, block), null);
            }
            install.accept(block);
            nblocks = block + 1;
            return block;
        } finally {
            extensionLock.unlock();
        }
    }

    /** Reads a block into {@code dst}; past the end of the file the rest is zero-filled. */
    void read(int block, byte[] dst) {
        io(() -> "could not read block %d in file \"%s\"".formatted(block, name), ch -> {
            ByteBuffer buf = ByteBuffer.wrap(dst);
            long pos = (long) block * Page.SIZE;
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) {
                    Arrays.fill(dst, buf.position(), dst.length, (byte) 0);
                    break;
                }
            }
        });
    }

    void write(int block, byte[] src) {
        io(() -> "could not write block %d in file \"%s\"".formatted(block, name), ch -> {
            ByteBuffer buf = ByteBuffer.wrap(src);
            long pos = (long) block * Page.SIZE;
            while (buf.hasRemaining()) {
                ch.write(buf, pos + buf.position());
            }
        });
    }

    void force() {
        io(() -> "could not fsync file \"%s\"".formatted(name), ch -> ch.force(false));
    }

    void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw ioError("could not close file \"%s\": %s".formatted(name, reason(e)), e);
        }
    }

    private void io(java.util.function.Supplier<String> what, ChannelOp op) {
        for (int attempt = 0; ; attempt++) {
            FileChannel ch = channel;
            try {
                op.run(ch);
                return;
            } catch (ClosedChannelException e) {
                if (closed) {
                    throw ioError(what.get() + ": file is closed", e);
                }
                reopen(ch);
                if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
                    throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request",
                            null, null, 0, DbException.Severity.ERROR, e);
                }
                if (attempt >= 3) {
                    throw ioError(what.get() + ": " + reason(e), e);
                }
            } catch (IOException e) {
                throw ioError(what.get() + ": " + reason(e), e);
            }
        }
    }

    /** Replaces a channel closed by an interrupt, once, whoever notices first. */
    private void reopen(FileChannel broken) {
        reopenLock.lock();
        try {
            if (channel == broken && !closed) {
                channel = openChannel();
            }
        } catch (IOException e) {
            throw ioError("could not open file \"%s\": %s".formatted(name, reason(e)), e);
        } finally {
            reopenLock.unlock();
        }
    }

    static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static DbException ioError(String message, Throwable cause) {
        return new DbException(SqlState.IO_ERROR, message, null, null, 0, DbException.Severity.ERROR, cause);
    }
}
