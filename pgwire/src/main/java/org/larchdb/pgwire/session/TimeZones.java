package org.larchdb.pgwire.session;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the TimeZone parameter as the session reports it into a ZoneId for text output of
 * timestamptz values. POSIX-style offsets ("UTC+3", "&lt;-07&gt;+07") count hours west of Greenwich, the
 * opposite of ISO offsets, so their sign is flipped.
 */
final class TimeZones {
    private static final Pattern POSIX_OFFSET =
            Pattern.compile("(?i)(?:UTC|GMT|<[^>]*>)([+-]?)(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?");

    private TimeZones() {
    }

    static ZoneId toZoneId(String value) {
        if (value == null || value.isBlank()) {
            return ZoneOffset.UTC;
        }
        String v = value.trim();
        Matcher posix = POSIX_OFFSET.matcher(v);
        if (posix.matches()) {
            int seconds = Integer.parseInt(posix.group(2)) * 3600
                    + (posix.group(3) == null ? 0 : Integer.parseInt(posix.group(3)) * 60)
                    + (posix.group(4) == null ? 0 : Integer.parseInt(posix.group(4)));
            int west = "-".equals(posix.group(1)) ? -seconds : seconds;
            try {
                return ZoneOffset.ofTotalSeconds(-west);
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
        try {
            return ZoneId.of(v, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
