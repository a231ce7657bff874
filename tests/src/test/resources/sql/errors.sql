-- Errors with their SQLSTATEs; the session goes on after each.
DROP TABLE IF EXISTS err_t;

CREATE TABLE err_t (a integer NOT NULL, b text, s smallint, v varchar(3));
INSERT INTO err_t VALUES (1, 'one', 1, 'x');
-- syntax errors (42601)
SELEC 1;
SELECT 1 +;
SELECT * FROM;
CREATE TABLE (a integer);
INSERT INTO err_t VALUES;
-- undefined table (42P01)
SELECT * FROM nope;
INSERT INTO nope VALUES (1);
UPDATE nope SET a = 1;
DELETE FROM nope;
DROP TABLE nope;
-- undefined column (42703)
SELECT nope FROM err_t;
SELECT a, nope FROM err_t;
SELECT * FROM err_t WHERE nope = 1;
SELECT a FROM err_t ORDER BY nope;
INSERT INTO err_t (a, nope) VALUES (1, 2);
UPDATE err_t SET nope = 1;
-- datatype mismatch (42804)
INSERT INTO err_t (a) VALUES (true);
INSERT INTO err_t VALUES (2, 'two', true);
UPDATE err_t SET a = false;
SELECT * FROM err_t WHERE a;
-- operators that do not exist (42883)
SELECT 1 + true;
SELECT a FROM err_t WHERE b = 1;
-- not-null violation (23502)
INSERT INTO err_t (b) VALUES ('no a');
INSERT INTO err_t VALUES (NULL, 'null a');
UPDATE err_t SET a = NULL;
-- numeric value out of range (22003)
SELECT 2147483647 + 1;
SELECT 40000::smallint;
INSERT INTO err_t (a, s) VALUES (2, 40000);
INSERT INTO err_t (a) VALUES (2147483648);
UPDATE err_t SET s = s * 1000;
-- division by zero (22012)
SELECT 1 / 0;
SELECT a / 0 FROM err_t;
SELECT a % 0 FROM err_t;
-- invalid input syntax (22P02)
SELECT 'abc'::integer;
INSERT INTO err_t (a) VALUES ('one');
SELECT * FROM err_t WHERE a = 'x';
-- string too long (22001)
INSERT INTO err_t (a, v) VALUES (3, 'abcd');
UPDATE err_t SET v = 'wxyz';
-- wrong number of INSERT values
INSERT INTO err_t (a, b) VALUES (1);
INSERT INTO err_t VALUES (1, 'x', 1, 'x', 5);
INSERT INTO err_t (a, a) VALUES (1, 2);
-- still usable, nothing changed
SELECT * FROM err_t;

DROP TABLE err_t;
