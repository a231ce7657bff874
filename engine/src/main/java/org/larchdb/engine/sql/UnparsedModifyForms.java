package org.larchdb.engine.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.larchdb.engine.error.DbException;

/**
 * PostgreSQL forms of INSERT … ON CONFLICT and DELETE … USING that JSqlParser 5.1 cannot parse:
 * an expression in the conflict target ({@code ON CONFLICT ((lower(v)))}) and a USING list with
 * subqueries, functions or JOINs. When parsing failed, these are answered with 0A000 naming the
 * feature instead of a syntax error the user did not make. Only the failing statement's text is
 * looked at, so a statement that parses is never affected.
 */
final class UnparsedModifyForms {
    private static final Pattern CONFLICT_TARGET = Pattern.compile("\\bon\\s+conflict\\s*\\(");
    private static final Pattern DELETE_USING = Pattern.compile("^\\s*delete\\s+from\\s.*?\\busing\\b(.*?)"
            + "(\\bwhere\\b|\\breturning\\b|$)", Pattern.DOTALL);
    private static final Pattern JOIN = Pattern.compile("\\bjoin\\b");

    private UnparsedModifyForms() {
    }

    /** {@code syntaxError} as is, or a 0A000 for one of the forms above. */
    static DbException classify(String sql, DbException syntaxError) {
        String text = sql.toLowerCase(Locale.ROOT);
        Matcher conflict = CONFLICT_TARGET.matcher(text);
        if (conflict.find() && innerParenthesis(text, conflict.end())) {
            return DbException.notSupported("expressions in an ON CONFLICT target");
        }
        Matcher using = DELETE_USING.matcher(text);
        if (using.find() && (using.group(1).contains("(") || JOIN.matcher(using.group(1)).find())) {
            return DbException.notSupported("subqueries, functions and JOINs in DELETE ... USING");
        }
        return syntaxError;
    }

    /** Whether the parenthesized list opened just before {@code from} holds another parenthesis. */
    private static boolean innerParenthesis(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                return true;
            }
            if (c == ')') {
                return false;
            }
        }
        return false;
    }
}
