package org.larchdb.engine.types;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * The words and fields of date/time input: PostgreSQL's ParseDateTime (splitting the text into typed fields,
 * where e.g. '1999-Jan-08' is one date field and '+05:30' one offset field) and the keyword, zone abbreviation
 * and zone name tables that {@link DateTimeParser} decodes the fields with.
 */
final class DateTimeTokens {
    private DateTimeTokens() {
    }

    enum FieldType { NUMBER, STRING, DATE, TIME, TZ, SPECIAL }

    record Field(FieldType type, String text) {
    }

    /** Keywords of datetktbl that matter here (tz abbreviations are separate, as in PostgreSQL). */
    static final Map<String, Integer> MONTHS = new HashMap<>();
    static final List<String> DAYS = List.of("sun", "sunday", "mon", "monday", "tue", "tues", "tuesday",
            "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday");
    private static final List<String> KEYWORDS = List.of("ad", "bc", "am", "pm", "t", "z", "zulu", "allballs",
            "epoch", "infinity", "now", "today", "tomorrow", "yesterday", "at", "on", "j");
    /** PostgreSQL's default timezone_abbreviations that LarchDB knows, in seconds east of UTC. */
    static final Map<String, Integer> ABBREVIATIONS = Map.ofEntries(
            Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("ut", 0), Map.entry("z", 0), Map.entry("zulu", 0),
            Map.entry("wet", 0), Map.entry("west", 3600), Map.entry("bst", 3600), Map.entry("cet", 3600),
            Map.entry("cest", 7200), Map.entry("eet", 7200), Map.entry("eest", 10800), Map.entry("msk", 10800),
            Map.entry("ist", 7200), Map.entry("jst", 32400), Map.entry("aest", 36000), Map.entry("aedt", 39600),
            Map.entry("nzst", 43200), Map.entry("nzdt", 46800), Map.entry("est", -18000), Map.entry("edt", -14400),
            Map.entry("cst", -21600), Map.entry("cdt", -18000), Map.entry("mst", -25200), Map.entry("mdt", -21600),
            Map.entry("pst", -28800), Map.entry("pdt", -25200), Map.entry("akst", -32400), Map.entry("akdt", -28800),
            Map.entry("hst", -36000));

    static {
        String[][] names = {{"jan", "january"}, {"feb", "february"}, {"mar", "march"}, {"apr", "april"},
            {"may"}, {"jun", "june"}, {"jul", "july"}, {"aug", "august"}, {"sep", "sept", "september"},
            {"oct", "october"}, {"nov", "november"}, {"dec", "december"}};
        for (int m = 0; m < names.length; m++) {
            for (String n : names[m]) {
                MONTHS.put(n, m + 1);
            }
        }
    }

    private static volatile Map<String, String> zonesByLowerName;

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isKeyword(String word) {
        return MONTHS.containsKey(word) || DAYS.contains(word) || KEYWORDS.contains(word);
    }

    static List<Field> split(String s, PgType type) {
        List<Field> fields = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder b = new StringBuilder();
            FieldType ft;
            if (isDigit(c)) {
                while (i < n && isDigit(s.charAt(i))) {
                    b.append(s.charAt(i++));
                }
                if (i < n && s.charAt(i) == ':') {
                    ft = FieldType.TIME;
                    while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) {
                        b.append(s.charAt(i++));
                    }
                } else if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) {
                    char delim = s.charAt(i);
                    b.append(s.charAt(i++));
                    if (i < n && isDigit(s.charAt(i))) {
                        ft = delim == '.' ? FieldType.NUMBER : FieldType.DATE;
                        while (i < n && isDigit(s.charAt(i))) {
                            b.append(s.charAt(i++));
                        }
                        if (i < n && s.charAt(i) == delim) {
                            ft = FieldType.DATE;
                            b.append(s.charAt(i++));
                            while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == delim)) {
                                b.append(s.charAt(i++));
                            }
                        }
                    } else {
                        ft = FieldType.DATE;
                        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == delim)) {
                            b.append(Character.toLowerCase(s.charAt(i++)));
                        }
                    }
                } else {
                    ft = FieldType.NUMBER;
                }
            } else if (c == '.') {
                b.append(s.charAt(i++));
                while (i < n && isDigit(s.charAt(i))) {
                    b.append(s.charAt(i++));
                }
                ft = FieldType.NUMBER;
            } else if (isAlpha(c)) {
                ft = FieldType.STRING;
                while (i < n && isAlpha(s.charAt(i))) {
                    b.append(Character.toLowerCase(s.charAt(i++)));
                }
                boolean isDate = false;
                if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) {
                    isDate = true;
                } else if (i < n && (s.charAt(i) == '+' || isDigit(s.charAt(i)))) {
                    isDate = !isKeyword(b.toString());
                }
                if (isDate) {
                    ft = FieldType.DATE;
                    do {
                        b.append(Character.toLowerCase(s.charAt(i++)));
                    } while (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-' || s.charAt(i) == '/'
                            || s.charAt(i) == '_' || s.charAt(i) == '.' || s.charAt(i) == ':'
                            || Character.isLetterOrDigit(s.charAt(i))));
                }
            } else if (c == '+' || c == '-') {
                b.append(s.charAt(i++));
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i < n && isDigit(s.charAt(i))) {
                    ft = FieldType.TZ;
                    while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.'
                            || s.charAt(i) == '-')) {
                        b.append(s.charAt(i++));
                    }
                } else if (i < n && isAlpha(s.charAt(i))) {
                    ft = FieldType.SPECIAL;
                    while (i < n && isAlpha(s.charAt(i))) {
                        b.append(Character.toLowerCase(s.charAt(i++)));
                    }
                } else {
                    throw TypeErrors.datetimeSyntax(DateTimeText.typeName(type), s);
                }
            } else if (c < 128 && !Character.isLetterOrDigit(c)) {
                i++; // other ASCII punctuation only separates fields
                continue;
            } else {
                throw TypeErrors.datetimeSyntax(DateTimeText.typeName(type), s);
            }
            fields.add(new Field(ft, b.toString()));
        }
        return fields;
    }

    /** A time zone name such as 'Europe/Paris', matched case-insensitively as PostgreSQL does. */
    static ZoneId namedZone(String lowerName, boolean mustExist) {
        Map<String, String> zones = zonesByLowerName;
        if (zones == null) {
            zones = new HashMap<>();
            for (String id : ZoneId.getAvailableZoneIds()) {
                zones.put(id.toLowerCase(Locale.ROOT), id);
            }
            zonesByLowerName = zones;
        }
        String id = zones.get(lowerName);
        if (id == null) {
            if (mustExist) {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + lowerName + "\" not recognized");
            }
            return null;
        }
        return ZoneId.of(id);
    }
}
