package org.larchdb.tests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * A socket factory for pgjdbc ({@code socketFactory=org.larchdb.tests.KillableSocketFactory},
 * {@code socketFactoryArg=<key>}) that remembers each connection's socket under its key, so a test
 * can close it abruptly — a client dying mid-transaction, with no Terminate message.
 * ({@code Connection.abort} would do, but pgjdbc's needs a SecurityManager check that JDK 24 refuses.)
 */
public final class KillableSocketFactory extends SocketFactory {
    private static final Map<String, Socket> SOCKETS = new ConcurrentHashMap<>();

    private final String key;

    /** Called by pgjdbc with the socketFactoryArg property. */
    public KillableSocketFactory(String key) {
        this.key = key;
    }

    /** Closes the socket of the connection opened with {@code key}. */
    static void kill(String key) throws IOException {
        Socket s = SOCKETS.remove(key);
        if (s == null) {
            throw new IllegalStateException("no socket for " + key);
        }
        s.close();
    }

    private Socket remember(Socket s) {
        SOCKETS.put(key, s);
        return s;
    }

    @Override
    public Socket createSocket() {
        return remember(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return remember(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return remember(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return remember(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return remember(new Socket(address, port, localAddress, localPort));
    }
}
