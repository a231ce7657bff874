package org.larchdb.auth.hba;

import java.util.List;

/**
 * One line of pg_hba.conf.
 *
 * <p>{@code databases} and {@code users} hold the words as pg_hba_file_rules shows them: keywords
 * ({@code all}, {@code sameuser}, {@code samerole}, {@code replication}, {@code +group}) bare, and
 * a literal name that would read as a keyword (or starts with {@code "}) in double quotes — so
 * {@code "all"} is the role named all. {@code address} is {@link HbaAddress.Local} for {@code local}
 * lines.
 *
 * @param connectionType local, host, hostssl, hostnossl, hostgssenc or hostnogssenc
 */
public record HbaRule(int lineNumber, String connectionType, List<String> databases, List<String> users,
                      HbaAddress address, AuthMethod method) {

    public HbaRule {
        databases = List.copyOf(databases);
        users = List.copyOf(users);
    }

    /** A literal name as stored in {@link #databases}/{@link #users}: quoted when it would read as a keyword. */
    static String literal(String name, boolean userColumn) {
        boolean looksSpecial = switch (name) {
            case "all", "sameuser", "samerole", "samegroup", "replication" -> true;
            default -> name.startsWith("\"") || (userColumn && name.startsWith("+"));
        };
        return looksSpecial ? "\"" + name + "\"" : name;
    }

    /** The literal name a quoted entry stands for, or null when the entry is a keyword or unquoted name. */
    static String quotedName(String entry) {
        return entry.length() >= 2 && entry.startsWith("\"") && entry.endsWith("\"")
                ? entry.substring(1, entry.length() - 1) : null;
    }
}
