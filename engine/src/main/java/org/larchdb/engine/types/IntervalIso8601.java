package org.larchdb.engine.types;

/**
 * ISO 8601 interval input (DecodeISO8601Interval): "format with designators" 'P1Y2M3W4DT5H6M7.5S' (numbers may
 * carry a sign and a fraction, which spills into the smaller units as in the other input forms) and the
 * "alternative format" 'P0001-02-03T04:05:06'.
 */
final class IntervalIso8601 {
    private IntervalIso8601() {
    }

    static Interval parse(String text, String s) {
        double months = 0;
        double days = 0;
        double micros = 0;
        boolean timePart = false;
        int i = 1;
        int n = s.length();
        if (i >= n) {
            throw IntervalText.syntax(text);
        }
        while (i < n) {
            char c = s.charAt(i);
            if (c == 'T' || c == 't') {
                if (timePart) {
                    throw IntervalText.syntax(text);
                }
                timePart = true;
                i++;
                if (i >= n) {
                    throw IntervalText.syntax(text);
                }
                continue;
            }
            int start = i;
            if (c == '+' || c == '-') {
                i++;
            }
            while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i == start || (i == start + 1 && !Character.isDigit(s.charAt(start)) && s.charAt(start) != '.')) {
                throw IntervalText.syntax(text);
            }
            double val;
            try {
                val = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw IntervalText.syntax(text);
            }
            if (i >= n) {
                throw IntervalText.syntax(text);
            }
            char unit = Character.toUpperCase(s.charAt(i));
            if (unit == '-' || unit == ':') {
                return alternative(text, s);
            }
            i++;
            if (!timePart) {
                switch (unit) {
                    case 'Y' -> months += val * 12;
                    case 'M' -> months += val;
                    case 'W' -> days += val * 7;
                    case 'D' -> days += val;
                    default -> throw IntervalText.syntax(text);
                }
            } else {
                switch (unit) {
                    case 'H' -> micros += val * Interval.MICROS_PER_HOUR;
                    case 'M' -> micros += val * Interval.MICROS_PER_MINUTE;
                    case 'S' -> micros += val * Interval.MICROS_PER_SECOND;
                    default -> throw IntervalText.syntax(text);
                }
            }
        }
        return build(text, months, days, micros);
    }

    /** Whole months and days exact; their fractions spill into days and time (30-day months). */
    private static Interval build(String text, double months, double days, double micros) {
        long m = (long) months;
        double dayTotal = days + (months - m) * Interval.DAYS_PER_MONTH;
        long d = (long) dayTotal;
        double t = Math.rint(micros + (dayTotal - d) * Interval.MICROS_PER_DAY);
        if (m > Integer.MAX_VALUE || m < Integer.MIN_VALUE || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE
                || Math.abs(t) >= 9.2e18) {
            throw IntervalText.fieldOverflow(text);
        }
        return new Interval((int) m, (int) d, (long) t);
    }

    /** 'PYYYY-MM-DDTHH:MM:SS', where the time part or trailing date fields may be left off. */
    private static Interval alternative(String text, String s) {
        String body = s.substring(1);
        int t = Math.max(body.indexOf('T'), body.indexOf('t'));
        String date = t < 0 ? body : body.substring(0, t);
        String time = t < 0 ? "" : body.substring(t + 1);
        double months = 0;
        double days = 0;
        double micros = 0;
        try {
            if (!date.isEmpty()) {
                String[] p = date.split("-", -1);
                if (p.length > 3) {
                    throw IntervalText.syntax(text);
                }
                months += Double.parseDouble(p[0]) * 12;
                if (p.length > 1) {
                    months += Double.parseDouble(p[1]);
                }
                if (p.length > 2) {
                    days += Double.parseDouble(p[2]);
                }
            }
            if (!time.isEmpty()) {
                String[] p = time.split(":", -1);
                if (p.length > 3) {
                    throw IntervalText.syntax(text);
                }
                micros += Double.parseDouble(p[0]) * Interval.MICROS_PER_HOUR;
                if (p.length > 1) {
                    micros += Double.parseDouble(p[1]) * Interval.MICROS_PER_MINUTE;
                }
                if (p.length > 2) {
                    micros += Double.parseDouble(p[2]) * Interval.MICROS_PER_SECOND;
                }
            }
        } catch (NumberFormatException e) {
            throw IntervalText.syntax(text);
        }
        return build(text, months, days, micros);
    }
}
