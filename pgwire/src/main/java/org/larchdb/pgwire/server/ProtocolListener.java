package org.larchdb.pgwire.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.larchdb.pgwire.protocol.FrontendFrameDecoder;
import org.larchdb.pgwire.session.ClientConnection;
import org.larchdb.pgwire.session.ServerContext;

/**
 * The Netty side of the server: listens on the configured addresses, gives each accepted socket a
 * frame decoder and a {@link ConnectionHandler}, and keeps track of live connections so that
 * {@link #close()} can end them all before the database closes.
 */
final class ProtocolListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProtocolListener.class.getName());

    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final List<Channel> listeners;
    private final Map<ClientConnection, Boolean> connections;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProtocolListener(EventLoopGroup acceptGroup, EventLoopGroup ioGroup, List<Channel> listeners,
                             Map<ClientConnection, Boolean> connections, int port) {
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.listeners = listeners;
        this.connections = connections;
        this.port = port;
    }

    /** Binds every address on {@code port} (0 = a free port, chosen on the first address and shared). */
    static ProtocolListener start(ServerContext context, List<InetAddress> addresses, int port, int maxMessageBytes) {
        Map<ClientConnection, Boolean> connections = new ConcurrentHashMap<>();
        EventLoopGroup acceptGroup = new NioEventLoopGroup(1);
        // Event loops only decode and copy bytes; engine work runs on virtual threads.
        EventLoopGroup ioGroup = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
        List<Channel> listeners = new ArrayList<>();
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptGroup, ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("frames", new FrontendFrameDecoder(maxMessageBytes));
                            ch.pipeline().addLast("connection", new ConnectionHandler(context,
                                    c -> connections.put(c, Boolean.TRUE), connections::remove));
                        }
                    });
            int boundPort = port;
            for (InetAddress address : addresses) {
                Channel listener = bootstrap.bind(new InetSocketAddress(address, boundPort)).syncUninterruptibly().channel();
                listeners.add(listener);
                boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
                LOG.log(System.Logger.Level.INFO, "LarchDB ready to accept connections on {0}:{1}",
                        address.getHostAddress(), Integer.toString(boundPort));
            }
            return new ProtocolListener(acceptGroup, ioGroup, listeners, connections, boundPort);
        } catch (RuntimeException e) {
            for (Channel listener : listeners) {
                listener.close().syncUninterruptibly();
            }
            shutdownGroup(acceptGroup);
            shutdownGroup(ioGroup);
            throw e;
        }
    }

    int port() {
        return port;
    }

    int connectionCount() {
        return connections.size();
    }

    /** Stops accepting, ends every connection (57P01 to idle clients) and waits up to {@code drainMillis}. */
    @Override
    public void close() {
        close(5_000);
    }

    void close(long drainMillis) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Channel listener : listeners) {
            listener.close().syncUninterruptibly();
        }
        for (ClientConnection connection : connections.keySet()) {
            connection.shutdown();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!connections.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "{0} connection(s) did not end in time", connections.size());
        }
        shutdownGroup(acceptGroup);
        shutdownGroup(ioGroup);
    }

    private static void shutdownGroup(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
