-- text, varchar(n), char(n), bytea.
DROP TABLE IF EXISTS tt_t;

SELECT 'abc'::text, 'abc'::varchar(5), 'abc'::char(5), 'abc'::bytea;
SELECT CAST('abc' AS varchar(2)), CAST('ab' AS character(4)), 'abcdef'::character varying(3);
SELECT 'ab'::char(4) || '|', 'ab'::varchar(4) || '|', 'ab  '::text || '|';
SELECT 'abc'::char(5) = 'abc  '::char(5), 'abc'::varchar(5) = 'abc  '::varchar(5), 'abc'::text = 'abc';
SELECT 'it''s', 'say "hi"', E'tab\there', E'new\\nline', '';
SELECT 'héllo wörld', '日本語', 'emoji 😀';
SELECT '' IS NULL, '' = '', 'a' < 'b', 'B' < 'a', 'abc' > 'ab', '10' < '9';
SELECT 42::text, 1.50::text, true::text, (-7)::text || 'x';
SELECT 'x'::char, 'xyz'::char, 'xyz'::character(1);
SELECT '\x00ff10'::bytea, '\x'::bytea, 'ab\000'::bytea, '\xDEADbeef'::bytea;
SELECT '\xzz'::bytea;
SELECT '\x01'::bytea < '\x02'::bytea, '\x0102'::bytea > '\x01'::bytea, 'abc'::bytea = '\x616263'::bytea;
SELECT '\x01'::bytea || '\x02'::bytea;

CREATE TABLE tt_t (id integer NOT NULL, t text, v varchar(5), c char(5), bt bytea);
INSERT INTO tt_t VALUES
    (1, 'apple', 'abc', 'abc', '\x010203'),
    (2, 'Banana', 'abcde', 'abcde', '\x'),
    (3, '', '', '', '\x00'),
    (4, NULL, NULL, NULL, NULL),
    (5, 'cherry pie', 'a b', ' a', '\xff'),
    (6, 'apple', 'Z', 'z', '\x0102');
SELECT * FROM tt_t ORDER BY id;
SELECT id, t FROM tt_t ORDER BY t, id;
SELECT id, t FROM tt_t ORDER BY t DESC NULLS LAST, id;
SELECT id, v FROM tt_t ORDER BY v NULLS FIRST, id;
SELECT id, c FROM tt_t ORDER BY c, id;
SELECT id, bt FROM tt_t ORDER BY bt, id;
SELECT id FROM tt_t WHERE t = 'apple' ORDER BY id;
SELECT id FROM tt_t WHERE c = 'abc' ORDER BY id;
SELECT id FROM tt_t WHERE v = 'abc  ';
SELECT id FROM tt_t WHERE t > 'b' ORDER BY id;
SELECT id, t || '-' || v || '-' || c FROM tt_t ORDER BY id;
INSERT INTO tt_t (id, v) VALUES (7, 'abcdef');
INSERT INTO tt_t (id, c) VALUES (7, 'abcdef');
INSERT INTO tt_t (id, v, c) VALUES (7, 'abcde   ', 'xyz     ');
SELECT id, v || '|', c || '|' FROM tt_t WHERE id = 7;
UPDATE tt_t SET v = 'toolong' WHERE id = 1;
UPDATE tt_t SET v = v || 'xyz' WHERE id = 1;
UPDATE tt_t SET v = v || 'x' WHERE id = 1;
SELECT id, v FROM tt_t WHERE id = 1;
INSERT INTO tt_t (id, t) VALUES (8, 12345);
SELECT id, t FROM tt_t WHERE id = 8;

DROP TABLE tt_t;
