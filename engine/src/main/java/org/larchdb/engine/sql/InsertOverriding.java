package org.larchdb.engine.sql;

import java.util.List;

/**
 * INSERT's {@code OVERRIDING {SYSTEM | USER} VALUE}, which JSqlParser does not parse: found by the
 * lexer, remembered, and blanked out of the text so every other position stays where it was.
 * {@code kind} is "system", "user", or null when the statement has no such clause.
 */
record InsertOverriding(String sql, String kind) {

    static InsertOverriding take(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        if (tokens.isEmpty() || !tokens.get(0).is("insert")) {
            return new InsertOverriding(sql, null);
        }
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).is("overriding") && (tokens.get(i + 1).is("system") || tokens.get(i + 1).is("user"))
                    && tokens.get(i + 2).is("value")) {
                int from = tokens.get(i).position();
                int to = tokens.get(i + 2).position() + "value".length();
                return new InsertOverriding(sql.substring(0, from) + " ".repeat(to - from) + sql.substring(to),
                        tokens.get(i + 1).text());
            }
        }
        return new InsertOverriding(sql, null);
    }
}
