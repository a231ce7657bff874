package org.larchdb.pgwire.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.function.Consumer;
import org.larchdb.pgwire.protocol.FrontendMessage;
import org.larchdb.pgwire.session.ClientConnection;
import org.larchdb.pgwire.session.ServerContext;

/**
 * The last handler of a connection's pipeline: starts the connection's virtual thread and hands it
 * decoded messages and channel events. Runs on the event loop, so it never blocks and never calls the engine.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());

    private final ServerContext server;
    private final Consumer<ClientConnection> onStart;
    private final Consumer<ClientConnection> onEnd;
    private ClientConnection connection;

    ConnectionHandler(ServerContext server, Consumer<ClientConnection> onStart, Consumer<ClientConnection> onEnd) {
        this.server = server;
        this.onStart = onStart;
        this.onEnd = onEnd;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ClientConnection started = new ClientConnection(server, ctx.channel());
        connection = started;
        onStart.accept(started);
        Thread.ofVirtual().name("larch-connection-" + ctx.channel().id().asShortText()).start(() -> {
            try {
                started.run();
            } finally {
                onEnd.accept(started);
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FrontendMessage message && connection != null) {
            connection.receive(message);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.channelClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the client is routine; anything else is worth a stack trace.
        if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "connection error: {0}", cause.getMessage());
        } else {
            LOG.log(System.Logger.Level.WARNING, "unexpected error on a client connection", cause);
        }
        ctx.close();
    }
}
