package org.larchdb.engine.storage.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One open segment file. A FileChannel closes itself when a thread blocked in it is interrupted
 * (a cancelled session that happened to lead a group flush); then the channel is reopened and the
 * operation retried once with the interrupt flag cleared, and the flag is set again afterwards for
 * the caller — so one cancel cannot stop the log for everybody. Positional writes make the retry
 * safe: the same bytes go to the same place again.
 */
final class SegmentFile {
    final long segment;
    private final Path path;
    private volatile FileChannel channel;
    private volatile boolean closed;

    private interface Io {
        void run(FileChannel ch) throws IOException;
    }

    SegmentFile(Path path, long segment) throws IOException {
        this.path = path;
        this.segment = segment;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    void write(byte[] bytes, int off, int len, long position) throws IOException {
        io(ch -> {
            ByteBuffer buf = ByteBuffer.wrap(bytes, off, len);
            long at = position;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
        });
    }

    void force() throws IOException {
        io(ch -> ch.force(false));
    }

    private void io(Io op) throws IOException {
        boolean interrupted = false;
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    op.run(channel);
                    return;
                } catch (ClosedChannelException e) {
                    if (attempt > 0 || closed) {
                        throw e;
                    }
                    interrupted |= Thread.interrupted();
                    channel = FileChannel.open(path, StandardOpenOption.WRITE);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void close() throws IOException {
        closed = true;
        channel.close();
    }
}
