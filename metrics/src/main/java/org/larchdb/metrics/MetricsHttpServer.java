package org.larchdb.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} answers the registry in the text exposition
 * format 0.0.4; every other path is 404. Runs on the JDK's HTTP server so the metrics module needs no
 * web framework; each scrape runs on its own virtual thread (scrapes are rare and short).
 */
public final class MetricsHttpServer implements AutoCloseable {
    /** The content type Prometheus expects for the text format the registry's {@code scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String PATH = "/metrics";

    private static final Logger LOG = Logger.getLogger(MetricsHttpServer.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free port, see {@link #port()}) and starts serving.
     *
     * @throws UncheckedIOException when the address cannot be bound (port in use, unknown host)
     */
    public static MetricsHttpServer start(PrometheusMeterRegistry registry, String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind metrics endpoint to " + host + ":" + port, e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(registry, exchange));
        server.start();
        return new MetricsHttpServer(server, executor);
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting scrapes, lets a running one finish briefly, and frees the port. */
    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private static void handle(PrometheusMeterRegistry registry, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!PATH.equals(path)) {
                sendText(exchange, 404, "404 Not Found\n");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendText(exchange, 405, "405 Method Not Allowed\n");
                return;
            }
            String body;
            try {
                body = registry.scrape();
            } catch (RuntimeException e) {
                // A broken gauge must not take the endpoint down; report it and answer 500.
                LOG.log(Level.WARNING, "metrics scrape failed", e);
                sendText(exchange, 500, "500 Internal Server Error\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            sendText(exchange, 200, body);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
