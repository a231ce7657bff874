package org.larchdb.pgwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.error.DbException;

/**
 * Cuts the client's byte stream into frames and decodes each into a {@link FrontendMessage}.
 *
 * <p>Until a protocol-3 StartupMessage arrives, frames are startup packets (int32 length, int32 code,
 * no type byte); SSLRequest and GSSENCRequest keep the decoder in that phase because the client sends
 * its StartupMessage next. Afterwards every frame is a type byte and an int32 length that counts itself.
 *
 * <p>A framing error (bad length, unknown type byte) emits one {@link FrontendMessage.FramingViolation}
 * and the decoder then swallows all further input: the stream is no longer in step, and the session
 * closes this connection after reporting the error. Lengths are checked before any body is buffered,
 * so a hostile length never makes us allocate.
 */
public final class FrontendFrameDecoder extends ByteToMessageDecoder {
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    static final int MAX_STARTUP_PACKET_LENGTH = 10_000;

    private final int maxMessageBytes;
    private boolean startupPhase = true;
    private boolean broken;

    /** @param maxMessageBytes the largest message body accepted (setting max_message_size). */
    public FrontendFrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        // One frame per call: ByteToMessageDecoder loops while we make progress.
        if (startupPhase) {
            decodeStartupPacket(in, out);
        } else {
            decodeTypedMessage(in, out);
        }
    }

    private void decodeStartupPacket(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
            fail(in, out, "invalid length of startup packet");
            return;
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(4);
        ByteBuf body = in.readSlice(length - 4);
        int code = body.readInt();
        try {
            switch (code) {
                case FrontendMessage.SSL_REQUEST_CODE -> out.add(new FrontendMessage.SslRequest());
                case FrontendMessage.GSSENC_REQUEST_CODE -> out.add(new FrontendMessage.GssEncRequest());
                case FrontendMessage.CANCEL_REQUEST_CODE -> {
                    if (body.readableBytes() != 8) {
                        fail(in, out, "invalid length of cancel request packet");
                        return;
                    }
                    out.add(new FrontendMessage.CancelRequest(body.readInt(), body.readInt()));
                }
                default -> {
                    if (code >>> 16 == 3) {
                        out.add(new FrontendMessage.Startup(code, MessageBodyReader.readStartupParameters(body)));
                        startupPhase = false;
                    } else {
                        // Other major versions have another layout; the session rejects them by number.
                        body.skipBytes(body.readableBytes());
                        out.add(new FrontendMessage.Startup(code, Map.of()));
                    }
                }
            }
        } catch (DbException e) {
            broken = true;
            in.skipBytes(in.readableBytes());
            out.add(new FrontendMessage.FramingViolation(e.withSeverity(DbException.Severity.FATAL)));
        }
    }

    private void decodeTypedMessage(ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        byte type = in.getByte(in.readerIndex());
        if (!MessageBodyReader.isKnownType(type)) {
            fail(in, out, "invalid frontend message type " + type);
            return;
        }
        if (in.readableBytes() < 5) {
            return;
        }
        int length = in.getInt(in.readerIndex() + 1);
        if (length < 4 || length - 4 > maxMessageBytes) {
            fail(in, out, "invalid message length");
            return;
        }
        if (in.readableBytes() < length + 1) {
            return;
        }
        in.skipBytes(5);
        ByteBuf body = in.readSlice(length - 4);
        try {
            FrontendMessage message = MessageBodyReader.read(type, body);
            if (message != null) {
                out.add(message);
            }
        } catch (DbException e) {
            out.add(new FrontendMessage.Unprocessable((char) type, e));
        }
    }

    private void fail(ByteBuf in, List<Object> out, String message) {
        broken = true;
        in.skipBytes(in.readableBytes());
        out.add(new FrontendMessage.FramingViolation(
                MessageBodyReader.protocolViolation(message).withSeverity(DbException.Severity.FATAL)));
    }
}
