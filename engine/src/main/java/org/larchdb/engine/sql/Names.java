package org.larchdb.engine.sql;

import java.util.Locale;

/** SQL identifier rules: unquoted names fold to lower case, quoted ones keep their case. */
final class Names {
    private Names() {
    }

    /** The identifier as PostgreSQL stores it ("Ab" → Ab, Ab → ab). */
    static String identifier(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw.toLowerCase(Locale.ROOT);
    }
}
