package org.larchdb.tests;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deliberately small PostgreSQL v3 client on a raw socket, for tests that need to send what
 * a driver never would (garbage, absurd lengths, unknown message types) or to see the exact
 * authentication exchange. Includes a client side of SCRAM-SHA-256 (RFC 5802/7677) so it can
 * log in to a server that only accepts SCRAM.
 */
final class PgWireClient implements AutoCloseable {
    static final int PROTOCOL_3_0 = 196608;

    /** One backend message: its type byte and its body (after the length word). */
    record Message(char type, byte[] body) {
        /** A field of an ErrorResponse/NoticeResponse ('C' SQLSTATE, 'M' message, 'S' severity...). */
        String field(char code) {
            int i = 0;
            while (i < body.length && body[i] != 0) {
                int end = i + 1;
                while (body[end] != 0) {
                    end++;
                }
                if (body[i] == code) {
                    return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
                }
                i = end + 1;
            }
            return null;
        }

        int intAt(int offset) {
            return ByteBuffer.wrap(body, offset, 4).getInt();
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final List<String> saslMechanisms = new ArrayList<>();

    private PgWireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static PgWireClient connect(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        return new PgWireClient(socket);
    }

    /** Connects and logs in; the returned client is at ReadyForQuery. */
    static PgWireClient login(String host, int port, String user, String password) throws IOException {
        PgWireClient client = connect(host, port);
        try {
            client.startup(user, TestServer.DATABASE);
            Message failure = client.authenticate(password);
            if (failure != null) {
                throw new IOException("login failed: " + failure.field('C') + " " + failure.field('M'));
            }
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The mechanisms the server offered in AuthenticationSASL (empty if it asked for none). */
    List<String> saslMechanisms() {
        return saslMechanisms;
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void startup(String user, String database) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, PROTOCOL_3_0);
        for (String s : new String[] {"user", user, "database", database, "client_encoding", "UTF8"}) {
            writeCString(body, s);
        }
        body.write(0);
        sendUntyped(body.toByteArray());
    }

    /** A message without a type byte (startup, SSLRequest, CancelRequest). */
    void sendUntyped(byte[] body) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        writeInt(frame, body.length + 4);
        frame.writeBytes(body);
        sendRaw(frame.toByteArray());
    }

    void send(char type, byte[] body) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(type);
        writeInt(frame, body.length + 4);
        frame.writeBytes(body);
        sendRaw(frame.toByteArray());
    }

    /** Sends a simple Query. */
    void query(String sql) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeCString(body, sql);
        send('Q', body.toByteArray());
    }

    /** Reads one unframed byte (the answer to SSLRequest); returns the count read (0 at EOF). */
    int readRawByte(byte[] into) throws IOException {
        int b = in.read();
        if (b < 0) {
            return 0;
        }
        into[0] = (byte) b;
        return 1;
    }

    /** The next message, or null when the server closed the connection. */
    Message read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message((char) type, body);
    }

    /** Reads messages up to and including ReadyForQuery; fails on a closed connection. */
    List<Message> readUntilReady() throws IOException {
        List<Message> messages = new ArrayList<>();
        while (true) {
            Message m = read();
            if (m == null) {
                throw new EOFException("connection closed before ReadyForQuery; got " + messages);
            }
            messages.add(m);
            if (m.type() == 'Z') {
                return messages;
            }
        }
    }

    /**
     * Reads until the server closes the connection and returns what came before (for instance a
     * FATAL ErrorResponse). Throws SocketTimeoutException if it stays open.
     */
    List<Message> readUntilClosed() throws IOException {
        List<Message> messages = new ArrayList<>();
        while (true) {
            Message m;
            try {
                m = read();
            } catch (EOFException e) {
                return messages;
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("server kept the connection open; got " + messages);
            } catch (IOException e) {
                // A reset also means the server dropped the connection.
                return messages;
            }
            if (m == null) {
                return messages;
            }
            messages.add(m);
        }
    }

    /**
     * Answers the server's authentication requests after a StartupMessage. Returns null once
     * logged in (ReadyForQuery seen), or the ErrorResponse that refused the login.
     */
    Message authenticate(String password) throws IOException {
        ScramExchange scram = null;
        while (true) {
            Message m = read();
            if (m == null) {
                throw new EOFException("connection closed during authentication");
            }
            switch (m.type()) {
                case 'E' -> {
                    return m;
                }
                case 'Z' -> {
                    return null;
                }
                case 'R' -> {
                    int code = m.intAt(0);
                    switch (code) {
                        case 0 -> { }
                        case 10 -> {
                            saslMechanisms.addAll(cStrings(m.body(), 4));
                            if (!saslMechanisms.contains("SCRAM-SHA-256")) {
                                throw new IOException("server offers no SCRAM-SHA-256: " + saslMechanisms);
                            }
                            scram = new ScramExchange(password);
                            ByteArrayOutputStream body = new ByteArrayOutputStream();
                            writeCString(body, "SCRAM-SHA-256");
                            byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
                            writeInt(body, first.length);
                            body.writeBytes(first);
                            send('p', body.toByteArray());
                        }
                        case 11 -> {
                            String serverFirst = new String(m.body(), 4, m.body().length - 4, StandardCharsets.UTF_8);
                            send('p', scram.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8));
                        }
                        case 12 -> {
                            String serverFinal = new String(m.body(), 4, m.body().length - 4, StandardCharsets.UTF_8);
                            scram.verifyServerFinal(serverFinal);
                        }
                        default -> throw new IOException("unexpected authentication request " + code);
                    }
                }
                default -> { } // ParameterStatus, BackendKeyData, NoticeResponse
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static List<String> cStrings(byte[] body, int offset) {
        List<String> strings = new ArrayList<>();
        int i = offset;
        while (i < body.length && body[i] != 0) {
            int end = i;
            while (body[end] != 0) {
                end++;
            }
            strings.add(new String(body, i, end - i, StandardCharsets.UTF_8));
            i = end + 1;
        }
        return strings;
    }

    static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    static void writeCString(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    /** The client side of one SCRAM-SHA-256 exchange without channel binding. */
    private static final class ScramExchange {
        private final String password;
        private final String clientNonce;
        private String clientFirstBare;
        private byte[] expectedServerSignature;

        ScramExchange(String password) {
            this.password = password;
            byte[] nonce = new byte[18];
            new SecureRandom().nextBytes(nonce);
            this.clientNonce = Base64.getEncoder().encodeToString(nonce);
        }

        String clientFirst() {
            // PostgreSQL takes the user from the startup packet, so the SCRAM user name stays empty.
            clientFirstBare = "n=,r=" + clientNonce;
            return "n,," + clientFirstBare;
        }

        String clientFinal(String serverFirst) throws IOException {
            String nonce = null;
            String salt = null;
            int iterations = 0;
            for (String attribute : serverFirst.split(",")) {
                if (attribute.startsWith("r=")) {
                    nonce = attribute.substring(2);
                } else if (attribute.startsWith("s=")) {
                    salt = attribute.substring(2);
                } else if (attribute.startsWith("i=")) {
                    iterations = Integer.parseInt(attribute.substring(2));
                }
            }
            if (nonce == null || salt == null || iterations <= 0 || !nonce.startsWith(clientNonce)) {
                throw new IOException("bad SCRAM server-first-message: " + serverFirst);
            }
            String clientFinalWithoutProof = "c=biws,r=" + nonce;
            String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof;
            try {
                byte[] saltedPassword = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(salt),
                                iterations, 256))
                        .getEncoded();
                byte[] clientKey = hmac(saltedPassword, "Client Key");
                byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
                byte[] clientSignature = hmac(storedKey, authMessage);
                byte[] proof = new byte[clientKey.length];
                for (int i = 0; i < proof.length; i++) {
                    proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
                }
                expectedServerSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
                return clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        void verifyServerFinal(String serverFinal) throws IOException {
            if (!serverFinal.startsWith("v=")
                    || !MessageDigest.isEqual(Base64.getDecoder().decode(serverFinal.substring(2)),
                            expectedServerSignature)) {
                throw new IOException("server signature does not verify: " + serverFinal);
            }
        }

        private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
    }
}
