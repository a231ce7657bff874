/**
 * The server's metrics plumbing: the Prometheus registry ({@link org.larchdb.metrics.Metrics}) with
 * JVM gauges bound, and the {@code /metrics} HTTP endpoint ({@link org.larchdb.metrics.MetricsHttpServer})
 * that Prometheus scrapes.
 *
 * <p>Other modules record through the Micrometer API on the registry the server hands them; they never
 * depend on this package's classes directly, and this package knows nothing of SQL, sessions or pgwire.
 * It adds no dependency beyond Micrometer: the endpoint runs on the JDK's built-in HTTP server.
 */
package org.larchdb.metrics;
