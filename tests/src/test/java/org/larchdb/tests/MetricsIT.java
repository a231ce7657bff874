package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Prometheus endpoint counts connections and statements. */
class MetricsIT {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void connectionsAndSelectsAreCounted() throws Exception {
        server.assumeInProcess("metrics come from the in-process server");
        String before = scrape();
        double connectionsBefore = PrometheusText.sum(before, "larch_connections_total", Map.of());
        double selectsBefore = PrometheusText.sum(before, "larch_statements_seconds_count", Map.of("kind", "select"));

        for (int i = 0; i < 3; i++) {
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                BasicSqlIT.column(st, "SELECT 1");
                BasicSqlIT.column(st, "SELECT 2");
            }
        }

        String after = scrape();
        double connectionsAfter = PrometheusText.sum(after, "larch_connections_total", Map.of());
        double selectsAfter = PrometheusText.sum(after, "larch_statements_seconds_count", Map.of("kind", "select"));
        assertTrue(connectionsAfter >= connectionsBefore + 3,
                "larch_connections_total " + connectionsBefore + " -> " + connectionsAfter);
        assertTrue(selectsAfter >= selectsBefore + 6,
                "larch_statements_seconds_count{kind=select} " + selectsBefore + " -> " + selectsAfter);
    }

    @Test
    void ddlAndDmlAreCountedUnderTheirOwnKind() throws Exception {
        server.assumeInProcess("metrics come from the in-process server");
        String before = scrape();
        double insertsBefore = PrometheusText.sum(before, "larch_statements_seconds_count", Map.of("kind", "insert"));
        double ddlBefore = PrometheusText.sum(before, "larch_statements_seconds_count", Map.of("kind", "ddl"));
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE metrics_t (a integer)");
            st.executeUpdate("INSERT INTO metrics_t VALUES (1)");
            st.executeUpdate("INSERT INTO metrics_t VALUES (2)");
            st.execute("DROP TABLE metrics_t");
        }
        String after = scrape();
        assertTrue(PrometheusText.sum(after, "larch_statements_seconds_count", Map.of("kind", "insert")) >= insertsBefore + 2,
                "inserts not counted");
        assertTrue(PrometheusText.sum(after, "larch_statements_seconds_count", Map.of("kind", "ddl")) >= ddlBefore + 2,
                "DDL not counted");
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
