-- date, timestamp, timestamptz (in a fixed time zone).
DROP TABLE IF EXISTS td_t;

SET TimeZone = 'UTC';
SET DateStyle = 'ISO, MDY';
SELECT '2024-02-29'::date, DATE '1999-12-31', CAST('2000-01-01' AS date);
SELECT '0001-01-01'::date, '0044-03-15 BC'::date, '9999-12-31'::date, '5874897-12-31'::date;
SELECT 'infinity'::date, '-infinity'::date, 'epoch'::date;
SELECT 'January 8, 1999'::date, '1999-01-08'::date = '19990108'::date;
SELECT '2024-02-30'::date;
SELECT 'garbage'::date;
SELECT '2024-02-28'::date + 1, '2024-03-01'::date - 1, '2024-03-01'::date - '2024-01-01'::date;
SELECT '2024-01-15 10:30:00'::timestamp, TIMESTAMP '2024-01-15 10:30:00.123456';
SELECT '2024-01-15 10:30:00.1234567'::timestamp, '2024-01-15 10:30:00.5'::timestamp;
SELECT '2024-01-15'::timestamp, '2024-01-15T10:30:00'::timestamp, CAST('1999-12-31 23:59:59.999999' AS timestamp);
SELECT 'infinity'::timestamp, '-infinity'::timestamp, 'epoch'::timestamp;
SELECT '0001-01-01 00:00:00'::timestamp, '1000-06-15 12:00:00 BC'::timestamp;
SELECT '294277-01-01'::timestamp;
SELECT '2024-01-15 25:00:00'::timestamp;
SELECT '2024-01-15 10:30:00+02'::timestamptz, '2024-01-15 10:30:00'::timestamptz;
SELECT TIMESTAMPTZ '2024-06-30 23:59:59.999999-07:30', '2024-01-15 10:30:00 UTC'::timestamptz;
SELECT '2024-01-15 10:30:00+02'::timestamptz = '2024-01-15 08:30:00+00'::timestamptz;
SELECT '2024-01-15 10:30:00+02'::timestamptz::timestamp, '2024-01-15 10:30:00'::timestamp::timestamptz;
SELECT '2024-01-15 10:30:00'::timestamp::date, '2024-01-15'::date::timestamp;
SELECT '2024-01-01'::date < '2024-01-02'::date, '2024-01-01'::date = '2024-01-01 00:00:00'::timestamp;
SELECT '2024-01-01 00:00:00.000001'::timestamp > '2024-01-01'::timestamp;
SET TimeZone = 'America/New_York';
SELECT '2024-07-04 12:00:00+00'::timestamptz, '2024-01-04 12:00:00+00'::timestamptz;
SELECT '2024-07-04 12:00:00'::timestamptz;
SET TimeZone = 'UTC';

CREATE TABLE td_t (id integer NOT NULL, d date, ts timestamp, tz timestamptz);
INSERT INTO td_t VALUES
    (1, '2024-01-15', '2024-01-15 10:30:00', '2024-01-15 10:30:00+00'),
    (2, '1970-01-01', '1970-01-01 00:00:00.000001', '1970-01-01 00:00:00+01'),
    (3, '0001-01-01 BC', '4713-01-01 00:00:00 BC', '1900-01-01 12:00:00+00'),
    (4, NULL, NULL, NULL),
    (5, 'infinity', 'infinity', 'infinity'),
    (6, '-infinity', '-infinity', '-infinity'),
    (7, '2999-12-31', '2999-12-31 23:59:59.999999', '2999-12-31 23:59:59.999999+00');
SELECT * FROM td_t ORDER BY id;
SELECT id, d FROM td_t ORDER BY d, id;
SELECT id, ts FROM td_t ORDER BY ts DESC NULLS LAST;
SELECT id, tz FROM td_t ORDER BY tz NULLS FIRST;
SELECT id FROM td_t WHERE d > '2000-01-01' ORDER BY id;
SELECT id FROM td_t WHERE ts < '1970-01-01 00:00:01' ORDER BY id;
SELECT id FROM td_t WHERE tz = '2024-01-15 12:30:00+02';
INSERT INTO td_t (id, d) VALUES (8, 'not a date');
INSERT INTO td_t (id, d) VALUES (8, '2024-13-01');
INSERT INTO td_t (id, d, ts) VALUES (8, '2024-05-06 07:08:09', '2024-05-06');
SELECT id, d, ts FROM td_t WHERE id = 8;
UPDATE td_t SET d = d + 30 WHERE id = 1;
SELECT id, d FROM td_t WHERE id = 1;

DROP TABLE td_t;
