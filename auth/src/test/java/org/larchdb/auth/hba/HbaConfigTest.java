package org.larchdb.auth.hba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

class HbaConfigTest {

    private static final String FILE = """
            # TYPE  DATABASE        USER            ADDRESS                 METHOD

            local   all             postgres                                trust
            host    "my db",other   alice,"bob smith" 10.1.0.0/16           scram-sha-256   # trailing comment
            hostssl all             all             192.168.1.0 255.255.255.0 md5
            hostnossl sameuser      all             192.168.1.0/24          password
            host    all             +admins         ::1/128                 trust
            host    "all"           "+plus"         0.0.0.0/0 \\
                                                                            md5
            host    replication     all             all                     trust
            host    all             all             127.0.0.1/32            reject
            host    all             all             all                     scram-sha-256
            """;

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void parsesRules() {
        HbaConfig config = HbaConfig.parse(FILE, "pg_hba.conf");
        List<HbaRule> rules = config.rules();
        assertEquals(9, rules.size());
        HbaRule second = rules.get(1);
        assertEquals(4, second.lineNumber());
        assertEquals("host", second.connectionType());
        assertEquals(List.of("my db", "other"), second.databases());
        assertEquals(List.of("alice", "bob smith"), second.users());
        assertEquals(AuthMethod.SCRAM_SHA_256, second.method());
        assertTrue(rules.get(0).address() instanceof HbaAddress.Local);
        HbaRule quoted = rules.get(5);
        assertEquals(8, quoted.lineNumber());
        assertEquals(List.of("\"all\""), quoted.databases());
        assertEquals(List.of("\"+plus\""), quoted.users());
        assertEquals(AuthMethod.MD5, quoted.method());
    }

    @Test
    void firstMatchingRuleWins() throws Exception {
        HbaConfig config = HbaConfig.parse(FILE, "pg_hba.conf");
        assertEquals(3, lineOf(config.match(false, "anydb", "postgres", null)));
        assertEquals(Optional.empty(), config.match(false, "anydb", "alice", null)); // local: only postgres
        assertEquals(4, lineOf(config.match(false, "my db", "bob smith", ip("10.1.200.3"))));
        assertEquals(12, lineOf(config.match(false, "my db", "bob smith", ip("10.2.0.1"))));
        assertEquals(12, lineOf(config.match(false, "mydb", "alice", ip("10.1.0.1"))));
        assertEquals(11, lineOf(config.match(false, "x", "y", ip("127.0.0.1"))));
    }

    @Test
    void sslDecidesBetweenHostsslAndHostnossl() throws Exception {
        HbaConfig config = HbaConfig.parse(FILE, "pg_hba.conf");
        assertEquals(5, lineOf(config.match(true, "carol", "carol", ip("192.168.1.7"))));
        assertEquals(6, lineOf(config.match(false, "carol", "carol", ip("192.168.1.7"))));
        // sameuser: database name must equal the user name
        assertEquals(12, lineOf(config.match(false, "db", "carol", ip("192.168.1.7"))));
    }

    @Test
    void groupsAndQuotedKeywords() throws Exception {
        HbaConfig config = HbaConfig.parse(FILE, "pg_hba.conf");
        // +admins: by default a role is a member only of itself
        assertEquals(7, lineOf(config.match(false, "d", "admins", ip("::1"))));
        assertEquals(12, lineOf(config.match(false, "d", "dave", ip("::1"))));
        assertEquals(7, lineOf(config.match(false, "d", "dave", ip("::1"), (role, group) -> group.equals("admins"))));
        // "all" and "+plus" quoted are plain names
        assertEquals(8, lineOf(config.match(false, "all", "+plus", ip("8.8.8.8"))));
        assertEquals(12, lineOf(config.match(false, "db", "+plus", ip("8.8.8.8"))));
        assertEquals(12, lineOf(config.match(false, "all", "plus", ip("8.8.8.8"))));
    }

    @Test
    void replicationKeywordNeverMatchesOrdinaryConnections() throws Exception {
        HbaConfig config = HbaConfig.parse("host replication all all trust\n", "f");
        assertEquals(Optional.empty(), config.match(false, "replication", "u", ip("1.2.3.4")));
    }

    @Test
    void samerole() throws Exception {
        HbaConfig config = HbaConfig.parse("host samerole all all trust\n", "f");
        assertTrue(config.match(false, "u", "u", ip("1.2.3.4")).isPresent());
        assertFalse(config.match(false, "staff", "u", ip("1.2.3.4")).isPresent());
        assertTrue(config.match(false, "staff", "u", ip("1.2.3.4"), (r, g) -> g.equals("staff")).isPresent());
    }

    @Test
    void addressForms() throws Exception {
        HbaConfig config = HbaConfig.parse("""
                host all all 10.0.0.0 255.0.0.0 trust
                host all all fe80::/10 password
                host all all 2001:db8::1/128 md5
                host all all samehost scram-sha-256
                """, "f");
        assertEquals(1, lineOf(config.match(false, "d", "u", ip("10.9.8.7"))));
        assertEquals(2, lineOf(config.match(false, "d", "u", ip("fe80::1234"))));
        assertEquals(3, lineOf(config.match(false, "d", "u", ip("2001:db8::1"))));
        assertEquals(Optional.empty(), config.match(false, "d", "u", ip("2001:db8::2")));
        assertEquals(4, lineOf(config.match(false, "d", "u", ip("127.0.0.1"))));
        assertEquals(Optional.empty(), config.match(false, "d", "u", ip("203.0.113.9")));
        // Local (Unix socket) connections never match host lines.
        assertEquals(Optional.empty(), config.match(false, "d", "u", null));
    }

    @Test
    void ipv4MappedIpv6ComparesAsIpv4() throws Exception {
        HbaConfig config = HbaConfig.parse("host all all 127.0.0.1/32 trust\n", "f");
        InetAddress mapped = java.net.Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1}, -1);
        assertTrue(config.match(false, "d", "u", mapped).isPresent());
        HbaConfig v6rule = HbaConfig.parse("host all all ::ffff:10.0.0.0/104 trust\n", "f");
        assertTrue(v6rule.match(false, "d", "u", ip("10.20.30.40")).isPresent());
        assertFalse(v6rule.match(false, "d", "u", ip("11.0.0.1")).isPresent());
    }

    @Test
    void gssencLinesAndSslNeverMatchPlainTcp() throws Exception {
        HbaConfig config = HbaConfig.parse("""
                hostgssenc all all all trust
                hostssl all all all trust
                hostnogssenc all all all md5
                """, "f");
        assertEquals(3, lineOf(config.match(false, "d", "u", ip("1.1.1.1"))));
        assertEquals(2, lineOf(config.match(true, "d", "u", ip("1.1.1.1"))));
    }

    @Test
    void authMethodWords() {
        assertEquals(AuthMethod.TRUST, AuthMethod.parse("trust"));
        assertEquals(AuthMethod.REJECT, AuthMethod.parse("reject"));
        assertEquals(AuthMethod.PASSWORD, AuthMethod.parse("password"));
        assertEquals(AuthMethod.MD5, AuthMethod.parse("md5"));
        assertEquals(AuthMethod.SCRAM_SHA_256, AuthMethod.parse("scram-sha-256"));
        assertThrows(DbException.class, () -> AuthMethod.parse("SCRAM-SHA-256"));
    }

    @Test
    void errorsNameTheLine() {
        assertError("local all all\tfoo\n", "invalid authentication method \"foo\"", 1);
        DbException peer = assertError("# c\n\nlocal all all peer\n", "invalid authentication method \"peer\"", 3);
        assertTrue(peer.hint().contains("scram-sha-256"));
        assertError("host all all 10.0.0.0 255.x.0.0 md5\n", "invalid IP mask \"255.x.0.0\": Name or service not known", 1);
        assertError("host all all 10.0.0.0/33 md5\n", "invalid CIDR mask in address \"10.0.0.0/33\"", 1);
        assertError("host all all 10.0.0.0/abc md5\n", "invalid CIDR mask in address \"10.0.0.0/abc\"", 1);
        assertError("host all all 300.0.0.1/32 md5\n", "invalid IP address \"300.0.0.1\": Name or service not known", 1);
        assertError("host all all db.example.com md5\n",
                "invalid IP address \"db.example.com\": Name or service not known", 1);
        assertError("host all all 10.0.0.0 ffff:: md5\n", "IP address and mask do not match", 1);
        assertError("host all all 10.0.0.0\n", "end-of-line before netmask specification", 1);
        assertError("hostx all all all trust\n", "invalid connection type \"hostx\"", 1);
        assertError("host,local all all all trust\n", "multiple values specified for connection type", 1);
        assertError("local\n", "end-of-line before database specification", 1);
        assertError("local all\n", "end-of-line before role specification", 1);
        assertError("local all all\n", "end-of-line before authentication method", 1);
        assertError("host all all\n", "end-of-line before IP address specification", 1);
        assertError("host all all 1.2.3.4/32,5.6.7.8/32 trust\n", "multiple values specified for host address", 1);
        assertError("local all all md5,trust\n", "multiple values specified for authentication type", 1);
        assertError("local all all md5 clientcert=verify-full\n", "unrecognized authentication option name: \"clientcert\"", 1);
        assertError("local all all md5 junk\n", "authentication option not in name=value format: junk", 1);
        assertError("local \"all all md5\n", "unterminated quoted string", 1);
        assertError("local @dbs all md5\n", "could not open secondary authentication file \"@dbs\"", 1);
    }

    @Test
    void emptyFileIsAnError() {
        DbException e = assertThrows(DbException.class, () -> HbaConfig.parse("# nothing\n\n", "pg_hba.conf"));
        assertEquals("configuration file \"pg_hba.conf\" contains no entries", e.getMessage());
    }

    private static DbException assertError(String text, String message, int line) {
        DbException e = assertThrows(DbException.class, () -> HbaConfig.parse(text, "/data/pg_hba.conf"));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.state(), text);
        assertEquals(message, e.getMessage(), text);
        assertEquals("line " + line + " of configuration file \"/data/pg_hba.conf\"", e.detail(), text);
        return e;
    }

    @Test
    void loadFromFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pg_hba.conf");
        Files.writeString(file, "host all all 127.0.0.1/32 scram-sha-256\nhost all all 0.0.0.0/0 reject\n");
        HbaConfig config = HbaConfig.load(file);
        assertEquals(AuthMethod.SCRAM_SHA_256, config.match(false, "d", "u", ip("127.0.0.1")).orElseThrow().method());
        assertEquals(AuthMethod.REJECT, config.match(false, "d", "u", ip("127.0.0.2")).orElseThrow().method());
        Files.writeString(file, "host all all 127.0.0.1/32 ident\n");
        DbException e = assertThrows(DbException.class, () -> HbaConfig.load(file));
        assertEquals("line 1 of configuration file \"" + file + "\"", e.detail());
        assertThrows(DbException.class, () -> HbaConfig.load(dir.resolve("missing.conf")));
    }

    @Test
    void failureMessages() throws Exception {
        DbException none = HbaConfig.noEntry(ip("127.0.0.1"), "u", "d");
        assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, none.state());
        assertEquals(DbException.Severity.FATAL, none.severity());
        assertEquals("no pg_hba.conf entry for host \"127.0.0.1\", user \"u\", database \"d\", no encryption",
                none.getMessage());
        assertEquals("no pg_hba.conf entry for host \"::1\", user \"u\", database \"d\", SSL encryption",
                HbaConfig.noEntry(ip("::1"), "u", "d", true).getMessage());
        assertEquals("no pg_hba.conf entry for host \"[local]\", user \"u\", database \"d\", no encryption",
                HbaConfig.noEntry(null, "u", "d").getMessage());
        DbException rejected = HbaConfig.rejected(ip("127.0.0.1"), "u", "d");
        assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, rejected.state());
        assertEquals("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"u\", database \"d\", no encryption",
                rejected.getMessage());
    }

    @Test
    void ipv6HostText() throws Exception {
        assertEquals("2001:db8::1", HbaConfig.hostText(ip("2001:db8:0:0:0:0:0:1")));
        assertEquals("fe80::1:0:0:2", HbaConfig.hostText(ip("fe80:0:0:0:1:0:0:2")));
        assertEquals("1:0:2:3:4:5:6:7", HbaConfig.hostText(ip("1:0:2:3:4:5:6:7")));
        assertEquals("::", HbaConfig.hostText(ip("::")));
        assertEquals("10.0.0.1", HbaConfig.hostText(ip("::ffff:10.0.0.1")));
    }

    private static int lineOf(Optional<HbaRule> rule) {
        assertTrue(rule.isPresent(), "a rule should match");
        return rule.get().lineNumber();
    }

    @Test
    void quotedNameHelpers() {
        assertEquals("\"all\"", HbaRule.literal("all", false));
        assertEquals("+x", HbaRule.literal("+x", false));
        assertEquals("\"+x\"", HbaRule.literal("+x", true));
        assertEquals("plain", HbaRule.literal("plain", true));
        assertNull(HbaRule.quotedName("all"));
        assertEquals("all", HbaRule.quotedName("\"all\""));
    }
}
