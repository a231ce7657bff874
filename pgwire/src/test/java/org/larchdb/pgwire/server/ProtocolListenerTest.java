package org.larchdb.pgwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.larchdb.pgwire.protocol.FrontendMessage;
import org.larchdb.pgwire.session.CancelKeyRegistry;
import org.larchdb.pgwire.session.ProtocolMetrics;
import org.larchdb.pgwire.session.ServerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets against the Netty pipeline, for the paths that end before the engine is involved. */
class ProtocolListenerTest {
    private ProtocolListener listener;

    @BeforeEach
    void start() {
        ServerContext context = new ServerContext(null, null, new CancelKeyRegistry(),
                new ProtocolMetrics(new SimpleMeterRegistry()), 5, 60_000, false, new SecureRandom());
        listener = ProtocolListener.start(context, List.of(InetAddress.getLoopbackAddress()), 0, 1024);
    }

    @AfterEach
    void stop() {
        listener.close(2_000);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static byte[] startupPacket(int protocol, String... pairs) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeInt(protocol);
        for (String s : pairs) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        out.write(0);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        new DataOutputStream(packet).writeInt(body.size() + 4);
        body.writeTo(packet);
        return packet.toByteArray();
    }

    /** Reads one ErrorResponse and returns its "C: M" fields. */
    private static String readError(DataInputStream in) throws IOException {
        assertEquals('E', in.readByte());
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        String code = null;
        String message = null;
        int i = 0;
        while (body[i] != 0) {
            char field = (char) body[i++];
            int end = i;
            while (body[end] != 0) {
                end++;
            }
            String value = new String(body, i, end - i, StandardCharsets.UTF_8);
            if (field == 'C') {
                code = value;
            } else if (field == 'M') {
                message = value;
            }
            i = end + 1;
        }
        return code + ": " + message;
    }

    private static void assertClosed(DataInputStream in) throws IOException {
        try {
            assertEquals(-1, in.read());
        } catch (EOFException | java.net.SocketException e) {
            // closed, as expected
        }
    }

    @Test
    void sslIsRefusedAndMissingUserIsFatal() throws IOException {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.writeInt(8);
            out.writeInt(FrontendMessage.SSL_REQUEST_CODE);
            out.flush();
            assertEquals('N', in.readByte());
            out.write(startupPacket(FrontendMessage.PROTOCOL_3_0, "database", "postgres"));
            out.flush();
            assertEquals("28000: no PostgreSQL user name specified in startup packet", readError(in));
            assertClosed(in);
        }
    }

    @Test
    void garbageGetsAProtocolViolationAndOnlyThatConnectionCloses() throws IOException {
        try (Socket good = connect(); Socket bad = connect()) {
            bad.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            DataInputStream badIn = new DataInputStream(bad.getInputStream());
            assertEquals("08P01: invalid length of startup packet", readError(badIn));
            assertClosed(badIn);
            // the other connection is unaffected
            good.getOutputStream().write(startupPacket(2 << 16));
            assertEquals("0A000: unsupported frontend protocol 2.0: server supports 3.0 to 3.0",
                    readError(new DataInputStream(good.getInputStream())));
        }
    }

    @Test
    void shutdownTellsWaitingClients() throws Exception {
        try (Socket socket = connect()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            long deadline = System.currentTimeMillis() + 5_000;
            while (listener.connectionCount() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            listener.close(2_000);
            assertEquals("57P01: terminating connection due to administrator command", readError(in));
            assertEquals(0, listener.connectionCount());
        }
    }

    @Test
    void connectionsAreForgottenWhenClientsLeave() throws Exception {
        try (Socket socket = connect()) {
            long deadline = System.currentTimeMillis() + 5_000;
            while (listener.connectionCount() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, listener.connectionCount());
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (listener.connectionCount() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(listener.connectionCount() == 0);
    }
}
