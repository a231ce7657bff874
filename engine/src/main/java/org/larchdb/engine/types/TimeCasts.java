package org.larchdb.engine.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** The pg_cast functions into time, timetz and interval (time_interval, interval_time, timestamp_time, ...). */
final class TimeCasts {
    private TimeCasts() {
    }

    static Object cast(Object value, PgType from, PgType to, ZoneId timeZone) {
        return switch (to) {
            case TIME -> switch (from) {
                case TIMESTAMP -> {
                    checkFinite(value, "time");
                    yield ((LocalDateTime) value).toLocalTime();
                }
                case TIMESTAMPTZ -> {
                    checkFinite(value, "time");
                    yield LocalTime.ofInstant((Instant) value, timeZone);
                }
                case TIMETZ -> ((OffsetTime) value).toLocalTime();
                // interval_time: the time part modulo a day
                case INTERVAL -> TimeText.wrap(((Interval) value).micros());
                default -> cannot(from, to);
            };
            case TIMETZ -> switch (from) {
                // time_timetz: the session zone's offset now, as PostgreSQL takes it for the current date
                case TIME -> OffsetTime.of((LocalTime) value, TimeText.currentOffset(timeZone));
                case TIMESTAMPTZ -> {
                    checkFinite(value, "time with time zone");
                    yield OffsetTime.ofInstant((Instant) value, timeZone);
                }
                default -> cannot(from, to);
            };
            case INTERVAL -> from == PgType.TIME ? new Interval(0, 0, TimeText.toMicros((LocalTime) value))
                    : cannot(from, to);
            default -> cannot(from, to);
        };
    }

    private static void checkFinite(Object value, String typeName) {
        if (DateTimeText.infinitySign(value) != 0) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
    }

    private static Object cannot(PgType from, PgType to) {
        throw new DbException(SqlState.CANNOT_COERCE, "cannot cast type " + from.sqlName() + " to " + to.sqlName());
    }
}
