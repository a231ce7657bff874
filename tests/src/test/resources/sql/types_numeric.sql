-- smallint, integer, bigint, real, double precision, numeric(p,s).
DROP TABLE IF EXISTS tn_t;

SELECT 32767::smallint, (-32768)::smallint, CAST(12 AS smallint);
SELECT 32768::smallint;
SELECT 2147483647::integer, (-2147483648)::integer, CAST('42' AS integer);
SELECT -2147483648::integer;
SELECT 2147483648::integer;
SELECT 9223372036854775807::bigint, (-9223372036854775808)::bigint;
SELECT 9223372036854775808::bigint;
SELECT 2147483647 + 1;
SELECT 2147483647::bigint + 1;
SELECT 9223372036854775807 + 1;
SELECT 32767::smallint + 1::smallint;
SELECT (-2147483648)::integer * -1;
SELECT '42'::integer, ' 42 '::integer, '-7'::smallint, '+8'::bigint;
SELECT '4x'::integer;
SELECT ''::integer;
SELECT '1.5'::integer;
SELECT '99999999999'::integer;
SELECT 'abc'::numeric;
SELECT 'x'::real;
SELECT 2.5::integer, 3.5::integer, (-2.5)::integer, 2.4::smallint, 2.5::bigint;
SELECT 2.5::float8::integer, 3.5::float8::integer, (-2.5)::float8::integer;
SELECT 1.5::real, 0.1::real, 100000::real, 123456789.123::real, 1e20::float8, 1e-5::float8;
SELECT 0.1::double precision + 0.2::double precision;
SELECT 'NaN'::real, 'Infinity'::double precision, '-Infinity'::float8, 'nan'::float8;
SELECT 'NaN'::float8 > 'Infinity'::float8, 'NaN'::float8 = 'NaN'::float8;
SELECT 1e39::real;
SELECT 3.14159::numeric(5,2), 123.456::numeric(5,2), 0.005::numeric(3,2), -0.005::numeric(3,2);
SELECT 1234.5::numeric(5,2);
SELECT CAST(7 AS numeric(6,3)), CAST('1.23456' AS numeric(4,1));
SELECT 1.10 + 2.205, 1.5 * 1.5, 10.0 / 4, 1::numeric / 3, 7.0 / 2, 7.5 % 2;
SELECT 0.1 + 0.2 = 0.3, 0.1::float8 + 0.2::float8 = 0.3::float8;
SELECT 1e3, 1.5e-3, 1.50, 0.0, -0.0, 00012.3400;
SELECT 'NaN'::numeric, 'NaN'::numeric = 'NaN'::numeric;
SELECT 1 = 1.0, 1::smallint < 2::bigint, 2::bigint = 2::smallint, 0.1::real = 0.1::float8;
SELECT 3::float8 / 2, 3 / 2, 3::numeric / 2;
SELECT 1 / 0;
SELECT 1.0 / 0;
SELECT 1::float8 / 0;
SELECT 5 % 0;
SELECT 1 + 2::bigint, 1::smallint + 1, 1 + 1.0::float8, 1.5 + 1::real;

CREATE TABLE tn_t (id integer NOT NULL, s smallint, i integer, b bigint, r real, d double precision, n numeric(10,3), u numeric);
INSERT INTO tn_t VALUES
    (1, 1, 1, 1, 1.5, 1.5, 1.5, 1.5),
    (2, -32768, -2147483648, -9223372036854775808, -3.25, -1e100, -9999999.999, -123456789012345678901234567890.123),
    (3, 32767, 2147483647, 9223372036854775807, 3.4e38, 1.7976931348623157e308, 9999999.999, 0.000000000000000000001),
    (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (5, 0, 0, 0, 'NaN', 'Infinity', 0, 'NaN'),
    (6, 7, 42, 4200000000, '-Infinity', 'NaN', 1.2345, 10);
SELECT * FROM tn_t ORDER BY id;
SELECT id, d FROM tn_t ORDER BY d, id;
SELECT id, r FROM tn_t ORDER BY r DESC, id;
SELECT id, n FROM tn_t ORDER BY n DESC NULLS LAST;
SELECT id, u FROM tn_t ORDER BY u;
SELECT id, b FROM tn_t WHERE b > 4000000000 ORDER BY id;
SELECT id FROM tn_t WHERE i = 42 AND s = 7;
SELECT id, s + i, i + b, n * 2, u + 1 FROM tn_t WHERE id = 1 OR id = 6 ORDER BY id;
SELECT id, i * 2 FROM tn_t WHERE id = 3;
INSERT INTO tn_t (id, s) VALUES (7, 40000);
INSERT INTO tn_t (id, i) VALUES (7, 3000000000);
INSERT INTO tn_t (id, n) VALUES (7, 12345678.9);
INSERT INTO tn_t (id, i, s, b) VALUES (7, 2.7, '12', 3.5);
INSERT INTO tn_t (id, i) VALUES (8, 'abc');
SELECT id, s, i, b FROM tn_t WHERE id = 7;
UPDATE tn_t SET s = s + 1 WHERE id = 3;
UPDATE tn_t SET n = n / 3 WHERE id = 1;
SELECT id, n FROM tn_t WHERE id = 1;

DROP TABLE tn_t;
