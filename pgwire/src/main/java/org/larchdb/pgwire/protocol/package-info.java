/**
 * The PostgreSQL v3 wire format: framing of client bytes into {@link org.larchdb.pgwire.protocol.FrontendMessage}
 * records ({@link org.larchdb.pgwire.protocol.FrontendFrameDecoder}) and encoding of backend messages
 * ({@link org.larchdb.pgwire.protocol.BackendMessages}).
 *
 * <p>Owns bytes only: it never calls the engine, never blocks, and runs on Netty event loops.
 * Protocol state (startup, authentication, extended-query batches) lives in {@code org.larchdb.pgwire.session}.
 */
package org.larchdb.pgwire.protocol;
