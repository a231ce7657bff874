-- CHECK constraints: generated names, enforcement on INSERT and UPDATE, expression restrictions,
-- ALTER TABLE ... ADD CHECK / DROP CONSTRAINT, and the pg_constraint rows of every constraint kind.
DROP TABLE IF EXISTS ck_items;
DROP TABLE IF EXISTS ck_multi;
DROP TABLE IF EXISTS ck_order;
DROP TABLE IF EXISTS ck_alter;
DROP TABLE IF EXISTS ck_keys;
DROP TABLE IF EXISTS ck_text;
DROP TABLE IF EXISTS ck_bad;

CREATE TABLE ck_items (a integer CHECK (a > 0), b integer CONSTRAINT ck_bpos CHECK (b > 0), c integer CHECK (c > a), CHECK (a < 100), CHECK (1 < 2), UNIQUE (a), PRIMARY KEY (b));
SELECT c.conname, c.contype, c.conkey, c.convalidated FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'ck_items' ORDER BY c.conname;
SELECT relchecks FROM pg_class WHERE relname = 'ck_items';
INSERT INTO ck_items VALUES (1, 1, 2);
INSERT INTO ck_items VALUES (-1, 2, 5);
INSERT INTO ck_items VALUES (2, 0, 5);
INSERT INTO ck_items VALUES (3, 3, 1);
INSERT INTO ck_items VALUES (100, 4, 200);
INSERT INTO ck_items VALUES (NULL, 5, 5);
INSERT INTO ck_items VALUES (6, 6, NULL);
INSERT INTO ck_items VALUES (7, 7, 8), (8, 8, 1);
SELECT * FROM ck_items ORDER BY b;
UPDATE ck_items SET a = -a WHERE b = 1;
UPDATE ck_items SET c = 0 WHERE b = 7;
UPDATE ck_items SET c = c + 10 WHERE c IS NOT NULL;
UPDATE ck_items SET a = NULL WHERE b = 6;
SELECT * FROM ck_items ORDER BY b;
INSERT INTO ck_items VALUES (9, 9, 10) RETURNING *;
INSERT INTO ck_items VALUES (10, 10, 1) RETURNING *;
SELECT count(*) FROM ck_items;

-- several constraints fail: the first by name is reported
CREATE TABLE ck_order (v integer, CONSTRAINT zz CHECK (v > 10), CONSTRAINT aa CHECK (v > 5), CONSTRAINT mm CHECK (v <> 3));
INSERT INTO ck_order VALUES (1);
INSERT INTO ck_order VALUES (3);
INSERT INTO ck_order VALUES (7);
INSERT INTO ck_order VALUES (11);
UPDATE ck_order SET v = 3;
SELECT conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'ck_order' ORDER BY conname;

-- one column referenced names the constraint after it, wherever it is written
CREATE TABLE ck_multi (x integer CHECK (x > 0) CHECK (x > 1) CHECK (x < 50), y integer, CHECK (y <> 0), CHECK (x < y), CHECK (x + y < 100 AND y > 0));
SELECT c.conname, c.conkey FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'ck_multi' ORDER BY c.conname;
INSERT INTO ck_multi VALUES (1, 5);
INSERT INTO ck_multi VALUES (2, 1);
INSERT INTO ck_multi VALUES (60, 70);
INSERT INTO ck_multi VALUES (40, 70);
INSERT INTO ck_multi VALUES (2, NULL);
SELECT * FROM ck_multi ORDER BY x;

-- expressions with functions, CASE, text and defaults
CREATE TABLE ck_text (name text CHECK (length(name) > 2), code varchar(10) CHECK (code = upper(code)), qty integer DEFAULT 5 NOT NULL CHECK (qty < 10), kind text CHECK (CASE WHEN kind IS NULL THEN true ELSE kind IN ('a', 'b') END));
INSERT INTO ck_text VALUES ('ab', 'X', 1, 'a');
INSERT INTO ck_text VALUES ('abc', 'x', 1, 'a');
INSERT INTO ck_text (name, code) VALUES ('abc', 'XY');
INSERT INTO ck_text VALUES ('abcd', 'Z', 10, 'b');
INSERT INTO ck_text VALUES ('abcd', 'Z', NULL, 'b');
INSERT INTO ck_text VALUES ('abcd', 'Z', 2, 'c');
INSERT INTO ck_text VALUES ('abcd', 'Z', 2, NULL);
UPDATE ck_text SET qty = 20;
UPDATE ck_text SET name = 'no';
SELECT * FROM ck_text ORDER BY name;
SELECT c.conname, c.conkey FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'ck_text' ORDER BY c.conname;

-- what a CHECK expression may not contain
CREATE TABLE ck_bad (a integer CHECK (a > (SELECT 1)));
CREATE TABLE ck_bad (a integer CHECK (EXISTS (SELECT 1)));
CREATE TABLE ck_bad (a integer CHECK (a IN (SELECT 1)));
CREATE TABLE ck_bad (a integer CHECK (sum(a) > 1));
CREATE TABLE ck_bad (a integer CHECK (count(*) > 1));
CREATE TABLE ck_bad (a integer CHECK (row_number() OVER () > 1));
CREATE TABLE ck_bad (a integer CHECK (a > 1 AND $1 > 0));
CREATE TABLE ck_bad (a integer CHECK (ck_items.a > 1));
CREATE TABLE ck_bad (a integer CHECK (b > 1));
CREATE TABLE ck_bad (a integer CHECK (a + 1));
CREATE TABLE ck_bad (a text CHECK (a));
CREATE TABLE ck_bad (a integer CONSTRAINT dup CHECK (a > 1), b integer CONSTRAINT dup CHECK (b > 1));
CREATE TABLE ck_bad (a integer, CHECK (a > 0) DEFERRABLE);
CREATE TABLE ck_bad (a integer CHECK (a > 0) not valid);
CREATE TABLE ck_bad (a integer CHECK a > 0);
CREATE TABLE ck_bad (a integer CHECK ());
CREATE TABLE ck_bad (a float8 CHECK (random() >= 0), b integer, CHECK (b > 0) NOT VALID, CHECK (b < 10) NO INHERIT);
SELECT c.conname, c.convalidated FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'ck_bad' ORDER BY c.conname;
INSERT INTO ck_bad VALUES (1, 0);
INSERT INTO ck_bad VALUES (1, 11);
DROP TABLE ck_bad;

-- ALTER TABLE ... ADD CHECK validates the rows already there, unless NOT VALID
CREATE TABLE ck_alter (a integer, b integer);
INSERT INTO ck_alter VALUES (1, -1), (2, 2), (NULL, NULL);
ALTER TABLE ck_alter ADD CHECK (a > 0);
ALTER TABLE ck_alter ADD CONSTRAINT b_pos CHECK (b > 0);
ALTER TABLE ck_alter ADD CONSTRAINT b_pos CHECK (b > 0) NOT VALID;
ALTER TABLE ck_alter ADD CONSTRAINT b_pos CHECK (b > -5);
ALTER TABLE ck_alter ADD CONSTRAINT ck_alter_a_check CHECK (a < 10);
ALTER TABLE ck_alter ADD CHECK (a < 10);
ALTER TABLE ck_alter ADD CHECK (a < b OR b < 0);
ALTER TABLE ck_alter ADD CHECK (a > 1);
ALTER TABLE ck_alter ADD CHECK (x > 0);
ALTER TABLE ck_alter ADD CHECK ((SELECT 1) > 0);
ALTER TABLE ck_alter ADD CHECK (max(a) > 0);
SELECT c.conname, c.conkey, c.convalidated FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'ck_alter' ORDER BY c.conname;
INSERT INTO ck_alter VALUES (3, -2);
INSERT INTO ck_alter VALUES (20, 30);
INSERT INTO ck_alter VALUES (5, 6);
ALTER TABLE ck_alter DROP CONSTRAINT b_pos;
INSERT INTO ck_alter VALUES (3, -2);
ALTER TABLE ck_alter DROP CONSTRAINT b_pos;
ALTER TABLE ck_alter DROP CONSTRAINT IF EXISTS b_pos;
ALTER TABLE ck_alter DROP CONSTRAINT ck_alter_a_check, DROP CONSTRAINT ck_alter_a_check1;
ALTER TABLE ck_alter DROP CONSTRAINT IF EXISTS ck_alter_check RESTRICT;
INSERT INTO ck_alter VALUES (-7, 1);
SELECT * FROM ck_alter ORDER BY a, b;
ALTER TABLE ck_missing ADD CHECK (a > 0);
ALTER TABLE IF EXISTS ck_missing ADD CHECK (a > 0);
ALTER TABLE ck_missing DROP CONSTRAINT x;
ALTER TABLE ck_alter ADD CHECK (a > 0) DEFERRABLE;

-- constraints are transactional like other DDL
BEGIN;
ALTER TABLE ck_alter ADD CONSTRAINT tx_check CHECK (a <> 100);
INSERT INTO ck_alter VALUES (100, 1);
ROLLBACK;
INSERT INTO ck_alter VALUES (100, 1);
SELECT count(*) FROM pg_constraint WHERE conname = 'tx_check';

-- key constraints are listed too, and dropping one drops its index
CREATE TABLE ck_keys (id integer PRIMARY KEY, email text UNIQUE, n integer CHECK (n >= 0));
SELECT c.conname, c.contype, c.conkey, c.conindid = i.oid AS backed FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid LEFT JOIN pg_class i ON i.relname = c.conname WHERE r.relname = 'ck_keys' ORDER BY c.conname;
DROP INDEX ck_keys_email_key;
ALTER TABLE ck_keys DROP CONSTRAINT ck_keys_email_key;
ALTER TABLE ck_keys DROP CONSTRAINT ck_keys_pkey;
SELECT relname FROM pg_class WHERE relname LIKE 'ck_keys%' ORDER BY relname;
INSERT INTO ck_keys VALUES (1, 'a', 1), (1, 'a', 2);
INSERT INTO ck_keys VALUES (2, 'b', -1);
SELECT count(*) FROM ck_keys;

DROP TABLE ck_items, ck_order, ck_multi, ck_text, ck_alter, ck_keys;
SELECT count(*) FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname LIKE 'ck_%';
