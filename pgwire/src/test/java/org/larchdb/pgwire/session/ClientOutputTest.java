package org.larchdb.pgwire.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.larchdb.pgwire.protocol.BackendMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large result against a client that does not read: the writer must wait for the socket instead of
 * queueing everything in memory, finish once the client reads, and stop when the client goes away.
 */
class ClientOutputTest {
    private static final int ROWS = 200_000;
    private static final int ROW_BYTES = 5 + 2 + 4 + 100;

    private EventLoopGroup group;
    private Channel listener;
    private final AtomicLong rowsWritten = new AtomicLong();
    private final CompletableFuture<Throwable> writerResult = new CompletableFuture<>();

    @BeforeEach
    void start() {
        group = new NioEventLoopGroup(1);
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(16 * 1024, 64 * 1024))
                .childOption(ChannelOption.SO_SNDBUF, 32 * 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ClientOutput output = new ClientOutput(ch);
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                Thread.ofVirtual().start(() -> stream(output));
                            }

                            @Override
                            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                                output.channelStateChanged();
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                output.channelStateChanged();
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close(); // the reset in writerStopsWhenTheClientLeaves
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
    }

    private void stream(ClientOutput output) {
        String text = "x".repeat(100);
        try {
            for (int i = 0; i < ROWS; i++) {
                ByteBuf out = output.buffer();
                int at = BackendMessages.beginDataRow(out, 1);
                BackendMessages.textField(out, text);
                BackendMessages.end(out, at);
                output.messageWritten();
                rowsWritten.incrementAndGet();
            }
            output.flush();
            writerResult.complete(null);
        } catch (Throwable t) {
            writerResult.complete(t);
        }
    }

    @AfterEach
    void stop() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(32 * 1024);
        socket.connect(listener.localAddress());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private long waitUntilStalled() throws InterruptedException {
        long last = -1;
        while (rowsWritten.get() != last) {
            last = rowsWritten.get();
            Thread.sleep(200);
        }
        return last;
    }

    @Test
    void writerWaitsForASlowClientAndThenFinishes() throws Exception {
        try (Socket socket = connect()) {
            long stalledAt = waitUntilStalled();
            assertTrue(stalledAt < ROWS / 4, "the writer stalls instead of buffering: " + stalledAt + " rows written");
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] row = new byte[ROW_BYTES];
            for (int i = 0; i < ROWS; i++) {
                in.readFully(row);
                assertEquals('D', row[0]);
            }
            assertEquals(null, writerResult.get(10, TimeUnit.SECONDS));
            assertEquals(ROWS, rowsWritten.get());
        }
    }

    @Test
    void writerStopsWhenTheClientLeaves() throws Exception {
        try (Socket socket = connect()) {
            waitUntilStalled();
            socket.setSoLinger(true, 0);
        }
        Throwable failure = writerResult.get(10, TimeUnit.SECONDS);
        assertInstanceOf(ClientDisconnectedException.class, failure);
        assertTrue(rowsWritten.get() < ROWS);
    }

    @Test
    void readingPastTheEndFindsNothingMore() throws Exception {
        try (Socket socket = connect()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.skipNBytes((long) ROWS * ROW_BYTES);
            assertEquals(null, writerResult.get(10, TimeUnit.SECONDS));
            socket.setSoTimeout(300);
            try {
                in.readByte();
            } catch (java.net.SocketTimeoutException | EOFException expected) {
                return;
            }
            throw new AssertionError("unexpected extra bytes");
        }
    }
}
