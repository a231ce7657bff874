-- INSERT with multi-row VALUES and column lists; SELECT expressions.
DROP TABLE IF EXISTS ins_t;

CREATE TABLE ins_t (a integer, b text, c integer);
INSERT INTO ins_t VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30);
INSERT INTO ins_t (c, a) VALUES (40, 4), (50, 5);
INSERT INTO ins_t (b) VALUES ('only b');
INSERT INTO ins_t VALUES (6, 'six');
INSERT INTO ins_t (a, b, c) VALUES (1 + 6, 'sev' || 'en', 7 * 10);
INSERT INTO ins_t (a, b, c) VALUES (8, NULL, NULL), (9, 'nine', -90);
SELECT * FROM ins_t ORDER BY a;
SELECT a, b FROM ins_t WHERE a = 2;
SELECT b, a FROM ins_t WHERE a < 3 ORDER BY a;
SELECT a, c, a + c, c - a, a * c, c / a, c % 7 FROM ins_t WHERE a IS NOT NULL ORDER BY a;
SELECT a AS x, c AS "Total", b label FROM ins_t WHERE a <= 2 ORDER BY a;
SELECT ins_t.a, ins_t.b FROM ins_t WHERE ins_t.a = 3;
SELECT t.a, t.c FROM ins_t t WHERE t.a = 3;
SELECT t.* FROM ins_t AS t WHERE a = 1;
SELECT b || '!' FROM ins_t WHERE a = 1 OR a = 2 ORDER BY a;
SELECT b || ' has ' || a FROM ins_t WHERE a = 3;
SELECT a, b || NULL FROM ins_t WHERE a = 1;
SELECT a, a > 5, c >= 30, b = 'two' FROM ins_t WHERE a IS NOT NULL ORDER BY a;
SELECT count(*) FROM ins_t;
SELECT count(*) FROM ins_t WHERE c IS NULL;
SELECT count(*) AS n FROM ins_t WHERE a > 3;

-- expressions without FROM
SELECT 1;
SELECT 1 + 1;
SELECT 1 AS one, 2 two, 'x' AS "Ex";
SELECT 2 + 3 * 4, (2 + 3) * 4, 10 - 2 - 3, 2 * 3 % 4;
SELECT 7 / 2, -7 / 2, 7 % 3, -7 % 3, 7 % -3;
SELECT -5, - 5, -(-5), +5;
SELECT 1 + 1.5, 10 / 4.0, 2.0 * 3;
SELECT 'abc' || 'def', 'a' || 1, 1 || 'a';
SELECT 1 < 2, 2 <= 2, 3 > 4, 4 >= 5, 1 = 1, 1 <> 1, 1 != 2;
SELECT 'abc' < 'abd', 'a' = 'a', 'B' < 'a';
SELECT NULL;
SELECT NULL + 1, NULL || 'x', 1 = NULL;
SELECT current_user, current_database();
SELECT 1 FROM ins_t WHERE a = 1;
DROP TABLE ins_t;
