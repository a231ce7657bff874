package org.larchdb.engine.sql.functions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * to_char/to_timestamp templates: the common date patterns (YYYY YY MM DD HH24 HH12 HH MI SS MS US Mon MON mon
 * Month Day Dy AM PM Q DDD D, FM prefix, "quoted" text) and number patterns (9 0 . D , G S MI, FM prefix).
 */
final class ToChar {
    private ToChar() {
    }

    private static final List<String> DATE_PATTERNS = List.of("YYYY", "HH24", "HH12", "Month", "MONTH", "month",
            "Day", "DAY", "day", "DDD", "MON", "Mon", "mon", "DY", "Dy", "dy", "YY", "MM", "DD", "HH", "MI", "SS",
            "MS", "US", "AM", "PM", "am", "pm", "Q", "D");

    static String dateTime(LocalDateTime t, String format) {
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
            String p = match(format, at);
            if (p == null) {
                sb.append(format.charAt(i));
                i++;
                continue;
            }
            sb.append(field(t, p, fm));
            i = at + p.length();
        }
        return sb.toString();
    }

    private static String match(String format, int at) {
        for (String p : DATE_PATTERNS) {
            if (format.startsWith(p, at)) {
                return p;
            }
        }
        return null;
    }

    private static String num(long v, int width, boolean fm) {
        String s = Long.toString(v);
        return fm || s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static String padded(String s, boolean fm) {
        return fm ? s : String.format(Locale.ROOT, "%-9s", s);
    }

    private static String field(LocalDateTime t, String p, boolean fm) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        String month = t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String day = t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return switch (p) {
            case "YYYY" -> num(t.getYear(), 4, fm);
            case "YY" -> num(t.getYear() % 100, 2, fm);
            case "MM" -> num(t.getMonthValue(), 2, fm);
            case "DD" -> num(t.getDayOfMonth(), 2, fm);
            case "DDD" -> num(t.getDayOfYear(), 3, fm);
            case "D" -> Integer.toString(t.getDayOfWeek().getValue() % 7 + 1);
            case "Q" -> Integer.toString((t.getMonthValue() - 1) / 3 + 1);
            case "HH24" -> num(t.getHour(), 2, fm);
            case "HH12", "HH" -> num(hour12, 2, fm);
            case "MI" -> num(t.getMinute(), 2, fm);
            case "SS" -> num(t.getSecond(), 2, fm);
            case "MS" -> num(t.getNano() / 1_000_000, 3, fm);
            case "US" -> num(t.getNano() / 1000, 6, fm);
            case "AM", "PM" -> t.getHour() < 12 ? "AM" : "PM";
            case "am", "pm" -> t.getHour() < 12 ? "am" : "pm";
            case "Mon" -> month.substring(0, 3);
            case "MON" -> month.substring(0, 3).toUpperCase(Locale.ROOT);
            case "mon" -> month.substring(0, 3).toLowerCase(Locale.ROOT);
            case "Month" -> padded(month, fm);
            case "MONTH" -> padded(month.toUpperCase(Locale.ROOT), fm);
            case "month" -> padded(month.toLowerCase(Locale.ROOT), fm);
            case "Day" -> padded(day, fm);
            case "DAY" -> padded(day.toUpperCase(Locale.ROOT), fm);
            case "day" -> padded(day.toLowerCase(Locale.ROOT), fm);
            case "Dy" -> day.substring(0, 3);
            case "DY" -> day.substring(0, 3).toUpperCase(Locale.ROOT);
            default -> day.substring(0, 3).toLowerCase(Locale.ROOT);
        };
    }

    /** to_timestamp(text, format) for numeric fields (YYYY MM DD HH24 HH12 MI SS MS US) and Mon names. */
    static LocalDateTime parse(String text, String format) {
        int year = 1;
        int month = 1;
        int dayOfMonth = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        int ti = 0;
        int fi = 0;
        while (fi < format.length()) {
            boolean fm = format.startsWith("FM", fi);
            int at = fm ? fi + 2 : fi;
            String p = match(format, at);
            if (p == null) {
                fi++;
                if (ti < text.length()) {
                    ti++;
                }
                continue;
            }
            fi = at + p.length();
            while (ti < text.length() && text.charAt(ti) == ' ') {
                ti++;
            }
            if (p.equalsIgnoreCase("Mon")) {
                String name = ti + 3 <= text.length() ? text.substring(ti, ti + 3) : "";
                month = switch (name.toLowerCase(Locale.ROOT)) {
                    case "jan" -> 1; case "feb" -> 2; case "mar" -> 3; case "apr" -> 4; case "may" -> 5;
                    case "jun" -> 6; case "jul" -> 7; case "aug" -> 8; case "sep" -> 9; case "oct" -> 10;
                    case "nov" -> 11; case "dec" -> 12;
                    default -> throw new DbException(SqlState.INVALID_DATETIME_FORMAT,
                            "invalid value \"" + name + "\" for \"" + p + "\"");
                };
                ti += 3;
                continue;
            }
            int maxDigits = switch (p) {
                case "YYYY" -> 4;
                case "MS" -> 3;
                case "US" -> 6;
                case "DDD" -> 3;
                case "Q", "D" -> 1;
                default -> 2;
            };
            int start = ti;
            while (ti < text.length() && ti - start < maxDigits && Character.isDigit(text.charAt(ti))) {
                ti++;
            }
            if (start == ti) {
                throw new DbException(SqlState.INVALID_DATETIME_FORMAT, "invalid value \""
                        + text.substring(start, Math.min(text.length(), start + maxDigits)) + "\" for \"" + p + "\"")
                        .withDetail("Value must be an integer.");
            }
            int v = Integer.parseInt(text.substring(start, ti));
            switch (p) {
                case "YYYY" -> year = v;
                case "YY" -> year = 2000 + v;
                case "MM" -> month = v;
                case "DD" -> dayOfMonth = v;
                case "HH24", "HH12", "HH" -> hour = v;
                case "MI" -> minute = v;
                case "SS" -> second = v;
                case "MS" -> nanos = v * 1_000_000;
                case "US" -> nanos = v * 1000;
                default -> {
                }
            }
        }
        try {
            return LocalDateTime.of(year, month, dayOfMonth, hour, minute, second, nanos);
        } catch (java.time.DateTimeException e) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \""
                    + text + "\"");
        }
    }

    /** to_char(number, format) for 9, 0, '.', 'D', ',', 'G', 'S', 'MI' and the FM prefix. */
    static String number(BigDecimal value, String format) {
        boolean fm = format.contains("FM");
        String f = format.replace("FM", "");
        int point = f.indexOf('.') >= 0 ? f.indexOf('.') : f.indexOf('D');
        String intPart = point < 0 ? f : f.substring(0, point);
        String fracPart = point < 0 ? "" : f.substring(point + 1);
        int fracDigits = (int) fracPart.chars().filter(ch -> ch == '9' || ch == '0').count();
        int intDigits = (int) intPart.chars().filter(ch -> ch == '9' || ch == '0').count();
        BigDecimal rounded = value.setScale(fracDigits, RoundingMode.HALF_UP);
        boolean negative = rounded.signum() < 0;
        String plain = rounded.abs().toPlainString();
        String digits = fracDigits > 0 ? plain.substring(0, plain.indexOf('.')) : plain;
        String frac = fracDigits > 0 ? plain.substring(plain.indexOf('.') + 1) : "";
        boolean overflow = digits.length() > intDigits && !(digits.equals("0"));
        if (digits.equals("0") && (fracDigits > 0 || intDigits == 0)) {
            digits = "";
        }
        if (overflow) {
            // PostgreSQL fills every digit position with '#' when the value does not fit
            return (fm ? "" : " ") + "#".repeat(intDigits) + (point >= 0 ? "." + "#".repeat(fracDigits) : "");
        }
        int firstZero = intPart.indexOf('0');
        StringBuilder sb = new StringBuilder();
        boolean explicitSign = f.contains("S") || f.contains("MI");
        int pos = 0;
        boolean signDone = explicitSign;
        for (int i = 0; i < intPart.length(); i++) {
            char ch = intPart.charAt(i);
            if (ch == '9' || ch == '0') {
                int idx = pos - (intDigits - digits.length());
                pos++;
                if (overflow) {
                    sb.append('#');
                } else if (idx >= 0) {
                    if (!signDone) {
                        sb.append(negative ? '-' : (fm ? "" : " "));
                        signDone = true;
                    }
                    sb.append(digits.charAt(idx));
                } else if (firstZero >= 0 && i >= firstZero) {
                    if (!signDone) {
                        sb.append(negative ? '-' : (fm ? "" : " "));
                        signDone = true;
                    }
                    sb.append('0');
                } else if (!fm) {
                    sb.append(' ');
                }
            } else if (ch == ',' || ch == 'G') {
                boolean started = pos > intDigits - digits.length() || (firstZero >= 0 && i > firstZero);
                if (overflow || started) {
                    sb.append(overflow ? '#' : ',');
                } else if (!fm) {
                    sb.append(' ');
                }
            } else if (ch == 'S') {
                sb.append(negative ? '-' : '+');
            } else if (ch == 'M' && intPart.startsWith("MI", i)) {
                sb.append(negative ? '-' : ' ');
                i++;
            } else {
                sb.append(ch);
            }
        }
        if (!signDone) {
            sb.append(negative ? '-' : (fm ? "" : " "));
        }
        if (point >= 0) {
            sb.append(overflow ? '#' : '.');
            int k = 0;
            StringBuilder fr = new StringBuilder();
            for (int i = 0; i < fracPart.length(); i++) {
                char ch = fracPart.charAt(i);
                if (ch == '9' || ch == '0') {
                    fr.append(overflow ? '#' : frac.charAt(k));
                    k++;
                } else if (ch == 'M' && fracPart.startsWith("MI", i)) {
                    fr.append(negative ? '-' : ' ');
                    i++;
                } else if (ch == 'S') {
                    fr.append(negative ? '-' : '+');
                } else {
                    fr.append(ch);
                }
            }
            String fs = fr.toString();
            if (fm && !overflow) {
                int lastZeroFormat = fracPart.lastIndexOf('0');
                int keep = fs.length();
                while (keep > 0 && keep - 1 > lastZeroFormat && fs.charAt(keep - 1) == '0') {
                    keep--;
                }
                fs = fs.substring(0, keep);
            }
            sb.append(fs);
        }
        return sb.toString();
    }
}
