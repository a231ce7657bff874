package org.larchdb.engine.sql.functions;

import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** format(): %s, %I, %L and %%, with optional n$ argument positions; quote_ident and quote_literal. */
final class TextFormatFunction {
    private TextFormatFunction() {
    }

    /** args[0] is the format; the rest are the values already converted to text (null for SQL NULL). */
    static String format(Object[] args) {
        String f = (String) args[0];
        StringBuilder sb = new StringBuilder();
        int next = 1;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (++i >= f.length()) {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier")
                        .withHint("For a single \"%\" use \"%%\".");
            }
            if (f.charAt(i) == '%') {
                sb.append('%');
                continue;
            }
            int j = i;
            while (j < f.length() && Character.isDigit(f.charAt(j))) {
                j++;
            }
            int arg;
            if (j > i && j < f.length() && f.charAt(j) == '$') {
                arg = Integer.parseInt(f.substring(i, j));
                if (arg == 0) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                            "format specifies argument 0, but arguments are numbered from 1");
                }
                i = j + 1;
            } else {
                arg = next;
            }
            if (i >= f.length()) {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier")
                        .withHint("For a single \"%\" use \"%%\".");
            }
            char type = f.charAt(i);
            if (type != 's' && type != 'I' && type != 'L') {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized format() type specifier \"" + type + "\"")
                        .withHint("For a single \"%\" use \"%%\".");
            }
            if (arg >= args.length) {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
            }
            next = arg + 1;
            String v = (String) args[arg];
            switch (type) {
                case 's' -> sb.append(v == null ? "" : v);
                case 'I' -> {
                    if (v == null) {
                        throw new DbException(SqlState.NULL_VALUE_NOT_ALLOWED,
                                "null values cannot be formatted as an SQL identifier");
                    }
                    sb.append(quoteIdent(v));
                }
                default -> sb.append(v == null ? "NULL" : quoteLiteral(v));
            }
        }
        return sb.toString();
    }

    /** Quotes an identifier unless it is lower-case letters, digits and underscores not starting with a digit. */
    static String quoteIdent(String s) {
        boolean safe = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) || s.charAt(0) == '_');
        for (int i = 0; safe && i < s.length(); i++) {
            char c = s.charAt(i);
            safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        if (safe && !isReserved(s)) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static boolean isReserved(String s) {
        return switch (s) {
            case "all", "and", "any", "as", "asc", "case", "check", "column", "constraint", "create", "default",
                 "desc", "distinct", "do", "else", "end", "false", "for", "foreign", "from", "grant", "group",
                 "having", "in", "into", "is", "join", "limit", "not", "null", "offset", "on", "or", "order",
                 "primary", "references", "select", "table", "then", "to", "true", "union", "unique", "user",
                 "using", "when", "where", "with" -> true;
            default -> false;
        };
    }

    /** A string literal: doubled quotes, and E'' with doubled backslashes when the text has any. */
    static String quoteLiteral(String s) {
        String body = s.replace("'", "''");
        if (s.indexOf('\\') >= 0) {
            return "E'" + body.replace("\\", "\\\\") + "'";
        }
        return "'" + body + "'";
    }
}
