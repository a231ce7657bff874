package org.larchdb.engine.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * PostgreSQL's JSON lexer and recursive-descent parser (json.c / jsonapi.c), with its error details:
 * "Token "x" is invalid.", "Expected ":", but found "1".", "The input string ended unexpectedly.".
 * It builds a jsonb tree or, for json, only validates.
 */
final class JsonParser {
    private final String text;
    private final boolean build;
    private int pos;
    /** Start and end of the current token. */
    private int tokenStart;
    private int tokenEnd;
    private Kind kind;
    private Object tokenValue;
    /** End of the token before the current one (where a value just parsed ends). */
    private int previousEnd;
    /** When set, the top-level container's members are collected here as {key or null, raw text}. */
    private java.util.List<String[]> members;
    private int depth;

    private enum Kind { STRING, NUMBER, TRUE, FALSE, NULL, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, COLON, END }

    private JsonParser(String text, boolean build) {
        this.text = text;
        this.build = build;
    }

    /** Parses a whole JSON text; returns the tree when {@code build}, else null. */
    static Object parse(String text, boolean build) {
        JsonParser p = new JsonParser(text, build);
        p.next();
        Object v = p.value();
        if (p.kind != Kind.END) {
            throw p.error("Expected end of input, but found \"" + p.token() + "\".");
        }
        return v;
    }

    /**
     * The members of a json text's top-level object or array, each as {key (null for array elements), the member's
     * text exactly as written}; null when the text is a scalar. Used by json's -> and ->>, which return members
     * verbatim.
     */
    static java.util.List<String[]> topMembers(String text) {
        JsonParser p = new JsonParser(text, false);
        p.members = new ArrayList<>();
        p.next();
        if (p.kind != Kind.LBRACE && p.kind != Kind.LBRACKET) {
            return null;
        }
        p.value();
        return p.members;
    }

    /** Validates json text input. */
    static void validate(String text) {
        parse(text, false);
    }

    private Object value() {
        return switch (kind) {
            case STRING, NUMBER -> {
                Object v = tokenValue;
                next();
                yield v;
            }
            case TRUE, FALSE -> {
                Boolean b = kind == Kind.TRUE;
                next();
                yield b;
            }
            case NULL -> {
                next();
                yield Jsonb.NULL;
            }
            case LBRACE -> object();
            case LBRACKET -> array();
            case END -> throw error("The input string ended unexpectedly.");
            default -> throw error("Expected JSON value, but found \"" + token() + "\".");
        };
    }

    private Object object() {
        next();
        Map<String, Object> map = build ? Jsonb.newObject() : null;
        if (kind == Kind.RBRACE) {
            next();
            return map;
        }
        boolean first = true;
        while (true) {
            if (kind == Kind.END) {
                throw error("The input string ended unexpectedly.");
            }
            if (kind != Kind.STRING) {
                throw error(first ? "Expected string or \"}\", but found \"" + token() + "\"."
                        : "Expected string, but found \"" + token() + "\".");
            }
            first = false;
            String key = (String) tokenValue;
            next();
            if (kind == Kind.END) {
                throw error("The input string ended unexpectedly.");
            }
            if (kind != Kind.COLON) {
                throw error("Expected \":\", but found \"" + token() + "\".");
            }
            next();
            int start = tokenStart;
            depth++;
            Object v = value();
            depth--;
            if (members != null && depth == 0) {
                members.add(new String[] {key, text.substring(start, previousEnd)});
            }
            if (map != null) {
                map.put(key, v);
            }
            if (kind == Kind.COMMA) {
                next();
                continue;
            }
            if (kind == Kind.RBRACE) {
                next();
                return map;
            }
            if (kind == Kind.END) {
                throw error("The input string ended unexpectedly.");
            }
            throw error("Expected \",\" or \"}\", but found \"" + token() + "\".");
        }
    }

    private Object array() {
        next();
        List<Object> list = build ? new ArrayList<>() : null;
        if (kind == Kind.RBRACKET) {
            next();
            return list;
        }
        while (true) {
            int start = tokenStart;
            depth++;
            Object v = value();
            depth--;
            if (members != null && depth == 0) {
                members.add(new String[] {null, text.substring(start, previousEnd)});
            }
            if (list != null) {
                list.add(v);
            }
            if (kind == Kind.COMMA) {
                next();
                continue;
            }
            if (kind == Kind.RBRACKET) {
                next();
                return list;
            }
            if (kind == Kind.END) {
                throw error("The input string ended unexpectedly.");
            }
            throw error("Expected \",\" or \"]\", but found \"" + token() + "\".");
        }
    }

    private String token() {
        return text.substring(tokenStart, tokenEnd);
    }

    private DbException error(String detail) {
        return new DbException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json")
                .withDetail(detail);
    }

    private void next() {
        previousEnd = tokenEnd;
        int n = text.length();
        while (pos < n && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\n'
                || text.charAt(pos) == '\r')) {
            pos++;
        }
        tokenStart = pos;
        if (pos >= n) {
            tokenEnd = pos;
            kind = Kind.END;
            return;
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{' -> single(Kind.LBRACE);
            case '}' -> single(Kind.RBRACE);
            case '[' -> single(Kind.LBRACKET);
            case ']' -> single(Kind.RBRACKET);
            case ',' -> single(Kind.COMMA);
            case ':' -> single(Kind.COLON);
            case '"' -> string();
            default -> word();
        }
    }

    private void single(Kind k) {
        kind = k;
        pos++;
        tokenEnd = pos;
    }

    private void string() {
        StringBuilder sb = new StringBuilder();
        int n = text.length();
        pos++;
        while (true) {
            if (pos >= n) {
                tokenEnd = pos;
                throw error("Token \"" + token() + "\" is invalid.");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c < 0x20) {
                tokenEnd = pos + 1;
                throw error("Character with value 0x" + String.format("%02x", (int) c)
                        + " must be escaped.");
            }
            if (c == '\\') {
                pos++;
                if (pos >= n) {
                    tokenEnd = pos;
                    throw error("Token \"" + token() + "\" is invalid.");
                }
                char e = text.charAt(pos);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        int code = 0;
                        for (int i = 1; i <= 4; i++) {
                            int d = pos + i < n ? Character.digit(text.charAt(pos + i), 16) : -1;
                            if (d < 0) {
                                tokenEnd = Math.min(n, pos + i + 1);
                                throw error("\"\\u\" must be followed by four hexadecimal digits.");
                            }
                            code = code * 16 + d;
                        }
                        if (code == 0 && build) {
                            throw new DbException(SqlState.UNTRANSLATABLE_CHARACTER,
                                    "unsupported Unicode escape sequence")
                                    .withDetail("\\u0000 cannot be converted to text.");
                        }
                        sb.append((char) code);
                        pos += 4;
                    }
                    default -> {
                        tokenEnd = pos + 1;
                        throw error("Escape sequence \"\\" + e + "\" is invalid.");
                    }
                }
                pos++;
                continue;
            }
            sb.append(c);
            pos++;
        }
        tokenEnd = pos;
        kind = Kind.STRING;
        tokenValue = sb.toString();
    }

    /** Numbers and the literals true/false/null; anything else up to a delimiter is an invalid token. */
    private void word() {
        int n = text.length();
        int end = pos;
        while (end < n && !isDelimiter(text.charAt(end))) {
            end++;
        }
        if (end == pos) {
            end++; // a lone odd character
        }
        tokenEnd = end;
        String w = text.substring(pos, end);
        pos = end;
        switch (w) {
            case "true" -> kind = Kind.TRUE;
            case "false" -> kind = Kind.FALSE;
            case "null" -> kind = Kind.NULL;
            default -> {
                if (!isNumber(w)) {
                    throw error("Token \"" + w + "\" is invalid.");
                }
                kind = Kind.NUMBER;
                tokenValue = build ? new BigDecimal(w) : null;
            }
        }
    }

    private static boolean isDelimiter(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' || c == '{' || c == '}'
                || c == '[' || c == ']' || c == '"';
    }

    /** JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    static boolean isNumber(String w) {
        return w.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }
}
