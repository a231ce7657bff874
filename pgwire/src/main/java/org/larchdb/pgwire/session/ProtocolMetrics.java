package org.larchdb.pgwire.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.larchdb.engine.StatementKind;
import org.larchdb.engine.error.SqlState;

/** The front end's meters: connections, authentication failures, statement timings and errors by class. */
public final class ProtocolMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger currentConnections = new AtomicInteger();
    private final Counter connections;
    private final Counter rejectedConnections;
    private final Counter authenticationFailures;
    private final Map<StatementKind, Timer> statementTimers = new EnumMap<>(StatementKind.class);
    private final Map<String, Counter> errorsByClass = new ConcurrentHashMap<>();

    public ProtocolMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("larch.connections.current", currentConnections);
        connections = Counter.builder("larch.connections")
                .description("Client connections accepted since server start").register(registry);
        rejectedConnections = Counter.builder("larch.connections.rejected")
                .description("Client connections refused (too many clients, hba)").register(registry);
        authenticationFailures = Counter.builder("larch.auth.failures")
                .description("Failed client authentications").register(registry);
        // Registered up front so the map is read-only afterwards and safe to share between connections.
        for (StatementKind kind : StatementKind.values()) {
            statementTimers.put(kind, Timer.builder("larch.statements")
                    .description("Statement execution time")
                    .tag("kind", kind.label())
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    /** The number of connections currently open (also the max_connections count). */
    public AtomicInteger currentConnections() {
        return currentConnections;
    }

    public void connectionAccepted() {
        connections.increment();
    }

    public void connectionRejected() {
        rejectedConnections.increment();
    }

    public void authenticationFailed() {
        authenticationFailures.increment();
    }

    public void statementExecuted(StatementKind kind, long nanos) {
        statementTimers.get(kind == null ? StatementKind.OTHER : kind).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void error(SqlState state) {
        errorsByClass.computeIfAbsent(state.sqlClass(), sqlClass -> Counter.builder("larch.errors")
                .description("Errors reported to clients, by SQLSTATE class")
                .tag("class", sqlClass)
                .register(registry)).increment();
    }
}
