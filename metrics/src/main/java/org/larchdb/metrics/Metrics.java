package org.larchdb.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds the server's meter registry. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * A Prometheus registry with the JVM's memory, GC, thread, class-loading, CPU and uptime meters
     * bound. No common tags: one process is one server, and Prometheus adds instance/job labels itself.
     * Closing the registry also closes the binders that hold resources (the GC binder registers JMX
     * notification listeners that would otherwise outlive it).
     */
    public static PrometheusMeterRegistry newRegistry() {
        List<AutoCloseable> closeables = new ArrayList<>();
        PrometheusMeterRegistry registry = new ClosingRegistry(closeables);
        List<MeterBinder> binders = List.of(
                new JvmMemoryMetrics(),
                new JvmGcMetrics(),
                new JvmThreadMetrics(),
                new ClassLoaderMetrics(),
                new ProcessorMetrics(),
                new UptimeMetrics());
        for (MeterBinder binder : binders) {
            binder.bindTo(registry);
            if (binder instanceof AutoCloseable closeable) {
                closeables.add(closeable);
            }
        }
        return registry;
    }

    /** A Prometheus registry that releases its binders' resources when it is closed. */
    private static final class ClosingRegistry extends PrometheusMeterRegistry {
        private static final Logger LOG = Logger.getLogger(Metrics.class.getName());
        private final List<AutoCloseable> closeables;

        ClosingRegistry(List<AutoCloseable> closeables) {
            super(PrometheusConfig.DEFAULT);
            this.closeables = closeables;
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                for (AutoCloseable closeable : closeables) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // Closing is best effort at shutdown: one failing binder must not keep others open.
                        LOG.log(Level.WARNING, "could not close metrics binder " + closeable, e);
                    }
                }
                closeables.clear();
            }
        }
    }
}
