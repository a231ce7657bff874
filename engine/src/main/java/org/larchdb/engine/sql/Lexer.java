package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Tokenizes statement text following PostgreSQL's lexical rules (enough for utility statements and
 * for {@link PreParse} to find keywords outside quotes, comments and dollar quotes).
 */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
                boolean escapes = c != '\'';
                StringBuilder sb = new StringBuilder();
                int start = i;
                i = scanQuoted(sql, i + (escapes ? 2 : 1), '\'', escapes, sb);
                if (i < 0) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "unterminated quoted string at or near \""
                            + sql.substring(start) + "\"").withPosition(start + 1);
                }
                out.add(new Token(Token.Kind.STRING, sb.toString(), start));
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                int start = i;
                i = scanQuoted(sql, i + 1, '"', false, sb);
                if (i < 0) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "unterminated quoted identifier at or near \""
                            + sql.substring(start) + "\"").withPosition(start + 1);
                }
                out.add(new Token(Token.Kind.QUOTED_IDENT, sb.toString(), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(Token.Kind.IDENT, sql.substring(start, i).toLowerCase(Locale.ROOT), start,
                        sql.substring(start, i)));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int start = i;
                while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                        j++;
                    }
                    if (j < n && Character.isDigit(sql.charAt(j))) {
                        i = j;
                        while (i < n && Character.isDigit(sql.charAt(i))) {
                            i++;
                        }
                    }
                }
                out.add(new Token(Token.Kind.NUMBER, sql.substring(start, i), start));
            } else if (c == '$' && SqlSplitter.dollarTagEnd(sql, i) > 0) {
                // Dollar quoting ($$...$$, $tag$...$tag$): the body is a string, taken verbatim.
                int start = i;
                int bodyStart = SqlSplitter.dollarTagEnd(sql, i);
                String tag = sql.substring(i, bodyStart);
                int close = sql.indexOf(tag, bodyStart);
                if (close < 0) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "unterminated dollar-quoted string at or near \""
                            + sql.substring(start) + "\"").withPosition(start + 1);
                }
                out.add(new Token(Token.Kind.STRING, sql.substring(bodyStart, close), start));
                i = close + tag.length();
            } else {
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i));
                i++;
            }
        }
        out.add(new Token(Token.Kind.END, "", n));
        return out;
    }

    /**
     * Reads the body of a quoted string or identifier starting at {@code i} (after the opening quote)
     * into {@code sb}: a doubled quote stands for one, and with {@code escapes} (E'...') backslash
     * escapes apply. Returns the index after the closing quote, or -1 when it is missing.
     */
    private static int scanQuoted(String sql, int i, char quote, boolean escapes, StringBuilder sb) {
        int n = sql.length();
        while (i < n) {
            char d = sql.charAt(i);
            if (escapes && d == '\\' && i + 1 < n) {
                char e = sql.charAt(i + 1);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> e;
                });
                i += 2;
            } else if (d == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    sb.append(quote);
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                sb.append(d);
                i++;
            }
        }
        return -1;
    }
}
