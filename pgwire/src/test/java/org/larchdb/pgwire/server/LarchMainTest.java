package org.larchdb.pgwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.error.DbException;
import org.junit.jupiter.api.Test;

class LarchMainTest {
    @Test
    void parsesCommandLine() {
        ServerOptions options = LarchMain.parse(new String[] {"start", "--data", "/tmp/d", "--port", "0",
                "--listen", "0.0.0.0", "--metrics-port", "-1", "--config", "/tmp/x.conf"});
        assertEquals(Path.of("/tmp/d"), options.dataDir());
        assertEquals(Path.of("/tmp/x.conf"), options.configFile());
        assertEquals(Map.of("port", "0", "listen_addresses", "0.0.0.0", "metrics_port", "-1"), options.overrides());
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThrows(IllegalArgumentException.class, () -> LarchMain.parse(new String[] {"--bogus", "1"}));
        assertThrows(IllegalArgumentException.class, () -> LarchMain.parse(new String[] {"start", "--port"}));
    }

    @Test
    void listenAddresses() throws Exception {
        assertEquals(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")),
                LarchServer.listenAddresses("127.0.0.1, ::1"));
        assertEquals(List.of(InetAddress.getByName("0.0.0.0")), LarchServer.listenAddresses("*"));
        assertThrows(DbException.class, () -> LarchServer.listenAddresses(" , "));
    }

    @Test
    void generatedPasswordsDiffer() {
        SecureRandom random = new SecureRandom();
        String a = LarchServer.generatePassword(random);
        assertEquals(20, a.length());
        assertEquals(false, a.equals(LarchServer.generatePassword(random)));
    }
}
