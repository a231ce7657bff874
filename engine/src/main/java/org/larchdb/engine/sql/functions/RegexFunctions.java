package org.larchdb.engine.sql.functions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.ScalarFunction;

/**
 * POSIX regular expressions ({@code ~ ~* !~ !~*}, regexp_replace) and SIMILAR TO, on java.util.regex:
 * the common syntax (classes, quantifiers, anchors, groups, alternation) means the same in both.
 */
public final class RegexFunctions {
    private RegexFunctions() {
    }

    /** textregexeq and friends: (text, pattern) → boolean. */
    public static ScalarFunction match(boolean caseInsensitive, boolean negated) {
        String name = (caseInsensitive ? "texticregex" : "textregex") + (negated ? "ne" : "eq");
        return new ScalarFunction(name, true, (a, c) ->
                compile((String) a[1], caseInsensitive).matcher((String) a[0]).find() != negated);
    }

    /** SIMILAR TO: (text, pattern [, escape]) → boolean, matching the whole string. */
    public static ScalarFunction similar(boolean explicitEscape) {
        return new ScalarFunction("similar_to", true, (a, c) -> {
            String escape = explicitEscape ? (String) a[2] : "\\";
            return compile(similarToRegex((String) a[1], escape), false).matcher((String) a[0]).matches();
        });
    }

    static Pattern compile(String regex, boolean caseInsensitive) {
        try {
            return Pattern.compile(regex, caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw new DbException(SqlState.INVALID_REGULAR_EXPRESSION,
                    "invalid regular expression: " + e.getDescription());
        }
    }

    /** SQL's SIMILAR TO pattern as a Java regex: % and _ are wildcards, '.' is literal, the rest is regex. */
    static String similarToRegex(String pattern, String escape) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw new DbException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                    .withHint("Escape string must be empty or one character.");
        }
        int esc = escape.isEmpty() ? -1 : escape.codePointAt(0);
        StringBuilder sb = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == esc) {
                if (i + 1 >= pattern.length()) {
                    throw new DbException(SqlState.INVALID_ESCAPE_SEQUENCE,
                            "invalid escape string").withHint("Escape string must be empty or one character.");
                }
                sb.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (inClass) {
                sb.append(ch == '\\' ? "\\\\" : String.valueOf(ch));
                inClass = ch != ']';
            } else {
                switch (ch) {
                    case '%' -> sb.append(".*");
                    case '_' -> sb.append('.');
                    case '.', '^', '$', '\\' -> sb.append('\\').append(ch);
                    case '[' -> {
                        sb.append(ch);
                        inClass = true;
                    }
                    default -> sb.append(ch);
                }
            }
        }
        return sb.toString();
    }

    /** regexp_replace(source, pattern, replacement [, flags]): \1..\9 and \& in the replacement; flag g, i. */
    static String replace(String source, String pattern, String replacement, String flags) {
        boolean global = flags.indexOf('g') >= 0;
        Matcher m = compile(pattern, flags.indexOf('i') >= 0).matcher(source);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            sb.append(source, last, m.start());
            for (int i = 0; i < replacement.length(); i++) {
                char ch = replacement.charAt(i);
                if (ch == '\\' && i + 1 < replacement.length()) {
                    char n = replacement.charAt(++i);
                    if (n >= '1' && n <= '9' && n - '0' <= m.groupCount()) {
                        String g = m.group(n - '0');
                        sb.append(g == null ? "" : g);
                    } else if (n == '&') {
                        sb.append(m.group());
                    } else {
                        sb.append(n);
                    }
                } else {
                    sb.append(ch);
                }
            }
            last = m.end();
            if (!global) {
                break;
            }
        }
        sb.append(source, last, source.length());
        return sb.toString();
    }
}
