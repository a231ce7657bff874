package org.larchdb.tests;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a golden SQL file into statements at top-level semicolons. Quotes ('…', E'…', "…"),
 * dollar quotes ($$…$$, $tag$…$tag$) and block comments (nested, as in PostgreSQL) are kept
 * intact; {@code --} comments are dropped so they never reach the server or the transcript.
 */
final class SqlScript {
    private SqlScript() {
    }

    /** The statements of {@code script}, trimmed, without their terminating semicolon. */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int n = script.length();
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = blockCommentEnd(script, i);
                current.append(script, i, end);
                i = end;
            } else if (c == '\'') {
                boolean backslashEscapes = isEscapeStringPrefix(script, i);
                int end = quotedEnd(script, i, '\'', backslashEscapes);
                current.append(script, i, end);
                i = end;
            } else if (c == '"') {
                int end = quotedEnd(script, i, '"', false);
                current.append(script, i, end);
                i = end;
            } else if (c == '$' && dollarTag(script, i) != null) {
                String tag = dollarTag(script, i);
                int close = script.indexOf(tag, i + tag.length());
                int end = close < 0 ? n : close + tag.length();
                current.append(script, i, end);
                i = end;
            } else if (c == ';') {
                addStatement(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addStatement(statements, current);
        return statements;
    }

    private static void addStatement(List<String> statements, StringBuilder current) {
        String text = stripTrailingSpaces(current.toString()).strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
        current.setLength(0);
    }

    /** Removes blanks left at line ends where a comment was cut off, so transcripts stay tidy. */
    private static String stripTrailingSpaces(String text) {
        return text.replaceAll("[ \\t]+\\n", "\n");
    }

    /** An E'…' string: the quote follows an E that is not the end of a longer identifier. */
    private static boolean isEscapeStringPrefix(String s, int quote) {
        if (quote == 0 || Character.toUpperCase(s.charAt(quote - 1)) != 'E') {
            return false;
        }
        return quote - 1 == 0 || !isIdentifierChar(s.charAt(quote - 2));
    }

    /** The index just past the closing quote (doubled quotes stay inside). */
    private static int quotedEnd(String s, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int blockCommentEnd(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** The dollar-quote delimiter starting at {@code i} ("$$" or "$tag$"), or null if there is none. */
    private static String dollarTag(String s, int i) {
        if (i > 0 && isIdentifierChar(s.charAt(i - 1))) {
            return null; // part of an identifier such as a$b
        }
        int j = i + 1;
        if (j < s.length() && Character.isDigit(s.charAt(j))) {
            return null; // a parameter such as $1
        }
        while (j < s.length() && isIdentifierChar(s.charAt(j)) && s.charAt(j) != '$') {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$') {
            return s.substring(i, j + 1);
        }
        return null;
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
