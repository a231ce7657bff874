package org.larchdb.pgwire.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Reads a configuration file in postgresql.conf syntax: one {@code name = value} per line (the '=' is
 * optional), {@code #} comments, values bare or single-quoted with {@code ''} (or {@code \'}) for a quote.
 * Every error names the file and line, as PostgreSQL does, so a typo cannot go unnoticed.
 */
public final class ConfigFile {
    /** One assignment from the file. */
    public record Entry(String name, String value, int line) {
    }

    private ConfigFile() {
    }

    /** Parses and applies the file's assignments to {@code settings}, validating each value. */
    public static void apply(Path file, Settings settings) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbException(SqlState.IO_ERROR, "could not open configuration file \"" + file + "\": " + e.getMessage());
        }
        for (Entry entry : parse(text, file.toString())) {
            if (!Settings.exists(entry.name())) {
                throw new DbException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \""
                        + entry.name() + "\" in file \"" + file + "\" line " + entry.line());
            }
            try {
                settings.set(entry.name(), entry.value());
            } catch (DbException e) {
                throw new DbException(e.state(), e.getMessage() + " in file \"" + file + "\" line " + entry.line(),
                        e.detail(), e.hint(), 0, e.severity(), e);
            }
        }
    }

    /** The assignments in {@code text}, in order; 42601 {@code syntax error in file ... line n, near token "x"}. */
    public static List<Entry> parse(String text, String fileName) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Entry entry = parseLine(lines[i], i + 1, fileName);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Entry parseLine(String line, int lineNumber, String fileName) {
        int pos = skipSpace(line, 0);
        if (pos >= line.length() || line.charAt(pos) == '#') {
            return null;
        }
        int nameStart = pos;
        while (pos < line.length() && isNameChar(line.charAt(pos))) {
            pos++;
        }
        if (pos == nameStart) {
            throw syntaxError(fileName, lineNumber, token(line, nameStart));
        }
        String name = line.substring(nameStart, pos);
        pos = skipSpace(line, pos);
        if (pos < line.length() && line.charAt(pos) == '=') {
            pos = skipSpace(line, pos + 1);
        }
        if (pos >= line.length() || line.charAt(pos) == '#') {
            throw syntaxError(fileName, lineNumber, pos >= line.length() ? "end of line" : "#");
        }
        String value;
        if (line.charAt(pos) == '\'') {
            StringBuilder quoted = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= line.length()) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "unterminated quoted string in file \""
                            + fileName + "\" line " + lineNumber);
                }
                char c = line.charAt(pos);
                if (c == '\'' && pos + 1 < line.length() && line.charAt(pos + 1) == '\'') {
                    quoted.append('\'');
                    pos += 2;
                } else if (c == '\\' && pos + 1 < line.length()) {
                    quoted.append(line.charAt(pos + 1));
                    pos += 2;
                } else if (c == '\'') {
                    pos++;
                    break;
                } else {
                    quoted.append(c);
                    pos++;
                }
            }
            value = quoted.toString();
        } else {
            int valueStart = pos;
            while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))
                    && line.charAt(pos) != '#' && line.charAt(pos) != '\'' && line.charAt(pos) != '=') {
                pos++;
            }
            if (pos == valueStart) {
                throw syntaxError(fileName, lineNumber, token(line, valueStart));
            }
            value = line.substring(valueStart, pos);
        }
        pos = skipSpace(line, pos);
        if (pos < line.length() && line.charAt(pos) != '#') {
            throw syntaxError(fileName, lineNumber, token(line, pos));
        }
        return new Entry(name, value, lineNumber);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private static int skipSpace(String line, int pos) {
        while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static String token(String line, int pos) {
        int end = pos;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(pos, Math.max(end, Math.min(pos + 1, line.length())));
    }

    private static DbException syntaxError(String fileName, int line, String near) {
        return new DbException(SqlState.SYNTAX_ERROR,
                "syntax error in file \"" + fileName + "\" line " + line + ", near token \"" + near + "\"");
    }
}
