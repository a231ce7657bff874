/**
 * The runnable server: configuration file loading, the wiring of database, auth and metrics
 * ({@link org.larchdb.pgwire.server.LarchServer}), the Netty bootstrap and the command line
 * ({@link org.larchdb.pgwire.server.LarchMain}).
 *
 * <p>This is the one place where objects are wired by hand; it holds no protocol logic and makes no
 * engine calls on Netty event loops.
 */
package org.larchdb.pgwire.server;
