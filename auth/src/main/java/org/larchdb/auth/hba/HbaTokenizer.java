package org.larchdb.auth.hba;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Splits pg_hba.conf text into lines of fields the way PostgreSQL's tokenize_auth_file does:
 * {@code #} starts a comment outside quotes, a backslash at the end of a line continues it, fields
 * are separated by blanks, a field is a comma-separated list of tokens, double quotes keep blanks,
 * commas and keywords literal, and {@code ""} inside quotes is one quote character.
 */
final class HbaTokenizer {

    /** One word; {@code quoted} when any part of it was in double quotes. */
    record Token(String text, boolean quoted) {
    }

    /** A logical line: its first physical line number and its fields. */
    record Line(int lineNumber, List<List<Token>> fields) {
    }

    private HbaTokenizer() {
    }

    static List<Line> tokenize(String text, String fileName) {
        List<Line> lines = new ArrayList<>();
        String[] physical = text.split("\r?\n", -1);
        for (int i = 0; i < physical.length; i++) {
            int lineNumber = i + 1;
            StringBuilder logical = new StringBuilder(physical[i]);
            while (endsWithContinuation(logical) && i + 1 < physical.length) {
                logical.setLength(logical.length() - 1);
                logical.append(physical[++i]);
            }
            List<List<Token>> fields = fields(logical.toString(), lineNumber, fileName);
            if (!fields.isEmpty()) {
                lines.add(new Line(lineNumber, fields));
            }
        }
        return lines;
    }

    private static boolean endsWithContinuation(StringBuilder line) {
        return line.length() > 0 && line.charAt(line.length() - 1) == '\\';
    }

    private static List<List<Token>> fields(String line, int lineNumber, String fileName) {
        List<List<Token>> fields = new ArrayList<>();
        int[] pos = {0};
        while (true) {
            skipBlanks(line, pos);
            if (pos[0] >= line.length() || line.charAt(pos[0]) == '#') {
                return fields;
            }
            List<Token> field = new ArrayList<>();
            boolean more;
            do {
                skipBlanks(line, pos);
                field.add(token(line, pos, lineNumber, fileName));
                more = pos[0] < line.length() && line.charAt(pos[0]) == ',';
                if (more) {
                    pos[0]++;
                }
            } while (more);
            fields.add(field);
        }
    }

    private static Token token(String line, int[] pos, int lineNumber, String fileName) {
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        boolean inQuote = false;
        int i = pos[0];
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!inQuote && (isBlank(c) || c == ',' || c == '#')) {
                break;
            }
            if (c == '"') {
                if (inQuote && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    text.append('"');
                    i += 2;
                    continue;
                }
                inQuote = !inQuote;
                quoted = true;
                i++;
                continue;
            }
            text.append(c);
            i++;
        }
        if (inQuote) {
            throw HbaConfig.lineError(new DbException(SqlState.INVALID_PARAMETER_VALUE,
                    "unterminated quoted string"), lineNumber, fileName);
        }
        pos[0] = i;
        return new Token(text.toString(), quoted);
    }

    private static void skipBlanks(String line, int[] pos) {
        while (pos[0] < line.length() && isBlank(line.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f';
    }
}
