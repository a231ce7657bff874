package org.larchdb.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsHttpServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PrometheusMeterRegistry registry;
    private MetricsHttpServer server;

    @BeforeEach
    void start() {
        registry = Metrics.newRegistry();
        server = MetricsHttpServer.start(registry, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
        client.close();
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesCountersInPrometheusTextFormat() throws Exception {
        registry.counter("larch.test").increment();

        HttpResponse<String> response = send("GET", "/metrics");

        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("larch_test_total 1.0"), response.body());
    }

    @Test
    void exposesJvmMeters() throws Exception {
        String body = send("GET", "/metrics").body();

        for (String name : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "system_cpu_count", "process_uptime_seconds"}) {
            assertTrue(body.contains(name), name + " missing from scrape");
        }
    }

    @Test
    void answersNotFoundElsewhere() throws Exception {
        assertEquals(404, send("GET", "/").statusCode());
        assertEquals(404, send("GET", "/metrics/extra").statusCode());
        assertEquals(404, send("GET", "/favicon.ico").statusCode());
    }

    @Test
    void rejectsOtherMethodsOnMetrics() throws Exception {
        HttpResponse<String> response = send("POST", "/metrics");

        assertEquals(405, response.statusCode());
        assertEquals("GET", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void picksAFreePortAndReleasesItOnClose() throws Exception {
        int port = server.port();
        assertTrue(port > 0);

        server.close();

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        assertThrows(ConnectException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        // The port is free again: a new endpoint can take it.
        server = MetricsHttpServer.start(registry, "127.0.0.1", port);
        assertEquals(port, server.port());
    }

    @Test
    void reportsABusyPort() {
        assertThrows(UncheckedIOException.class,
                () -> MetricsHttpServer.start(registry, "127.0.0.1", server.port()));
    }
}
