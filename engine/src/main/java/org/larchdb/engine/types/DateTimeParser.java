package org.larchdb.engine.types;

import static org.larchdb.engine.types.DateTimeTokens.ABBREVIATIONS;
import static org.larchdb.engine.types.DateTimeTokens.DAYS;
import static org.larchdb.engine.types.DateTimeTokens.MONTHS;
import static org.larchdb.engine.types.DateTimeTokens.isAlpha;
import static org.larchdb.engine.types.DateTimeTokens.isDigit;
import static org.larchdb.engine.types.DateTimeTokens.namedZone;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * PostgreSQL's date/time input parser (ParseDateTime + DecodeDateTime in datetime.c), reduced to what date,
 * timestamp and timestamptz need: the string is split into typed fields, then each field is decoded in order
 * with a mask of the fields seen so far, which is how PostgreSQL reads ISO dates, 'January 8, 1999',
 * '8 Jan 1999', '1999-Jan-08', '19990108', '1/8/1999' (by DateStyle order), day names, AD/BC, AM/PM,
 * 'T' separators, offsets, zone abbreviations and names, and the special words.
 *
 * <p>'now', 'today', 'tomorrow' and 'yesterday' read the system clock when the text is parsed (PostgreSQL uses
 * the transaction start time; a constant folded at analysis is thus the statement's preparation time).
 */
final class DateTimeParser {
    /** A special value that is not a date and time. */
    enum Special { NONE, EPOCH, INFINITY, NEG_INFINITY }

    /** The decoded value: a local date-time and the zone it was written in (null: none given). */
    record Result(Special special, LocalDateTime local, ZoneId zone) {
    }

    private static final int YEAR = 1;
    private static final int MONTH = 2;
    private static final int DAY = 4;
    private static final int HOUR = 8;
    private static final int MINUTE = 16;
    private static final int SECOND = 32;
    private static final int TZ = 64;
    private static final int ADBC = 128;
    private static final int AMPM = 256;
    private static final int DOW = 512;
    private static final int DOY = 1024;
    private static final int DATE_M = YEAR | MONTH | DAY;
    private static final int TIME_M = HOUR | MINUTE | SECOND;

    private final String text;
    private final PgType type;
    private final TextFormat format;

    private int fmask;
    private long year;
    private int month;
    private int day;
    private int doy;
    private int hour;
    private int minute;
    private int second;
    private long micros;
    private boolean is2digits;
    private boolean bc;
    private int meridian; // 0: 24-hour clock, 1: AM, 2: PM
    private ZoneId zone;
    private Special special = Special.NONE;

    private DateTimeParser(String text, PgType type, TextFormat format) {
        this.text = text;
        this.type = type;
        this.format = format;
    }

    static Result parse(String text, PgType type, TextFormat format) {
        return new DateTimeParser(text, type, format).decode(DateTimeTokens.split(text, type));
    }

    private DbException badFormat() {
        return TypeErrors.datetimeSyntax(DateTimeText.typeName(type), text);
    }

    private DbException fieldOverflow() {
        return TypeErrors.datetimeFieldOverflow(text);
    }

    private DbException monthDayOverflow() {
        return TypeErrors.datetimeFieldOverflow(text).withHint("Perhaps you need a different \"datestyle\" setting.");
    }

    // ---- DecodeDateTime

    private Result decode(List<DateTimeTokens.Field> fields) {
        if (fields.isEmpty()) {
            throw badFormat();
        }
        boolean isoTimeNext = false;
        boolean julianNext = false;
        boolean haveTextMonth = false;
        for (int i = 0; i < fields.size(); i++) {
            DateTimeTokens.Field f = fields.get(i);
            int tmask;
            switch (f.type()) {
                case DATE -> {
                    if (isoTimeNext || (fmask & (MONTH | DAY)) == (MONTH | DAY)) {
                        if (isoTimeNext || isDigit(f.text().charAt(0))) {
                            throw badFormat(); // run-together time with zone (hhmmss-zz): not supported
                        }
                        zone = namedZone(f.text(), true);
                        tmask = TZ;
                    } else {
                        tmask = decodeDate(f.text());
                    }
                }
                case TIME -> {
                    if (isoTimeNext) {
                        isoTimeNext = false;
                    }
                    tmask = decodeTime(f.text());
                }
                case TZ -> {
                    zone = decodeOffset(f.text());
                    tmask = TZ;
                }
                case NUMBER -> {
                    if (julianNext) {
                        julianNext = false;
                        long jd = parseNumber(f.text());
                        setDate(LocalDate.EPOCH.with(java.time.temporal.JulianFields.JULIAN_DAY, jd));
                        tmask = DATE_M;
                    } else if (isoTimeNext) {
                        isoTimeNext = false;
                        tmask = decodeNumberField(f.text(), fmask | DATE_M);
                        if (tmask != TIME_M) {
                            throw badFormat();
                        }
                    } else {
                        tmask = decodeNumberToken(f.text(), haveTextMonth);
                    }
                }
                default -> {
                    String w = f.text();
                    if (w.equals("j")) {
                        // 'J2451187': a Julian day number follows
                        if (i + 1 >= fields.size() || fields.get(i + 1).type() != DateTimeTokens.FieldType.NUMBER) {
                            throw badFormat();
                        }
                        julianNext = true;
                        tmask = 0;
                    } else if (w.equals("t")) {
                        if ((fmask & DATE_M) != DATE_M || i + 1 >= fields.size()) {
                            throw badFormat();
                        }
                        DateTimeTokens.FieldType next = fields.get(i + 1).type();
                        if (next != DateTimeTokens.FieldType.NUMBER && next != DateTimeTokens.FieldType.TIME && next != DateTimeTokens.FieldType.DATE) {
                            throw badFormat();
                        }
                        isoTimeNext = true;
                        tmask = 0;
                    } else if (MONTHS.containsKey(w) && f.type() == DateTimeTokens.FieldType.STRING) {
                        tmask = MONTH;
                        if ((fmask & MONTH) != 0 && !haveTextMonth && (fmask & DAY) == 0 && month >= 1 && month <= 31) {
                            // a number taken for the month was the day: '8 January 1999'
                            day = month;
                            tmask = DAY;
                        }
                        month = MONTHS.get(w);
                        haveTextMonth = true;
                    } else {
                        tmask = decodeWord(w);
                    }
                }
            }
            if ((tmask & fmask) != 0) {
                throw badFormat();
            }
            fmask |= tmask;
        }
        return finish();
    }

    /** A word that is not a month: day names, eras, meridians, special values, zone abbreviations and names. */
    private int decodeWord(String w) {
        ZoneId sessionZone = format.timeZone();
        switch (w) {
            case "infinity", "+infinity" -> {
                special = Special.INFINITY;
                return DATE_M | TIME_M | TZ;
            }
            case "-infinity" -> {
                special = Special.NEG_INFINITY;
                return DATE_M | TIME_M | TZ;
            }
            case "epoch" -> {
                special = Special.EPOCH;
                return DATE_M | TIME_M | TZ;
            }
            case "now" -> {
                LocalDateTime now = ZonedDateTime.now(sessionZone).toLocalDateTime();
                setDate(now.toLocalDate());
                hour = now.getHour();
                minute = now.getMinute();
                second = now.getSecond();
                micros = now.getNano() / 1000;
                zone = sessionZone;
                return DATE_M | TIME_M | TZ;
            }
            case "today", "tomorrow", "yesterday" -> {
                LocalDate today = LocalDate.now(sessionZone);
                setDate(w.equals("today") ? today : today.plusDays(w.equals("tomorrow") ? 1 : -1));
                return DATE_M;
            }
            case "allballs" -> {
                hour = 0;
                minute = 0;
                second = 0;
                micros = 0;
                zone = ZoneOffset.UTC;
                return TIME_M | TZ;
            }
            case "ad", "bc" -> {
                bc = w.equals("bc");
                return ADBC;
            }
            case "am", "pm" -> {
                meridian = w.equals("am") ? 1 : 2;
                return AMPM;
            }
            case "at", "on" -> {
                return 0;
            }
            default -> {
            }
        }
        if (DAYS.contains(w)) {
            return DOW; // the day of the week is accepted and not checked, as in PostgreSQL
        }
        Integer offset = ABBREVIATIONS.get(w);
        if (offset != null) {
            zone = ZoneOffset.ofTotalSeconds(offset);
            return TZ;
        }
        ZoneId named = namedZone(w, false);
        if (named == null) {
            throw badFormat();
        }
        zone = named;
        return TZ;
    }

    private void setDate(LocalDate d) {
        year = d.getYear();
        month = d.getMonthValue();
        day = d.getDayOfMonth();
        bc = false;
        is2digits = false;
    }

    /** DecodeDate: a field with embedded separators ('2024-01-31', '1/8/1999', '1999-jan-08'). */
    private int decodeDate(String s) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                throw badFormat();
            }
            int start = i;
            if (isDigit(s.charAt(i))) {
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
            } else if (isAlpha(s.charAt(i))) {
                while (i < s.length() && isAlpha(s.charAt(i))) {
                    i++;
                }
            } else {
                throw badFormat();
            }
            parts.add(s.substring(start, i));
            if (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
                throw badFormat(); // letters run into digits
            }
        }
        int mask = 0;
        boolean textMonth = false;
        for (int k = 0; k < parts.size(); k++) {
            String p = parts.get(k);
            if (isAlpha(p.charAt(0))) {
                Integer m = MONTHS.get(p);
                if (m == null || ((fmask | mask) & MONTH) != 0) {
                    throw badFormat();
                }
                month = m;
                textMonth = true;
                mask |= MONTH;
                parts.set(k, null);
            }
        }
        for (String p : parts) {
            if (p == null) {
                continue;
            }
            int dmask = decodeNumber(p, textMonth, fmask | mask);
            if (((fmask | mask) & dmask) != 0) {
                throw badFormat();
            }
            mask |= dmask;
        }
        if (((fmask | mask) & ~(DOY | TZ)) != DATE_M) {
            throw badFormat();
        }
        return mask;
    }

    /** A lone number field: a concatenated date or time, a year, or one date part. */
    private int decodeNumberToken(String s, boolean haveTextMonth) {
        int dot = s.indexOf('.');
        if (dot >= 0 && (fmask & DATE_M) == 0) {
            return decodeDate(s);
        }
        if (dot >= 0 && dot > 2) {
            return decodeNumberField(s, fmask);
        }
        if (s.length() >= 6 && ((fmask & DATE_M) == 0 || (fmask & TIME_M) == 0)) {
            return decodeNumberField(s, fmask);
        }
        return decodeNumber(s, haveTextMonth, fmask);
    }

    /** DecodeNumber: which date part a number is, from the parts already seen and DateStyle's order. */
    private int decodeNumber(String s, boolean haveTextMonth, int seen) {
        int dot = s.indexOf('.');
        String digits = dot < 0 ? s : s.substring(0, dot);
        if (digits.isEmpty()) {
            throw badFormat();
        }
        if (dot >= 0) {
            if (digits.length() > 2) {
                return decodeNumberField(s, seen | DATE_M);
            }
            micros = fraction(s.substring(dot + 1));
        }
        long val = parseNumber(digits);
        int flen = s.length();
        TextFormat.DateOrder order = format.dateOrder();
        if (flen == 3 && (seen & DATE_M) == YEAR && val >= 1 && val <= 366) {
            doy = (int) val;
            return DOY | MONTH | DAY;
        }
        int mask;
        switch (seen & DATE_M) {
            case 0 -> {
                if (flen >= 3 || order == TextFormat.DateOrder.YMD) {
                    mask = YEAR;
                    year = val;
                } else if (order == TextFormat.DateOrder.DMY) {
                    mask = DAY;
                    day = (int) val;
                } else {
                    mask = MONTH;
                    month = (int) val;
                }
            }
            case YEAR -> {
                mask = MONTH;
                month = (int) val;
            }
            case MONTH -> {
                if (haveTextMonth && (flen >= 3 || order == TextFormat.DateOrder.YMD)) {
                    mask = YEAR;
                    year = val;
                } else {
                    mask = DAY;
                    day = (int) val;
                }
            }
            case YEAR | MONTH -> {
                if (haveTextMonth && flen >= 3 && is2digits) {
                    // the first number was the day after all: DD-MON-YYYY
                    mask = DAY;
                    day = (int) year;
                    year = val;
                    is2digits = false;
                    return mask;
                }
                mask = DAY;
                day = (int) val;
            }
            case DAY -> {
                mask = MONTH;
                month = (int) val;
            }
            case MONTH | DAY -> {
                mask = YEAR;
                year = val;
            }
            case DATE_M -> {
                return decodeNumberField(s, seen);
            }
            default -> throw badFormat();
        }
        if (mask == YEAR) {
            is2digits = flen <= 2;
        }
        return mask;
    }

    /** DecodeNumberField: a run-together date (YYYYMMDD, YYMMDD) or time (hhmmss, hhmm), maybe with a fraction. */
    private int decodeNumberField(String s, int seen) {
        int dot = s.indexOf('.');
        if (dot >= 0) {
            micros = fraction(s.substring(dot + 1));
            s = s.substring(0, dot);
        } else if ((seen & DATE_M) != DATE_M && s.length() >= 6) {
            int len = s.length();
            day = (int) parseNumber(s.substring(len - 2));
            month = (int) parseNumber(s.substring(len - 4, len - 2));
            year = parseNumber(s.substring(0, len - 4));
            is2digits = len - 4 == 2;
            return DATE_M;
        }
        if ((seen & TIME_M) != TIME_M) {
            if (s.length() == 6) {
                hour = (int) parseNumber(s.substring(0, 2));
                minute = (int) parseNumber(s.substring(2, 4));
                second = (int) parseNumber(s.substring(4, 6));
                return TIME_M;
            }
            if (s.length() == 4) {
                hour = (int) parseNumber(s.substring(0, 2));
                minute = (int) parseNumber(s.substring(2, 4));
                second = 0;
                return TIME_M;
            }
        }
        throw badFormat();
    }

    /** DecodeTime: hh:mm, hh:mm:ss, hh:mm:ss.ffffff, or mm:ss.ffffff. */
    private int decodeTime(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw badFormat();
        }
        long h = parseNumber(parts[0]);
        long m;
        long sec = 0;
        long frac = 0;
        if (parts.length == 2) {
            int dot = parts[1].indexOf('.');
            if (dot >= 0) {
                // "mm:ss.fff"
                sec = parseNumber(parts[1].substring(0, dot));
                frac = fraction(parts[1].substring(dot + 1));
                m = h;
                h = 0;
            } else {
                m = parseNumber(parts[1]);
            }
        } else {
            m = parseNumber(parts[1]);
            int dot = parts[2].indexOf('.');
            sec = parseNumber(dot < 0 ? parts[2] : parts[2].substring(0, dot));
            if (dot >= 0) {
                frac = fraction(parts[2].substring(dot + 1));
            }
        }
        if (m > 59 || sec > 60) {
            throw fieldOverflow();
        }
        if (h > 24 || (h == 24 && (m > 0 || sec > 0 || frac > 0))) {
            throw fieldOverflow();
        }
        hour = (int) h;
        minute = (int) m;
        second = (int) sec;
        micros = frac;
        return TIME_M;
    }

    /** DecodeTimezone: +hh, +hhmm, +hh:mm, +hh:mm:ss. */
    private ZoneId decodeOffset(String s) {
        boolean negative = s.charAt(0) == '-';
        String body = s.substring(1);
        String[] parts = body.split(":", -1);
        if (parts.length > 3) {
            throw badFormat();
        }
        long h;
        long m = 0;
        long sec = 0;
        if (parts.length == 1) {
            long v = parseNumber(parts[0]);
            if (parts[0].length() > 2) {
                h = v / 100;
                m = v % 100;
            } else {
                h = v;
            }
        } else {
            h = parseNumber(parts[0]);
            m = parseNumber(parts[1]);
            if (parts.length == 3) {
                sec = parseNumber(parts[2]);
            }
        }
        if (h > 15 || m > 59 || sec > 59) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW,
                    "time zone displacement out of range: \"" + text + "\"");
        }
        int total = (int) (h * 3600 + m * 60 + sec);
        return ZoneOffset.ofTotalSeconds(negative ? -total : total);
    }

    private long parseNumber(String digits) {
        if (digits.isEmpty()) {
            throw badFormat();
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!isDigit(digits.charAt(i))) {
                throw badFormat();
            }
        }
        if (digits.length() > 9) {
            throw fieldOverflow();
        }
        return Long.parseLong(digits);
    }

    /** Fractional seconds rounded to microseconds. */
    private long fraction(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!isDigit(digits.charAt(i))) {
                throw badFormat();
            }
        }
        if (digits.length() <= 6) {
            return Long.parseLong((digits + "00000").substring(0, 6));
        }
        long m = Long.parseLong(digits.substring(0, 6));
        return digits.charAt(6) >= '5' ? m + 1 : m;
    }

    // ---- ValidateDate and the final checks

    private Result finish() {
        if (special != Special.NONE) {
            return new Result(special, null, null);
        }
        if ((fmask & YEAR) != 0) {
            if (bc) {
                if (year <= 0) {
                    throw fieldOverflow();
                }
                year = 1 - year;
            } else if (is2digits) {
                if (year < 70) {
                    year += 2000;
                } else if (year < 100) {
                    year += 1900;
                }
            } else if (year <= 0) {
                throw fieldOverflow();
            }
        }
        if ((fmask & DOY) != 0) {
            LocalDate d = LocalDate.ofYearDay((int) year, 1).plusDays(doy - 1L);
            month = d.getMonthValue();
            day = d.getDayOfMonth();
        }
        if ((fmask & MONTH) != 0 && (month < 1 || month > 12)) {
            throw monthDayOverflow();
        }
        if ((fmask & DAY) != 0 && (day < 1 || day > 31)) {
            throw monthDayOverflow();
        }
        if ((fmask & DATE_M) != DATE_M) {
            throw badFormat();
        }
        if (meridian != 0 && hour > 12) {
            throw fieldOverflow();
        }
        if (meridian == 1 && hour == 12) {
            hour = 0;
        } else if (meridian == 2 && hour != 12) {
            hour += 12;
        }
        if (year < -5_000_000 || year > 6_000_000) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW,
                    (type == PgType.DATE ? "date" : "timestamp") + " out of range: \"" + text + "\"");
        }
        LocalDate date;
        try {
            date = LocalDate.of((int) year, month, day);
        } catch (DateTimeException e) {
            throw fieldOverflow();
        }
        LocalDateTime local = date.atStartOfDay().plusHours(hour).plusMinutes(minute).plusSeconds(second)
                .plusNanos(micros * 1000);
        return new Result(Special.NONE, local, zone);
    }
}
