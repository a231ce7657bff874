package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class PgStatActivityViewTest {

    private static String text(String literal) throws UnknownHostException {
        return PgStatActivityView.inetText(InetAddress.getByName(literal));
    }

    @Test
    void addressesPrintAsPostgresInet() throws UnknownHostException {
        assertEquals("127.0.0.1", text("127.0.0.1"));
        assertEquals("::1", text("0:0:0:0:0:0:0:1"));
        assertEquals("::", text("0:0:0:0:0:0:0:0"));
        assertEquals("fe80::1:2", text("fe80:0:0:0:0:0:1:2"));
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"));
        assertEquals("1::", text("1:0:0:0:0:0:0:0"));
    }
}
