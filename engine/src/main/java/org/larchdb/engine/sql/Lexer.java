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
                int start = i;
                i += escapes ? 2 : 1;
                StringBuilder sb = new StringBuilder();
                boolean closed = false;
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
                    } else if (d == '\'') {
                        if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                            sb.append('\'');
                            i += 2;
                        } else {
                            i++;
                            closed = true;
                            break;
                        }
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "unterminated quoted string at or near \""
                            + sql.substring(start) + "\"").withPosition(start + 1);
                }
                out.add(new Token(Token.Kind.STRING, sb.toString(), start));
            } else if (c == '"') {
                int start = i;
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '"') {
                        if (i + 1 < n && sql.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                        } else {
                            i++;
                            closed = true;
                            break;
                        }
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                if (!closed) {
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
                out.add(new Token(Token.Kind.IDENT, sql.substring(start, i).toLowerCase(Locale.ROOT), start));
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
}
