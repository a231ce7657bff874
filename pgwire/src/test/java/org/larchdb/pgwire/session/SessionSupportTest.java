package org.larchdb.pgwire.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.larchdb.engine.StatementKind;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.junit.jupiter.api.Test;

class SessionSupportTest {
    @Test
    void formatCodesFollowTheProtocolRule() {
        assertArrayEquals(new short[] {0, 0, 0}, ResultWriter.resolveFormats(new short[0], 3));
        assertArrayEquals(new short[] {1, 1}, ResultWriter.resolveFormats(new short[] {1}, 2));
        assertArrayEquals(new short[] {0, 1}, ResultWriter.resolveFormats(new short[] {0, 1}, 2));
    }

    @Test
    void positionsAreShiftedToTheWholeQueryString() {
        DbException e = new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"x\"").withPosition(3);
        assertEquals(13, ClientConnection.shiftPosition(e, 10).position());
        assertEquals(3, ClientConnection.shiftPosition(e, 0).position());
        DbException noPosition = new DbException(SqlState.SYNTAX_ERROR, "x");
        assertEquals(0, ClientConnection.shiftPosition(noPosition, 10).position());
    }

    @Test
    void cancelNeedsTheRightSecret() {
        CancelKeyRegistry registry = new CancelKeyRegistry();
        int[] cancelled = {0};
        registry.register(17, 1234, () -> cancelled[0]++);
        assertFalse(registry.cancel(17, 999));
        assertFalse(registry.cancel(18, 1234));
        assertTrue(registry.cancel(17, 1234));
        assertEquals(1, cancelled[0]);
        registry.unregister(17, 1234);
        assertFalse(registry.cancel(17, 1234));
    }

    @Test
    void metricsAreRegistered() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProtocolMetrics metrics = new ProtocolMetrics(registry);
        metrics.statementExecuted(StatementKind.SELECT, TimeUnit.MILLISECONDS.toNanos(3));
        metrics.statementExecuted(null, 1);
        metrics.authenticationFailed();
        metrics.connectionAccepted();
        metrics.error(SqlState.UNDEFINED_TABLE);
        metrics.error(SqlState.SYNTAX_ERROR);
        assertEquals(1, registry.get("larch.statements").tag("kind", "select").timer().count());
        assertEquals(1, registry.get("larch.statements").tag("kind", "other").timer().count());
        assertEquals(1.0, registry.get("larch.auth.failures").counter().count());
        assertEquals(1.0, registry.get("larch.connections").counter().count());
        assertEquals(2.0, registry.get("larch.errors").tag("class", "42").counter().count());
        assertEquals(0.0, registry.get("larch.connections.current").gauge().value());
    }
}
