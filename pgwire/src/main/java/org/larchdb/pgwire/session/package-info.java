/**
 * One connection's protocol state machine (startup → authentication → ready → simple or extended
 * query, failed-until-Sync) on its own virtual thread, mapping messages onto engine
 * {@link org.larchdb.engine.Session} calls.
 *
 * <p>Everything here may block (engine calls, waiting for the socket to drain) and so must never run
 * on a Netty event loop: the event loop only enqueues decoded messages into {@link
 * org.larchdb.pgwire.session.ClientConnection}. Waits use java.util.concurrent, never {@code synchronized}.
 */
package org.larchdb.pgwire.session;
