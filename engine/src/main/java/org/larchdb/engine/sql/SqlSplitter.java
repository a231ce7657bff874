package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.StatementText;

/**
 * Cuts a query string into statements at top-level semicolons, as PostgreSQL's lexer does for a
 * simple-query message: semicolons inside quotes, quoted identifiers, dollar quotes and comments
 * do not count. Statements that are empty or only comments are dropped.
 */
public final class SqlSplitter {
    private SqlSplitter() {
    }

    public static List<StatementText> split(String sql) {
        List<StatementText> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        boolean meaningful = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
                continue;
            }
            if (c == '\'' ) {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)));
                i = skipQuoted(sql, i, '\'', escapes);
                meaningful = true;
                continue;
            }
            if (c == '"') {
                i = skipQuoted(sql, i, '"', false);
                meaningful = true;
                continue;
            }
            if (c == '$') {
                int end = dollarTagEnd(sql, i);
                if (end > 0) {
                    String tag = sql.substring(i, end);
                    int close = sql.indexOf(tag, end);
                    i = close < 0 ? n : close + tag.length();
                    meaningful = true;
                    continue;
                }
            }
            if (c == ';') {
                if (meaningful) {
                    out.add(new StatementText(sql.substring(start, i), start));
                }
                start = i + 1;
                meaningful = false;
                i++;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                meaningful = true;
            }
            i++;
        }
        if (meaningful) {
            out.add(new StatementText(sql.substring(start), start));
        }
        return out;
    }

    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipQuoted(String sql, int i, char quote, boolean backslashEscapes) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }

    /** If a dollar-quote opening tag ($$ or $tag$) starts at i, the index after it; else -1. */
    static int dollarTagEnd(String sql, int i) {
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) {
            return -1;
        }
        int j = i + 1;
        while (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(sql.charAt(j))))) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }
}
