package org.larchdb.engine.tx.lock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The lock manager's meters; every method is a no-op without a registry. */
final class LockMetrics {
    private final Counter waits;
    private final Timer waitTime;
    private final Counter deadlocks;
    private final Counter timeouts;
    private final Counter escalations;

    LockMetrics(MeterRegistry registry) {
        if (registry == null) {
            waits = deadlocks = timeouts = escalations = null;
            waitTime = null;
            return;
        }
        waits = Counter.builder("larch.lock.waits").description("Lock requests that had to wait")
            .register(registry);
        waitTime = Timer.builder("larch.lock.wait.seconds").description("Time spent waiting for locks")
            .publishPercentileHistogram().register(registry);
        deadlocks = Counter.builder("larch.lock.deadlocks").description("Deadlocks detected (victims)")
            .register(registry);
        timeouts = Counter.builder("larch.lock.timeouts").description("Lock waits ended by lock_timeout")
            .register(registry);
        escalations = Counter.builder("larch.lock.escalations")
            .description("Row locks replaced by one relation lock").register(registry);
    }

    void waitStarted() {
        if (waits != null) {
            waits.increment();
        }
    }

    void waitEnded(long nanos) {
        if (waitTime != null) {
            waitTime.record(Duration.ofNanos(nanos));
        }
    }

    void deadlock() {
        if (deadlocks != null) {
            deadlocks.increment();
        }
    }

    void timeout() {
        if (timeouts != null) {
            timeouts.increment();
        }
    }

    void escalation() {
        if (escalations != null) {
            escalations.increment();
        }
    }
}
