package org.larchdb.auth.scram;

import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** A cursor over one SCRAM message ({@code a=value,b=value,...}) reporting errors as PostgreSQL does. */
final class ScramReader {

    record Attribute(char name, String value) {
    }

    private final String text;
    private final String messageName;
    private int pos;

    ScramReader(String text, String messageName) {
        this.text = text;
        this.messageName = messageName;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    int position() {
        return pos;
    }

    char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    char next() {
        return text.charAt(pos++);
    }

    String rest() {
        return text.substring(pos);
    }

    void expect(char c) {
        if (peek() != c) {
            throw malformed("Unexpected attribute \"" + sanitize(peek()) + "\" in " + messageName + ".");
        }
        pos++;
    }

    /** Reads {@code name=value} and the following comma, if any. */
    String readAttribute(char name) {
        if (peek() != name) {
            throw malformed("Expected attribute \"" + name + "\" but found \"" + sanitize(peek()) + "\".");
        }
        pos++;
        return readValue(name);
    }

    Attribute readAnyAttribute() {
        char name = peek();
        if (!((name >= 'a' && name <= 'z') || (name >= 'A' && name <= 'Z'))) {
            throw malformed("Attribute expected, but found invalid character \"" + sanitize(name) + "\".");
        }
        pos++;
        return new Attribute(name, readValue(name));
    }

    private String readValue(char name) {
        if (peek() != '=') {
            throw malformed("Expected character \"=\" for attribute \"" + name + "\".");
        }
        pos++;
        int comma = text.indexOf(',', pos);
        int end = comma < 0 ? text.length() : comma;
        String value = text.substring(pos, end);
        pos = comma < 0 ? end : end + 1;
        return value;
    }

    static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }

    /** As PostgreSQL's sanitize_char: printable ASCII as is, anything else as a hex escape. */
    static String sanitize(char c) {
        if (c == '\0') {
            return "end of string";
        }
        return c >= 0x21 && c <= 0x7E ? String.valueOf(c) : String.format("0x%02x", (int) c);
    }

    static DbException malformed(String detail) {
        return new DbException(SqlState.PROTOCOL_VIOLATION, "malformed SCRAM message")
                .withDetail(detail).withSeverity(DbException.Severity.FATAL);
    }
}
