package org.larchdb.pgwire.session;

/**
 * Thrown by {@link ClientOutput} when the client has gone: it unwinds a statement that is still
 * streaming rows so the connection can cancel and close its session at once.
 */
public final class ClientDisconnectedException extends RuntimeException {
    public ClientDisconnectedException() {
        super("client connection closed", null, false, false);
    }
}
