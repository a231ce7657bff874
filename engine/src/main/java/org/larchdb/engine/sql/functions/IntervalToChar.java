package org.larchdb.engine.sql.functions;

import java.util.List;
import org.larchdb.engine.types.Interval;

/**
 * to_char(interval, text) for the numeric patterns (YYYY, YY, MM, DD, HH24, HH12/HH, MI, SS, MS, US, AM/PM,
 * with the FM prefix and double-quoted literals). The fields are the interval's own (hours may exceed 23 and
 * every field keeps its sign), as PostgreSQL's interval_to_char; names of months and days are not offered
 * because an interval has none.
 */
final class IntervalToChar {
    private IntervalToChar() {
    }

    private static final List<String> PATTERNS = List.of("YYYY", "HH24", "HH12", "YY", "MM", "DD", "HH", "MI",
            "SS", "MS", "US", "AM", "PM", "am", "pm");

    static String format(Interval v, String format) {
        long year = v.months() / 12;
        long mon = v.months() % 12;
        long t = v.micros();
        long hour = t / Interval.MICROS_PER_HOUR;
        long min = t / Interval.MICROS_PER_MINUTE % 60;
        long sec = t / Interval.MICROS_PER_SECOND % 60;
        long fsec = t % Interval.MICROS_PER_SECOND;
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            if (format.charAt(i) == '"') {
                int end = format.indexOf('"', i + 1);
                end = end < 0 ? format.length() : end;
                sb.append(format, i + 1, end);
                i = end + 1;
                continue;
            }
            boolean fm = format.startsWith("FM", i);
            int at = fm ? i + 2 : i;
            String p = null;
            for (String candidate : PATTERNS) {
                if (format.startsWith(candidate, at)) {
                    p = candidate;
                    break;
                }
            }
            if (p == null) {
                sb.append(format.charAt(i));
                i++;
                continue;
            }
            long hour12 = hour % 12 == 0 ? 12 : hour % 12;
            boolean pm = hour % 24 >= 12;
            sb.append(switch (p) {
                case "YYYY" -> signed(year, 4, fm);
                case "YY" -> signed(year % 100, 2, fm);
                case "MM" -> signed(mon, 2, fm);
                case "DD" -> padded(v.days(), 2, fm);
                case "HH24" -> signed(hour, 2, fm);
                case "HH12", "HH" -> signed(hour12, 2, fm);
                case "MI" -> signed(min, 2, fm);
                case "SS" -> signed(sec, 2, fm);
                case "MS" -> padded(fsec / 1000, 3, false);
                case "US" -> padded(fsec, 6, false);
                case "AM", "PM" -> pm ? "PM" : "AM";
                default -> pm ? "pm" : "am";
            });
            i = at + p.length();
        }
        return sb.toString();
    }

    /** "%0*d" with a width one wider for negative values, as PostgreSQL pads most interval fields. */
    private static String signed(long v, int width, boolean fm) {
        return padded(v, v >= 0 ? width : width + 1, fm);
    }

    /** C's "%0*d": zero padding after the sign up to the width (none with FM). */
    private static String padded(long v, int width, boolean fm) {
        String digits = Long.toString(Math.abs(v));
        int pad = fm ? 0 : width - digits.length() - (v < 0 ? 1 : 0);
        return (v < 0 ? "-" : "") + "0".repeat(Math.max(0, pad)) + digits;
    }
}
