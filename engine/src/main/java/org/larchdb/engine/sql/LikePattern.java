package org.larchdb.engine.sql;

import java.util.regex.Pattern;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.ScalarFunction;

/**
 * LIKE and ILIKE: {@code %} matches any sequence, {@code _} any one character, the escape character
 * (backslash unless ESCAPE gives another, empty = none) makes the next character literal.
 */
final class LikePattern {
    private LikePattern() {
    }

    static ScalarFunction function(boolean caseInsensitive, boolean explicitEscape) {
        String name = caseInsensitive ? "texticlike" : "textlike";
        return new ScalarFunction(name, true, (args, ctx) -> {
            String escape = explicitEscape ? (String) args[2] : "\\";
            return compile((String) args[1], escape, caseInsensitive).matcher((String) args[0]).matches();
        });
    }

    static Pattern compile(String pattern, String escape, boolean caseInsensitive) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw new DbException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                    .withHint("Escape string must be empty or one character.");
        }
        int esc = escape.isEmpty() ? -1 : escape.codePointAt(0);
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == esc) {
                if (i >= pattern.length()) {
                    throw new DbException(SqlState.INVALID_ESCAPE_SEQUENCE,
                            "LIKE pattern must not end with escape character");
                }
                int next = pattern.codePointAt(i);
                i += Character.charCount(next);
                regex.append(Pattern.quote(new String(Character.toChars(next))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(new String(Character.toChars(c))));
            }
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags);
    }
}
