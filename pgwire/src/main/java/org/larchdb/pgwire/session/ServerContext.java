package org.larchdb.pgwire.session;

import java.security.SecureRandom;
import org.larchdb.engine.Database;

/**
 * What every connection shares: the database, authentication rules, cancel keys, metrics and the
 * connection limit. Built once by the server.
 */
public record ServerContext(Database database, ClientAuthentication authentication, CancelKeyRegistry cancelKeys,
                            ProtocolMetrics metrics, int maxConnections, long authenticationTimeoutMillis,
                            boolean logConnections, SecureRandom random) {
}
