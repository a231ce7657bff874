package org.larchdb.pgwire.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Reads the body of one framed message into its {@link FrontendMessage} record. Throws DbException
 * 08P01 with PostgreSQL's wording when the body does not match the message's layout; the frame
 * itself was sound, so the caller reports the error and keeps the connection.
 */
final class MessageBodyReader {
    private MessageBodyReader() {
    }

    /** Decodes a typed message, or returns null for messages that are accepted and ignored (stray COPY data). */
    static FrontendMessage read(byte type, ByteBuf body) {
        FrontendMessage message = switch (type) {
            case 'Q' -> new FrontendMessage.Query(readString(body));
            case 'P' -> readParse(body);
            case 'B' -> readBind(body);
            case 'D' -> new FrontendMessage.Describe(readTarget(body, "DESCRIBE"), readString(body));
            case 'E' -> new FrontendMessage.Execute(readString(body), readInt(body));
            case 'C' -> new FrontendMessage.Close(readTarget(body, "CLOSE"), readString(body));
            case 'S' -> new FrontendMessage.Sync();
            case 'H' -> new FrontendMessage.Flush();
            case 'X' -> new FrontendMessage.Terminate();
            case 'p' -> {
                byte[] bytes = new byte[body.readableBytes()];
                body.readBytes(bytes);
                yield new FrontendMessage.PasswordMessage(bytes);
            }
            case 'F' -> {
                body.skipBytes(body.readableBytes());
                yield new FrontendMessage.Unprocessable('F', DbException.notSupported("fastpath function calls"));
            }
            // PostgreSQL accepts and ignores COPY messages arriving outside a COPY (the protocol asks for it).
            case 'd', 'c', 'f' -> {
                body.skipBytes(body.readableBytes());
                yield null;
            }
            default -> throw new IllegalArgumentException("not a frontend message type: " + type);
        };
        if (body.isReadable()) {
            throw protocolViolation("invalid message format");
        }
        return message;
    }

    /** Whether {@code type} is a message type byte a client may send after startup. */
    static boolean isKnownType(byte type) {
        return switch (type) {
            case 'Q', 'P', 'B', 'D', 'E', 'C', 'S', 'H', 'X', 'p', 'F', 'd', 'c', 'f' -> true;
            default -> false;
        };
    }

    /** Reads the StartupMessage's name/value pairs, terminated by an empty name. */
    static Map<String, String> readStartupParameters(ByteBuf body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            String name = readString(body);
            if (name.isEmpty()) {
                break;
            }
            parameters.put(name, readString(body));
        }
        if (body.isReadable()) {
            throw protocolViolation("invalid startup packet layout: expected terminator as last byte");
        }
        return parameters;
    }

    private static FrontendMessage readParse(ByteBuf body) {
        String name = readString(body);
        String sql = readString(body);
        int count = readShort(body) & 0xffff;
        int[] oids = new int[count];
        for (int i = 0; i < count; i++) {
            oids[i] = readInt(body);
        }
        return new FrontendMessage.Parse(name, sql, oids);
    }

    private static FrontendMessage readBind(ByteBuf body) {
        String portal = readString(body);
        String statement = readString(body);
        short[] parameterFormats = readShorts(body);
        int count = readShort(body) & 0xffff;
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            int length = readInt(body);
            if (length == -1) {
                continue;
            }
            if (length < 0 || length > body.readableBytes()) {
                throw protocolViolation("insufficient data left in message");
            }
            values[i] = new byte[length];
            body.readBytes(values[i]);
        }
        short[] resultFormats = readShorts(body);
        return new FrontendMessage.Bind(portal, statement, parameterFormats, values, resultFormats);
    }

    private static short[] readShorts(ByteBuf body) {
        int count = readShort(body) & 0xffff;
        short[] values = new short[count];
        for (int i = 0; i < count; i++) {
            values[i] = readShort(body);
        }
        return values;
    }

    private static char readTarget(ByteBuf body, String message) {
        if (!body.isReadable()) {
            throw protocolViolation("insufficient data left in message");
        }
        byte target = body.readByte();
        if (target != 'S' && target != 'P') {
            throw protocolViolation("invalid " + message + " message subtype " + target);
        }
        return (char) target;
    }

    static String readString(ByteBuf body) {
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (end < 0) {
            throw protocolViolation("invalid string in message");
        }
        String value = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        body.readerIndex(end + 1);
        return value;
    }

    private static int readInt(ByteBuf body) {
        if (body.readableBytes() < 4) {
            throw protocolViolation("insufficient data left in message");
        }
        return body.readInt();
    }

    private static short readShort(ByteBuf body) {
        if (body.readableBytes() < 2) {
            throw protocolViolation("insufficient data left in message");
        }
        return body.readShort();
    }

    static DbException protocolViolation(String message) {
        return new DbException(SqlState.PROTOCOL_VIOLATION, message);
    }
}
