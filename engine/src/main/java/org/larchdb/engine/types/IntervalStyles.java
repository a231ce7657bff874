package org.larchdb.engine.types;

/**
 * interval output in each IntervalStyle (EncodeInterval in PostgreSQL's datetime.c). The fields are PostgreSQL's:
 * years and months from the month count, days, and hours/minutes/seconds/microseconds from the time part, each
 * carrying its own sign.
 */
final class IntervalStyles {
    private IntervalStyles() {
    }

    private record Fields(int year, int mon, int mday, long hour, long min, long sec, long fsec) {
        static Fields of(Interval v) {
            long t = v.micros();
            long hour = t / Interval.MICROS_PER_HOUR;
            t -= hour * Interval.MICROS_PER_HOUR;
            long min = t / Interval.MICROS_PER_MINUTE;
            t -= min * Interval.MICROS_PER_MINUTE;
            long sec = t / Interval.MICROS_PER_SECOND;
            return new Fields(v.months() / 12, v.months() % 12, v.days(), hour, min, sec,
                    t - sec * Interval.MICROS_PER_SECOND);
        }

        boolean timeIsZero() {
            return hour == 0 && min == 0 && sec == 0 && fsec == 0;
        }
    }

    static String format(Interval v, TextFormat.IntervalStyle style) {
        return switch (style) {
            case POSTGRES -> IntervalText.format(v);
            case SQL_STANDARD -> sqlStandard(Fields.of(v));
            case ISO_8601 -> iso8601(Fields.of(v));
            case POSTGRES_VERBOSE -> verbose(Fields.of(v));
        };
    }

    private static void seconds(StringBuilder sb, long sec, long fsec, boolean fillZeros) {
        if (fillZeros) {
            IntervalText.appendTwo(sb, Math.abs(sec));
        } else {
            sb.append(Math.abs(sec));
        }
        IntervalText.appendFraction(sb, Math.abs(fsec));
    }

    private static String sqlStandard(Fields f) {
        boolean negative = f.year < 0 || f.mon < 0 || f.mday < 0 || f.hour < 0 || f.min < 0 || f.sec < 0 || f.fsec < 0;
        boolean positive = f.year > 0 || f.mon > 0 || f.mday > 0 || f.hour > 0 || f.min > 0 || f.sec > 0 || f.fsec > 0;
        boolean yearMonth = f.year != 0 || f.mon != 0;
        boolean dayTime = f.mday != 0 || !f.timeIsZero();
        boolean standard = !(negative && positive) && !(yearMonth && dayTime);
        StringBuilder sb = new StringBuilder();
        Fields g = f;
        if (negative && standard) {
            sb.append('-');
            g = new Fields(-f.year, -f.mon, -f.mday, -f.hour, -f.min, -f.sec, -f.fsec);
        }
        if (!negative && !positive) {
            sb.append('0');
        } else if (!standard) {
            sb.append(g.year < 0 || g.mon < 0 ? '-' : '+').append(Math.abs(g.year)).append('-')
                    .append(Math.abs(g.mon)).append(' ');
            sb.append(g.mday < 0 ? '-' : '+').append(Math.abs(g.mday)).append(' ');
            sb.append(g.hour < 0 || g.min < 0 || g.sec < 0 || g.fsec < 0 ? '-' : '+').append(Math.abs(g.hour))
                    .append(':');
            IntervalText.appendTwo(sb, Math.abs(g.min));
            sb.append(':');
            seconds(sb, g.sec, g.fsec, true);
        } else if (yearMonth) {
            sb.append(g.year).append('-').append(g.mon);
        } else {
            if (g.mday != 0) {
                sb.append(g.mday).append(' ');
            }
            sb.append(g.hour).append(':');
            IntervalText.appendTwo(sb, g.min);
            sb.append(':');
            seconds(sb, g.sec, g.fsec, true);
        }
        return sb.toString();
    }

    private static String iso8601(Fields f) {
        if (f.year == 0 && f.mon == 0 && f.mday == 0 && f.timeIsZero()) {
            return "PT0S";
        }
        StringBuilder sb = new StringBuilder("P");
        isoPart(sb, f.year, 'Y');
        isoPart(sb, f.mon, 'M');
        isoPart(sb, f.mday, 'D');
        if (!f.timeIsZero()) {
            sb.append('T');
        }
        isoPart(sb, f.hour, 'H');
        isoPart(sb, f.min, 'M');
        if (f.sec != 0 || f.fsec != 0) {
            if (f.sec < 0 || f.fsec < 0) {
                sb.append('-');
            }
            seconds(sb, f.sec, f.fsec, false);
            sb.append('S');
        }
        return sb.toString();
    }

    private static void isoPart(StringBuilder sb, long value, char unit) {
        if (value != 0) {
            sb.append(value).append(unit);
        }
    }

    private static String verbose(Fields f) {
        StringBuilder sb = new StringBuilder("@");
        boolean[] state = {true, false}; // is_zero, is_before
        verbosePart(sb, f.year, "year", state);
        verbosePart(sb, f.mon, "mon", state);
        verbosePart(sb, f.mday, "day", state);
        verbosePart(sb, f.hour, "hour", state);
        verbosePart(sb, f.min, "min", state);
        if (f.sec != 0 || f.fsec != 0) {
            sb.append(' ');
            if (f.sec < 0 || (f.sec == 0 && f.fsec < 0)) {
                if (state[0]) {
                    state[1] = true;
                } else if (!state[1]) {
                    sb.append('-');
                }
            } else if (state[1]) {
                sb.append('-');
            }
            seconds(sb, f.sec, f.fsec, false);
            sb.append(" sec").append(Math.abs(f.sec) != 1 || f.fsec != 0 ? "s" : "");
            state[0] = false;
        }
        if (state[0]) {
            sb.append(" 0");
        }
        if (state[1]) {
            sb.append(" ago");
        }
        return sb.toString();
    }

    /** AddVerboseIntPart: the first non-zero field decides "ago"; later fields are shown relative to it. */
    private static void verbosePart(StringBuilder sb, long value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (state[0]) {
            state[1] = value < 0;
            value = Math.abs(value);
        } else if (state[1]) {
            value = -value;
        }
        sb.append(' ').append(value).append(' ').append(unit).append(value == 1 ? "" : "s");
        state[0] = false;
    }
}
