package org.larchdb.auth.hba;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * A loaded pg_hba.conf: the ordered rules and the first-match lookup PostgreSQL's check_hba does.
 * Immutable, so a reload builds a new instance and swaps it in. Loading fails on the first bad
 * line with PostgreSQL's message and {@code line N of configuration file "F"} as DETAIL.
 */
public final class HbaConfig {

    /** Role membership as PostgreSQL's {@code +group}/{@code samerole} need it; until roles can be
     * granted, a role is a member only of itself. Arguments: (role, group). */
    public static final BiPredicate<String, String> SELF_MEMBERSHIP = String::equals;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    /** getaddrinfo's text for a non-numeric host under AI_NUMERICHOST, which PostgreSQL prints. */
    private static final String NOT_NUMERIC = "Name or service not known";

    private final List<HbaRule> rules;

    private HbaConfig(List<HbaRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<HbaRule> rules() {
        return rules;
    }

    public static HbaConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbException(SqlState.IO_ERROR,
                    "could not open configuration file \"" + file + "\": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static HbaConfig parse(String text, String fileName) {
        List<HbaRule> rules = new ArrayList<>();
        for (HbaTokenizer.Line line : HbaTokenizer.tokenize(text, fileName)) {
            try {
                rules.add(parseLine(line));
            } catch (DbException e) {
                throw lineError(e, line.lineNumber(), fileName);
            }
        }
        if (rules.isEmpty()) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                    "configuration file \"" + fileName + "\" contains no entries");
        }
        return new HbaConfig(rules);
    }

    /** The first rule matching a connection; {@code client} is null for a Unix-domain socket. */
    public Optional<HbaRule> match(boolean ssl, String database, String user, InetAddress client) {
        return match(ssl, database, user, client, SELF_MEMBERSHIP);
    }

    /** As {@link #match(boolean, String, String, InetAddress)} with role membership (role, group) plugged in. */
    public Optional<HbaRule> match(boolean ssl, String database, String user, InetAddress client,
                                   BiPredicate<String, String> isMember) {
        InetAddress normalized = client == null ? null : normalize(client);
        for (HbaRule rule : rules) {
            if (connectionTypeMatches(rule, ssl, normalized)
                    && (normalized == null || rule.address().matches(normalized))
                    && databaseMatches(rule.databases(), database, user, isMember)
                    && userMatches(rule.users(), user, isMember)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** 28000 when no line matches, worded as PostgreSQL 15 (without SSL). */
    public static DbException noEntry(InetAddress client, String user, String database) {
        return noEntry(client, user, database, false);
    }

    public static DbException noEntry(InetAddress client, String user, String database, boolean ssl) {
        return fatal("no pg_hba.conf entry for host \"" + hostText(client) + "\", user \"" + user
                + "\", database \"" + database + "\", " + encryption(ssl));
    }

    /** 28000 when the matching line says {@code reject}. */
    public static DbException rejected(InetAddress client, String user, String database) {
        return rejected(client, user, database, false);
    }

    public static DbException rejected(InetAddress client, String user, String database, boolean ssl) {
        return fatal("pg_hba.conf rejects connection for host \"" + hostText(client) + "\", user \"" + user
                + "\", database \"" + database + "\", " + encryption(ssl));
    }

    private static DbException fatal(String message) {
        return new DbException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, message)
                .withSeverity(DbException.Severity.FATAL);
    }

    private static String encryption(boolean ssl) {
        return ssl ? "SSL encryption" : "no encryption";
    }

    /** The host as PostgreSQL prints it: numeric, compressed IPv6, "[local]" for a Unix socket. */
    static String hostText(InetAddress client) {
        if (client == null) {
            return "[local]";
        }
        InetAddress a = normalize(client);
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952: only runs of two or more zero groups are compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** IPv4-mapped IPv6 (::ffff:a.b.c.d) compares as IPv4; scope ids are dropped. */
    static InetAddress normalize(InetAddress address) {
        byte[] b = address.getAddress();
        try {
            if (address instanceof Inet6Address) {
                // getByAddress turns a mapped address into an Inet4Address and drops the scope.
                return InetAddress.getByAddress(b);
            }
            return address;
        } catch (UnknownHostException e) {
            return address;
        }
    }

    static DbException lineError(DbException e, int lineNumber, String fileName) {
        return e.withDetail("line " + lineNumber + " of configuration file \"" + fileName + "\"");
    }

    private static boolean connectionTypeMatches(HbaRule rule, boolean ssl, InetAddress client) {
        if (client == null) {
            return rule.connectionType().equals("local");
        }
        return switch (rule.connectionType()) {
            case "host", "hostnogssenc" -> true;
            case "hostssl" -> ssl;
            case "hostnossl" -> !ssl;
            default -> false; // local; hostgssenc: GSSAPI encryption is never in use
        };
    }

    private static boolean databaseMatches(List<String> entries, String database, String user,
                                           BiPredicate<String, String> isMember) {
        for (String entry : entries) {
            String literal = HbaRule.quotedName(entry);
            boolean matches = literal != null ? literal.equals(database) : switch (entry) {
                case "all" -> true;
                case "sameuser" -> database.equals(user);
                case "samerole", "samegroup" -> isMember.test(user, database);
                case "replication" -> false; // replication connections are not supported
                default -> entry.equals(database);
            };
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static boolean userMatches(List<String> entries, String user, BiPredicate<String, String> isMember) {
        for (String entry : entries) {
            String literal = HbaRule.quotedName(entry);
            boolean matches;
            if (literal != null) {
                matches = literal.equals(user);
            } else if (entry.equals("all")) {
                matches = true;
            } else if (entry.startsWith("+")) {
                matches = isMember.test(user, entry.substring(1));
            } else {
                matches = entry.equals(user);
            }
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static HbaRule parseLine(HbaTokenizer.Line line) {
        List<List<HbaTokenizer.Token>> fields = line.fields();
        int f = 0;
        HbaTokenizer.Token typeToken = single(fields.get(f++), "multiple values specified for connection type",
                "Specify exactly one connection type per line.");
        String type = typeToken.text();
        switch (type) {
            case "local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc" -> { }
            default -> throw invalid("invalid connection type \"" + type + "\"");
        }
        if (f >= fields.size()) {
            throw invalid("end-of-line before database specification");
        }
        List<String> databases = names(fields.get(f++), false);
        if (f >= fields.size()) {
            throw invalid("end-of-line before role specification");
        }
        List<String> users = names(fields.get(f++), true);
        HbaAddress address = new HbaAddress.Local();
        if (!type.equals("local")) {
            if (f >= fields.size()) {
                throw invalid("end-of-line before IP address specification");
            }
            String addressText = single(fields.get(f++), "multiple values specified for host address",
                    "Specify one address per line.").text();
            switch (addressText) {
                case "all" -> address = new HbaAddress.All();
                case "samehost" -> address = new HbaAddress.SameHost();
                case "samenet" -> address = new HbaAddress.SameNet();
                default -> {
                    int slash = addressText.indexOf('/');
                    if (slash >= 0) {
                        address = cidr(addressText, slash);
                    } else {
                        InetAddress ip = ipLiteral(addressText, "invalid IP address");
                        if (f >= fields.size()) {
                            throw invalid("end-of-line before netmask specification")
                                    .withHint("Specify an address range in CIDR notation, or provide a separate netmask.");
                        }
                        String maskText = single(fields.get(f++), "multiple values specified for netmask", null).text();
                        InetAddress mask = ipLiteral(maskText, "invalid IP mask");
                        if (ip.getAddress().length != mask.getAddress().length) {
                            throw invalid("IP address and mask do not match");
                        }
                        address = new HbaAddress.Network(ip, mask);
                    }
                }
            }
        }
        if (f >= fields.size()) {
            throw invalid("end-of-line before authentication method");
        }
        AuthMethod method = AuthMethod.parse(single(fields.get(f++),
                "multiple values specified for authentication type",
                "Specify exactly one authentication type per line.").text());
        if (f < fields.size()) {
            String option = fields.get(f).get(0).text();
            int eq = option.indexOf('=');
            if (eq < 0) {
                throw invalid("authentication option not in name=value format: " + option);
            }
            throw invalid("unrecognized authentication option name: \"" + option.substring(0, eq) + "\"");
        }
        return new HbaRule(line.lineNumber(), type, databases, users, address, method);
    }

    private static HbaAddress cidr(String text, int slash) {
        String addressPart = text.substring(0, slash);
        String bitsPart = text.substring(slash + 1);
        InetAddress ip = ipLiteral(addressPart, "invalid IP address");
        int maxBits = ip.getAddress().length * 8;
        if (!bitsPart.matches("\\d{1,3}") || Integer.parseInt(bitsPart) > maxBits
                + (ip instanceof Inet4Address && addressPart.contains(":") ? 96 : 0)) {
            throw invalid("invalid CIDR mask in address \"" + text + "\"");
        }
        int bits = Integer.parseInt(bitsPart);
        if (ip instanceof Inet4Address && addressPart.contains(":")) {
            // An IPv4-mapped IPv6 network: clients are compared as IPv4, so is the rule.
            bits = Math.max(0, bits - 96);
        }
        return HbaAddress.Network.ofPrefix(ip, bits);
    }

    /** Parses a numeric address without ever doing a DNS lookup (host names are not supported). */
    private static InetAddress ipLiteral(String text, String what) {
        try {
            if (IPV4.matcher(text).matches()) {
                String[] parts = text.split("\\.");
                byte[] bytes = new byte[4];
                boolean valid = true;
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    valid &= octet <= 255;
                    bytes[i] = (byte) octet;
                }
                if (valid) {
                    return InetAddress.getByAddress(bytes);
                }
            } else if (IPV6.matcher(text).matches()) {
                // Starts with a hex digit or ':' and contains ':': the JDK parses it as an IPv6
                // literal or throws, it never resolves it.
                return InetAddress.getByName(text);
            }
        } catch (UnknownHostException e) {
            // falls through to the error below
        }
        DbException error = invalid(what + " \"" + text + "\": " + NOT_NUMERIC);
        if (what.equals("invalid IP address") && text.matches("[A-Za-z0-9.-]+")) {
            throw error.withHint("Host names are not supported in pg_hba.conf by LarchDB; use an IP address.");
        }
        throw error;
    }

    private static HbaTokenizer.Token single(List<HbaTokenizer.Token> field, String multipleMessage, String hint) {
        if (field.size() != 1) {
            DbException e = invalid(multipleMessage);
            throw hint == null ? e : e.withHint(hint);
        }
        return field.get(0);
    }

    private static List<String> names(List<HbaTokenizer.Token> field, boolean userColumn) {
        List<String> names = new ArrayList<>(field.size());
        for (HbaTokenizer.Token token : field) {
            if (!token.quoted() && token.text().startsWith("@")) {
                throw invalid("could not open secondary authentication file \"" + token.text() + "\"")
                        .withHint("Including files with @ is not supported by LarchDB.");
            }
            names.add(token.quoted() ? HbaRule.literal(token.text(), userColumn) : token.text());
        }
        return names;
    }

    private static DbException invalid(String message) {
        return new DbException(SqlState.INVALID_PARAMETER_VALUE, message);
    }
}
