package org.larchdb.pgwire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.larchdb.engine.error.DbException;
import org.junit.jupiter.api.Test;

class FrontendFrameDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrontendFrameDecoder(1024));

    static ByteBuf startup(int protocol, String... pairs) {
        ByteBuf body = Unpooled.buffer();
        body.writeInt(protocol);
        for (String s : pairs) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8)).writeByte(0);
        }
        body.writeByte(0);
        ByteBuf frame = Unpooled.buffer();
        frame.writeInt(body.readableBytes() + 4).writeBytes(body);
        return frame;
    }

    static ByteBuf typed(char type, ByteBuf body) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeByte(type).writeInt(body.readableBytes() + 4).writeBytes(body);
        return frame;
    }

    static ByteBuf cstrings(String... values) {
        ByteBuf body = Unpooled.buffer();
        for (String s : values) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8)).writeByte(0);
        }
        return body;
    }

    private void startSession() {
        channel.writeInbound(startup(FrontendMessage.PROTOCOL_3_0, "user", "alice"));
        assertInstanceOf(FrontendMessage.Startup.class, channel.readInbound());
    }

    private DbException violation() {
        Object message = channel.readInbound();
        FrontendMessage.FramingViolation violation = assertInstanceOf(FrontendMessage.FramingViolation.class, message);
        assertEquals("08P01", violation.error().state().code());
        assertEquals(DbException.Severity.FATAL, violation.error().severity());
        return violation.error();
    }

    @Test
    void decodesStartupParametersInOrder() {
        channel.writeInbound(startup(FrontendMessage.PROTOCOL_3_0, "user", "alice", "database", "shop",
                "application_name", "psql"));
        FrontendMessage.Startup startup = channel.readInbound();
        assertEquals(3, startup.majorVersion());
        assertEquals(0, startup.minorVersion());
        assertEquals(Map.of("user", "alice", "database", "shop", "application_name", "psql"), startup.parameters());
        assertEquals("[user, database, application_name]", startup.parameters().keySet().toString());
    }

    @Test
    void sslRequestKeepsTheStartupPhase() {
        channel.writeInbound(Unpooled.buffer().writeInt(8).writeInt(FrontendMessage.SSL_REQUEST_CODE));
        assertInstanceOf(FrontendMessage.SslRequest.class, channel.readInbound());
        channel.writeInbound(Unpooled.buffer().writeInt(8).writeInt(FrontendMessage.GSSENC_REQUEST_CODE));
        assertInstanceOf(FrontendMessage.GssEncRequest.class, channel.readInbound());
        startSession();
    }

    @Test
    void decodesCancelRequest() {
        channel.writeInbound(Unpooled.buffer().writeInt(16).writeInt(FrontendMessage.CANCEL_REQUEST_CODE)
                .writeInt(42).writeInt(-7));
        FrontendMessage.CancelRequest cancel = channel.readInbound();
        assertEquals(42, cancel.processId());
        assertEquals(-7, cancel.secretKey());
    }

    @Test
    void otherProtocolVersionsAreDecodedForTheSessionToReject() {
        ByteBuf v2 = Unpooled.buffer().writeInt(8 + 4).writeInt(2 << 16).writeInt(12345);
        channel.writeInbound(v2);
        FrontendMessage.Startup startup = channel.readInbound();
        assertEquals(2, startup.majorVersion());
        assertEquals(Map.of(), startup.parameters());
    }

    @Test
    void framesSplitAcrossReadsAreReassembled() {
        ByteBuf all = Unpooled.buffer();
        all.writeBytes(startup(FrontendMessage.PROTOCOL_3_0, "user", "bob"));
        all.writeBytes(typed('Q', cstrings("SELECT 1")));
        all.writeBytes(typed('S', Unpooled.buffer()));
        while (all.isReadable()) {
            channel.writeInbound(all.readRetainedSlice(1));
        }
        assertInstanceOf(FrontendMessage.Startup.class, channel.readInbound());
        assertEquals("SELECT 1", ((FrontendMessage.Query) channel.readInbound()).sql());
        assertInstanceOf(FrontendMessage.Sync.class, channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void severalFramesInOneRead() {
        startSession();
        ByteBuf both = Unpooled.buffer();
        both.writeBytes(typed('H', Unpooled.buffer())).writeBytes(typed('X', Unpooled.buffer()));
        channel.writeInbound(both);
        assertInstanceOf(FrontendMessage.Flush.class, channel.readInbound());
        assertInstanceOf(FrontendMessage.Terminate.class, channel.readInbound());
    }

    @Test
    void startupPacketWithBadLengthIsFatal() {
        channel.writeInbound(Unpooled.buffer().writeInt(3).writeInt(0));
        assertEquals("invalid length of startup packet", violation().getMessage());
        channel.writeInbound(Unpooled.buffer().writeInt(8).writeInt(FrontendMessage.SSL_REQUEST_CODE));
        assertNull(channel.readInbound(), "nothing is decoded after a framing violation");
    }

    @Test
    void hugeStartupPacketIsRejectedBeforeBuffering() {
        channel.writeInbound(Unpooled.buffer().writeInt(Integer.MAX_VALUE).writeInt(0));
        assertEquals("invalid length of startup packet", violation().getMessage());
    }

    @Test
    void negativeMessageLengthIsFatal() {
        startSession();
        channel.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(-5));
        assertEquals("invalid message length", violation().getMessage());
    }

    @Test
    void lengthBelowFourIsFatal() {
        startSession();
        channel.writeInbound(Unpooled.buffer().writeByte('S').writeInt(3));
        assertEquals("invalid message length", violation().getMessage());
    }

    @Test
    void messageOverMaxMessageSizeIsFatal() {
        startSession();
        channel.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(4 + 1025));
        assertEquals("invalid message length", violation().getMessage());
        // exactly at the limit is fine on a fresh connection
        EmbeddedChannel other = new EmbeddedChannel(new FrontendFrameDecoder(1024));
        other.writeInbound(startup(FrontendMessage.PROTOCOL_3_0, "user", "u"));
        other.readInbound();
        byte[] text = new byte[1023];
        java.util.Arrays.fill(text, (byte) 'x');
        ByteBuf body = Unpooled.buffer().writeBytes(text).writeByte(0);
        other.writeInbound(typed('Q', body));
        assertEquals(1023, ((FrontendMessage.Query) other.readInbound()).sql().length());
    }

    @Test
    void unknownTypeByteIsFatalAndStopsDecoding() {
        startSession();
        channel.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("invalid frontend message type 71", violation().getMessage());
        channel.writeInbound(typed('S', Unpooled.buffer()));
        assertNull(channel.readInbound());
    }

    @Test
    void decodesParseWithParameterTypes() {
        startSession();
        ByteBuf body = cstrings("s1", "SELECT $1, $2");
        body.writeShort(2).writeInt(23).writeInt(0);
        channel.writeInbound(typed('P', body));
        FrontendMessage.Parse parse = channel.readInbound();
        assertEquals("s1", parse.statementName());
        assertEquals("SELECT $1, $2", parse.sql());
        assertArrayEquals(new int[] {23, 0}, parse.parameterTypeOids());
    }

    @Test
    void decodesBindWithNullsAndFormats() {
        startSession();
        ByteBuf body = cstrings("p", "s");
        body.writeShort(1).writeShort(1);          // one format code: all binary
        body.writeShort(3);
        body.writeInt(4).writeInt(7);              // $1 = int4 7
        body.writeInt(-1);                         // $2 = NULL
        body.writeInt(0);                          // $3 = empty
        body.writeShort(2).writeShort(0).writeShort(1);
        channel.writeInbound(typed('B', body));
        FrontendMessage.Bind bind = channel.readInbound();
        assertEquals("p", bind.portalName());
        assertEquals("s", bind.statementName());
        assertArrayEquals(new short[] {1}, bind.parameterFormats());
        assertArrayEquals(new byte[] {0, 0, 0, 7}, bind.parameterValues()[0]);
        assertNull(bind.parameterValues()[1]);
        assertEquals(0, bind.parameterValues()[2].length);
        assertArrayEquals(new short[] {0, 1}, bind.resultFormats());
    }

    @Test
    void decodesDescribeExecuteCloseAndPassword() {
        startSession();
        ByteBuf describe = Unpooled.buffer().writeByte('S');
        describe.writeBytes(cstrings("s1"));
        ByteBuf execute = cstrings("");
        execute.writeInt(50);
        ByteBuf close = Unpooled.buffer().writeByte('P');
        close.writeBytes(cstrings("p1"));
        channel.writeInbound(typed('D', describe), typed('E', execute), typed('C', close),
                typed('p', cstrings("secret")));
        assertEquals(new FrontendMessage.Describe('S', "s1"), channel.readInbound());
        assertEquals(new FrontendMessage.Execute("", 50), channel.readInbound());
        assertEquals(new FrontendMessage.Close('P', "p1"), channel.readInbound());
        FrontendMessage.PasswordMessage password = channel.readInbound();
        assertArrayEquals("secret\0".getBytes(StandardCharsets.UTF_8), password.body());
    }

    @Test
    void malformedBodyIsReportedButTheStreamStaysInStep() {
        startSession();
        channel.writeInbound(typed('Q', Unpooled.wrappedBuffer("no terminator".getBytes(StandardCharsets.UTF_8))));
        FrontendMessage.Unprocessable bad = channel.readInbound();
        assertEquals('Q', bad.type());
        assertEquals("invalid string in message", bad.error().getMessage());
        ByteBuf describe = Unpooled.buffer().writeByte('Z');
        describe.writeBytes(cstrings("x"));
        channel.writeInbound(typed('D', describe));
        assertEquals("invalid DESCRIBE message subtype 90", ((FrontendMessage.Unprocessable) channel.readInbound())
                .error().getMessage());
        ByteBuf trailing = cstrings("SELECT 1");
        trailing.writeByte(1);
        channel.writeInbound(typed('Q', trailing));
        assertEquals("invalid message format", ((FrontendMessage.Unprocessable) channel.readInbound())
                .error().getMessage());
        channel.writeInbound(typed('S', Unpooled.buffer()));
        assertInstanceOf(FrontendMessage.Sync.class, channel.readInbound());
    }

    @Test
    void strayCopyDataIsIgnored() {
        startSession();
        channel.writeInbound(typed('d', Unpooled.wrappedBuffer(new byte[] {1, 2, 3})), typed('S', Unpooled.buffer()));
        assertInstanceOf(FrontendMessage.Sync.class, channel.readInbound());
    }

    @Test
    void truncatedFrameAtEndOfStreamProducesNothing() {
        startSession();
        channel.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(100).writeBytes(new byte[10]));
        channel.finish();
        assertNull(channel.readInbound());
    }
}
