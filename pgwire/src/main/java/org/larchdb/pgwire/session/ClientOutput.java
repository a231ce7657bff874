package org.larchdb.pgwire.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connection's outgoing byte stream, used only from the connection's own thread. Messages are
 * encoded into one buffer that is handed to Netty when it passes {@link #SEND_THRESHOLD} bytes or at
 * an explicit {@link #flush()} (ReadyForQuery, Flush, authentication requests) — PostgreSQL's output
 * buffering. When the socket cannot keep up, the writer waits for the channel to become writable again,
 * so a large result streams with bounded memory instead of piling up in Netty's outbound queue.
 */
public final class ClientOutput {
    static final int SEND_THRESHOLD = 8192;

    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writable = lock.newCondition();
    private ByteBuf buffer;

    public ClientOutput(Channel channel) {
        this.channel = channel;
    }

    /** The buffer to append the next message to. */
    public ByteBuf buffer() {
        if (buffer == null) {
            buffer = channel.alloc().buffer(SEND_THRESHOLD * 2);
        }
        return buffer;
    }

    /** Called after each appended message: hands full buffers to the socket, waiting for room if needed. */
    public void messageWritten() {
        if (buffer != null && buffer.readableBytes() >= SEND_THRESHOLD) {
            send();
            awaitWritable();
        }
    }

    /** Sends everything buffered and flushes the socket. */
    public void flush() {
        send();
    }

    /** Flushes, then closes the channel once the bytes are written (after a FATAL error or Terminate). */
    public void flushAndClose() {
        ByteBuf pending = buffer;
        buffer = null;
        if (pending != null && channel.isActive()) {
            channel.writeAndFlush(pending).addListener(ChannelFutureListener.CLOSE);
        } else {
            if (pending != null) {
                pending.release();
            }
            channel.close();
        }
    }

    /** Drops buffered bytes (the client is gone). */
    public void discard() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    /** Called from the event loop when the channel's writability or activity changes. */
    public void channelStateChanged() {
        lock.lock();
        try {
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void send() {
        ByteBuf pending = buffer;
        buffer = null;
        if (!channel.isActive()) {
            if (pending != null) {
                pending.release();
            }
            throw new ClientDisconnectedException();
        }
        if (pending != null && pending.isReadable()) {
            channel.writeAndFlush(pending, channel.voidPromise());
        } else if (pending != null) {
            pending.release();
        }
    }

    private void awaitWritable() {
        if (channel.isWritable()) {
            return;
        }
        lock.lock();
        try {
            // The timed wait guards against a missed signal; writability is re-checked every time.
            while (!channel.isWritable()) {
                if (!channel.isActive()) {
                    throw new ClientDisconnectedException();
                }
                writable.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientDisconnectedException();
        } finally {
            lock.unlock();
        }
    }
}
