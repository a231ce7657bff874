package org.larchdb.pgwire.protocol;

import java.util.Map;
import org.larchdb.engine.error.DbException;

/**
 * A message from the client, decoded from one frame. The startup-phase packets have no type byte;
 * the others are named after their type byte in the protocol documentation.
 */
public sealed interface FrontendMessage {

    /** Protocol 3.0 in a StartupMessage: major 3, minor 0. */
    int PROTOCOL_3_0 = 196608;
    int SSL_REQUEST_CODE = 80877103;
    int GSSENC_REQUEST_CODE = 80877104;
    int CANCEL_REQUEST_CODE = 80877102;

    /** StartupMessage; {@code parameters} keep the client's order. Empty for protocols other than 3.x. */
    record Startup(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {
        public int majorVersion() {
            return protocolVersion >>> 16;
        }

        public int minorVersion() {
            return protocolVersion & 0xffff;
        }
    }

    /** SSLRequest: answered with a single 'N', then the client sends its StartupMessage. */
    record SslRequest() implements FrontendMessage {
    }

    /** GSSENCRequest: answered with a single 'N' as well. */
    record GssEncRequest() implements FrontendMessage {
    }

    /** CancelRequest, sent on a fresh connection with the target's BackendKeyData. */
    record CancelRequest(int processId, int secretKey) implements FrontendMessage {
    }

    /** 'p': PasswordMessage, SASLInitialResponse or SASLResponse; the auth exchange interprets the body. */
    record PasswordMessage(byte[] body) implements FrontendMessage {
    }

    /** 'Q': a simple query string, possibly holding several statements. */
    record Query(String sql) implements FrontendMessage {
    }

    /** 'P': Parse. {@code parameterTypeOids} may be shorter than the number of parameters; 0 = unspecified. */
    record Parse(String statementName, String sql, int[] parameterTypeOids) implements FrontendMessage {
    }

    /**
     * 'B': Bind. {@code parameterValues[i]} is null for SQL NULL; format arrays hold 0 (text) or 1 (binary)
     * with PostgreSQL's rule: empty = all text, one entry = applies to all, else one per item.
     */
    record Bind(String portalName, String statementName, short[] parameterFormats, byte[][] parameterValues,
                short[] resultFormats) implements FrontendMessage {
    }

    /** 'D': Describe; {@code target} is 'S' (statement) or 'P' (portal). */
    record Describe(char target, String name) implements FrontendMessage {
    }

    /** 'E': Execute with a row limit (0 = no limit). */
    record Execute(String portalName, int maxRows) implements FrontendMessage {
    }

    /** 'C': Close; {@code target} is 'S' (statement) or 'P' (portal). */
    record Close(char target, String name) implements FrontendMessage {
    }

    /** 'S': Sync. */
    record Sync() implements FrontendMessage {
    }

    /** 'H': Flush. */
    record Flush() implements FrontendMessage {
    }

    /** 'X': Terminate. */
    record Terminate() implements FrontendMessage {
    }

    /**
     * A message whose frame was sound but whose content was not, or that LarchDB does not support
     * (COPY sub-protocol, FunctionCall). The connection survives: the error is reported like a
     * statement error.
     */
    record Unprocessable(char type, DbException error) implements FrontendMessage {
    }

    /**
     * The byte stream broke the framing rules (bad length, unknown type byte): nothing after this can be
     * trusted, so the connection reports a FATAL error and closes. The decoder emits nothing afterwards.
     */
    record FramingViolation(DbException error) implements FrontendMessage {
    }

    /** Not sent by clients: the channel closed (client gone or server shutting down). */
    record ConnectionLost() implements FrontendMessage {
    }
}
