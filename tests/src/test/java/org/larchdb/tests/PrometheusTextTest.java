package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String SAMPLE = """
            # HELP larch_connections_total Connections accepted
            # TYPE larch_connections_total counter
            larch_connections_total 7.0
            larch_statements_seconds_count{kind="select",outcome="ok",} 5.0
            larch_statements_seconds_count{kind="select",outcome="error",} 2.0
            larch_statements_seconds_count{kind="insert",outcome="ok"} 3
            larch_statements_seconds_sum{kind="select",outcome="ok",} 0.25
            weird{a="x\\"y,z"} 1
            """;

    @Test
    void sumsMatchingSamples() {
        assertEquals(7.0, PrometheusText.sum(SAMPLE, "larch_connections_total", Map.of()));
        assertEquals(7.0, PrometheusText.sum(SAMPLE, "larch_statements_seconds_count", Map.of("kind", "select")));
        assertEquals(10.0, PrometheusText.sum(SAMPLE, "larch_statements_seconds_count", Map.of()));
        assertEquals(3.0, PrometheusText.sum(SAMPLE, "larch_statements_seconds_count", Map.of("kind", "insert")));
    }

    @Test
    void missingMetricReadsZeroAndEscapedLabelsParse() {
        assertEquals(0.0, PrometheusText.sum(SAMPLE, "larch_nothing_total", Map.of()));
        assertEquals(1.0, PrometheusText.sum(SAMPLE, "weird", Map.of("a", "x\"y,z")));
    }
}
