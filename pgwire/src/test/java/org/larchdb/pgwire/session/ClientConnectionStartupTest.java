package org.larchdb.pgwire.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.pgwire.protocol.FrontendMessage;
import org.junit.jupiter.api.Test;

/**
 * The connection state machine's startup paths that end before any engine call: each test queues the
 * client's messages, runs the connection on the test thread and reads what it sent back.
 */
class ClientConnectionStartupTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProtocolMetrics metrics = new ProtocolMetrics(registry);
    private final EmbeddedChannel channel = new EmbeddedChannel();

    private record Reply(char type, ByteBuf body) {
        Map<Character, String> fields() {
            Map<Character, String> fields = new LinkedHashMap<>();
            while (body.isReadable()) {
                byte code = body.readByte();
                if (code == 0) {
                    break;
                }
                int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
                fields.put((char) code, body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8));
                body.readerIndex(end + 1);
            }
            return fields;
        }
    }

    private ServerContext context(int maxConnections, long authTimeoutMillis) {
        return new ServerContext(null, null, new CancelKeyRegistry(), metrics, maxConnections, authTimeoutMillis,
                false, new SecureRandom());
    }

    private List<Reply> run(ServerContext context, FrontendMessage... messages) {
        ClientConnection connection = new ClientConnection(context, channel);
        for (FrontendMessage m : messages) {
            connection.receive(m);
        }
        connection.run();
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        List<Reply> replies = new ArrayList<>();
        while (all.isReadable()) {
            char type = (char) all.readByte();
            if (type == 'N' && replies.isEmpty() && (all.readableBytes() < 4 || all.getInt(all.readerIndex()) > 1000)) {
                replies.add(new Reply('N', Unpooled.EMPTY_BUFFER)); // the single-byte SSL refusal
                continue;
            }
            int length = all.readInt();
            replies.add(new Reply(type, all.readSlice(length - 4)));
        }
        return replies;
    }

    private static FrontendMessage.Startup startup(int version, Map<String, String> parameters) {
        return new FrontendMessage.Startup(version, parameters);
    }

    private static void assertFatal(Reply reply, String code, String message) {
        assertEquals('E', reply.type());
        Map<Character, String> fields = reply.fields();
        assertEquals("FATAL", fields.get('S'));
        assertEquals("FATAL", fields.get('V'));
        assertEquals(code, fields.get('C'));
        assertEquals(message, fields.get('M'));
    }

    @Test
    void rejectsProtocolTwo() {
        List<Reply> replies = run(context(10, 60_000), startup(2 << 16, Map.of()));
        assertEquals(1, replies.size());
        assertFatal(replies.get(0), "0A000", "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
        assertFalse(channel.isOpen());
    }

    @Test
    void refusesSslThenRequiresUserName() {
        List<Reply> replies = run(context(10, 60_000), new FrontendMessage.SslRequest(),
                startup(FrontendMessage.PROTOCOL_3_0, Map.of("database", "x")));
        assertEquals(2, replies.size());
        assertEquals('N', replies.get(0).type());
        assertFatal(replies.get(1), "28000", "no PostgreSQL user name specified in startup packet");
    }

    @Test
    void framingViolationIsReportedAsFatal() {
        DbException error = new DbException(SqlState.PROTOCOL_VIOLATION, "invalid length of startup packet");
        List<Reply> replies = run(context(10, 60_000), new FrontendMessage.FramingViolation(error));
        assertFatal(replies.get(0), "08P01", "invalid length of startup packet");
        assertFalse(channel.isOpen());
    }

    @Test
    void tooManyClients() {
        List<Reply> replies = run(context(0, 60_000), startup(FrontendMessage.PROTOCOL_3_0, Map.of("user", "u")));
        assertFatal(replies.get(0), "53300", "sorry, too many clients already");
        assertEquals(1.0, registry.get("larch.connections.rejected").counter().count());
        assertEquals(0, metrics.currentConnections().get(), "the slot is given back");
        assertEquals(1.0, registry.get("larch.errors").tag("class", "53").counter().count());
    }

    @Test
    void newerMinorVersionIsNegotiatedDown() {
        List<Reply> replies = run(context(0, 60_000), startup(FrontendMessage.PROTOCOL_3_0 + 2,
                Map.of("user", "u", "_pq_.compression", "on")));
        assertEquals('v', replies.get(0).type());
        ByteBuf body = replies.get(0).body();
        assertEquals(0, body.readInt());
        assertEquals(1, body.readInt());
        assertEquals("_pq_.compression", body.toString(body.readerIndex(), body.readableBytes() - 1,
                StandardCharsets.UTF_8));
        assertFatal(replies.get(1), "53300", "sorry, too many clients already");
    }

    @Test
    void cancelRequestWithUnknownKeyJustCloses() {
        List<Reply> replies = run(context(10, 60_000), new FrontendMessage.CancelRequest(1, 2));
        assertTrue(replies.isEmpty());
        assertFalse(channel.isOpen());
    }

    @Test
    void authenticationTimeoutClosesSilently() {
        List<Reply> replies = run(context(10, 50));
        assertTrue(replies.isEmpty());
        assertFalse(channel.isOpen());
    }

    @Test
    void unexpectedFailureDuringStartupIsReportedAsInternalError() {
        // No database in this context: the role lookup fails with a plain Java exception.
        List<Reply> replies = run(context(10, 60_000), startup(FrontendMessage.PROTOCOL_3_0, Map.of("user", "u")));
        assertEquals("XX000", replies.get(0).fields().get('C'));
        assertFalse(channel.isOpen());
        assertEquals(0, metrics.currentConnections().get());
    }

    @Test
    void clientGoneDuringStartupEndsQuietly() {
        List<Reply> replies = run(context(10, 60_000), new FrontendMessage.ConnectionLost());
        assertTrue(replies.isEmpty());
    }
}
