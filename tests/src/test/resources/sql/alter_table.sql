-- ALTER TABLE column and table forms: ADD/DROP/RENAME COLUMN, RENAME TO, ALTER COLUMN TYPE,
-- SET/DROP DEFAULT, SET/DROP NOT NULL, OWNER TO; errors; transactional behaviour.
DROP TABLE IF EXISTS at_items;
DROP TABLE IF EXISTS at_renamed;
DROP TABLE IF EXISTS at_other;
DROP TABLE IF EXISTS at_types;
DROP TABLE IF EXISTS at_drop;
DROP TABLE IF EXISTS at_tx;
DROP TABLE IF EXISTS at_serial;
DROP ROLE IF EXISTS at_alice;

CREATE TABLE at_items (id integer PRIMARY KEY, name text, qty integer);
INSERT INTO at_items VALUES (1, 'apple', 10), (2, 'pear', NULL), (3, NULL, 30);

-- ADD COLUMN
ALTER TABLE at_items ADD COLUMN price numeric;
SELECT * FROM at_items ORDER BY id;
ALTER TABLE at_items ADD COLUMN stock integer DEFAULT 5;
SELECT id, stock FROM at_items ORDER BY id;
ALTER TABLE at_items ADD flag boolean NOT NULL DEFAULT true;
SELECT id, flag FROM at_items ORDER BY id;
ALTER TABLE at_items ADD COLUMN note text DEFAULT 'n/a' CHECK (note <> '');
SELECT id, note FROM at_items ORDER BY id;
INSERT INTO at_items (id) VALUES (4);
SELECT * FROM at_items WHERE id = 4;
INSERT INTO at_items (id, note) VALUES (5, '');
ALTER TABLE at_items ADD COLUMN name text;
ALTER TABLE at_items ADD COLUMN IF NOT EXISTS name text;
ALTER TABLE at_items ADD COLUMN IF NOT EXISTS extra integer;
ALTER TABLE at_items ADD COLUMN must integer NOT NULL;
ALTER TABLE at_items ADD COLUMN pos integer DEFAULT 0 CHECK (pos > 0);
ALTER TABLE at_items ADD COLUMN bad integer DEFAULT 'abc';
ALTER TABLE at_items ADD COLUMN bad2 integer DEFAULT id;
ALTER TABLE at_items ADD COLUMN bad3 nosuchtype;
ALTER TABLE at_items ADD COLUMN two integer, ADD COLUMN three integer DEFAULT 3;
SELECT id, two, three FROM at_items ORDER BY id;
SELECT a.attname, a.atttypid, a.attnotnull, a.atthasdef FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'at_items' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'at_items' ORDER BY conname;
ALTER TABLE at_missing ADD COLUMN x integer;
ALTER TABLE IF EXISTS at_missing ADD COLUMN x integer;

-- DROP COLUMN
ALTER TABLE at_items DROP COLUMN extra;
ALTER TABLE at_items DROP COLUMN extra;
ALTER TABLE at_items DROP COLUMN IF EXISTS extra;
ALTER TABLE at_items DROP two, DROP COLUMN three;
ALTER TABLE at_items DROP COLUMN note;
SELECT conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'at_items' ORDER BY conname;
SELECT * FROM at_items ORDER BY id;
INSERT INTO at_items VALUES (6, 'fig', 60, 1.5, 1, false);
SELECT * FROM at_items ORDER BY id;
ALTER TABLE at_items DROP COLUMN id;
SELECT relname FROM pg_class WHERE relname LIKE 'at_items%' ORDER BY relname;
SELECT * FROM at_items ORDER BY name;

CREATE TABLE at_drop (a integer, b integer, c integer, CHECK (b > 0), CHECK (c > a));
CREATE INDEX at_drop_b ON at_drop (b);
CREATE INDEX at_drop_c ON at_drop (c);
CREATE UNIQUE INDEX at_drop_ab ON at_drop (a, b);
INSERT INTO at_drop VALUES (1, 2, 3), (2, 3, 4);
ALTER TABLE at_drop DROP COLUMN b RESTRICT;
SELECT relname FROM pg_class WHERE relname LIKE 'at_drop%' ORDER BY relname;
SELECT conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'at_drop' ORDER BY conname;
SELECT * FROM at_drop ORDER BY a;
INSERT INTO at_drop VALUES (3, 1);
INSERT INTO at_drop VALUES (3, 5);
SELECT * FROM at_drop WHERE c = 5;
ALTER TABLE at_drop DROP COLUMN a CASCADE;
SELECT conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'at_drop' ORDER BY conname;
SELECT * FROM at_drop ORDER BY c;

-- RENAME COLUMN and RENAME TO
CREATE TABLE at_other (x integer);
ALTER TABLE at_items RENAME COLUMN qty TO quantity;
ALTER TABLE at_items RENAME name TO "Item Name";
SELECT "Item Name", quantity FROM at_items ORDER BY 1;
ALTER TABLE at_items RENAME COLUMN nosuch TO other;
ALTER TABLE at_items RENAME COLUMN quantity TO price;
ALTER TABLE at_items RENAME COLUMN quantity TO ctid;
ALTER TABLE at_items ADD CONSTRAINT at_qty_pos CHECK (quantity > 0);
ALTER TABLE at_items RENAME COLUMN quantity TO amount;
INSERT INTO at_items (amount) VALUES (-1);
INSERT INTO at_items (amount) VALUES (7);
ALTER TABLE at_items RENAME TO at_other;
ALTER TABLE at_items RENAME TO at_renamed;
SELECT count(*) FROM at_renamed;
SELECT * FROM at_items;
ALTER TABLE IF EXISTS at_items RENAME TO at_renamed2;
ALTER TABLE at_renamed RENAME a TO b, ADD COLUMN z integer;
SELECT relname FROM pg_class WHERE relname LIKE 'at_renamed%' ORDER BY relname;

-- ALTER COLUMN TYPE
CREATE TABLE at_types (k text PRIMARY KEY, v text, n integer DEFAULT 1, d text DEFAULT 'x');
INSERT INTO at_types VALUES ('10', '1.5', 1, 'a'), ('20', '2.5', 2, 'b'), ('30', NULL, 3, 'c');
ALTER TABLE at_types ALTER COLUMN k TYPE integer;
ALTER TABLE at_types ALTER COLUMN k TYPE integer USING k::integer;
SELECT * FROM at_types ORDER BY k;
SELECT * FROM at_types WHERE k = 20;
INSERT INTO at_types (k) VALUES (10);
ALTER TABLE at_types ALTER COLUMN v TYPE numeric USING v::numeric;
SELECT k, v, v * 2 AS twice FROM at_types ORDER BY k;
ALTER TABLE at_types ALTER n SET DATA TYPE bigint;
ALTER TABLE at_types ALTER COLUMN n TYPE text;
SELECT k, n, n || '!' AS bang FROM at_types ORDER BY k;
ALTER TABLE at_types ALTER COLUMN d TYPE integer USING length(d);
ALTER TABLE at_types ALTER COLUMN d DROP DEFAULT;
ALTER TABLE at_types ALTER COLUMN d TYPE integer USING length(d);
SELECT k, d FROM at_types ORDER BY k;
ALTER TABLE at_types ALTER COLUMN k TYPE integer USING 1;
ALTER TABLE at_types ALTER COLUMN v TYPE boolean USING v > 2;
ALTER TABLE at_types ALTER COLUMN v TYPE integer USING true;
ALTER TABLE at_types ALTER COLUMN nosuch TYPE integer;
ALTER TABLE at_types ALTER COLUMN v TYPE varchar(3) USING v::text;
SELECT k, v FROM at_types ORDER BY k;
SELECT a.attname, a.atttypid, a.atttypmod FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'at_types' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;

-- SET / DROP DEFAULT
ALTER TABLE at_types ALTER COLUMN d SET DEFAULT 42;
INSERT INTO at_types (k) VALUES (40);
SELECT k, n, d FROM at_types WHERE k = 40;
ALTER TABLE at_types ALTER COLUMN d SET DEFAULT 'abc';
ALTER TABLE at_types ALTER COLUMN d DROP DEFAULT;
INSERT INTO at_types (k) VALUES (50);
SELECT k, d FROM at_types WHERE k = 50;
ALTER TABLE at_types ALTER COLUMN nosuch SET DEFAULT 1;
ALTER TABLE at_types ALTER COLUMN d SET DEFAULT 1 + 2, ALTER COLUMN n SET DEFAULT 'z';
INSERT INTO at_types (k) VALUES (60);
SELECT k, n, d FROM at_types WHERE k = 60;

-- SET / DROP NOT NULL
ALTER TABLE at_types ALTER COLUMN v SET NOT NULL;
DELETE FROM at_types WHERE v IS NULL;
ALTER TABLE at_types ALTER COLUMN v SET NOT NULL;
INSERT INTO at_types (k) VALUES (70);
ALTER TABLE at_types ALTER COLUMN v DROP NOT NULL;
INSERT INTO at_types (k) VALUES (70);
SELECT k, v FROM at_types WHERE k = 70;
ALTER TABLE at_types ALTER COLUMN k DROP NOT NULL;
ALTER TABLE at_types ALTER COLUMN nosuch SET NOT NULL;
ALTER TABLE at_types ALTER COLUMN d SET NOT NULL;
ALTER TABLE at_types ALTER COLUMN d SET NOT NULL;
SELECT a.attname, a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'at_types' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;

-- OWNER TO
CREATE ROLE at_alice;
ALTER TABLE at_types OWNER TO at_alice;
SELECT r.rolname FROM pg_class c JOIN pg_authid r ON r.oid = c.relowner WHERE c.relname = 'at_types';
ALTER TABLE at_types OWNER TO at_nobody;
ALTER TABLE at_types OWNER TO postgres;
SELECT r.rolname FROM pg_class c JOIN pg_authid r ON r.oid = c.relowner WHERE c.relname = 'at_types';

-- transactions: every form rolls back, catalog and data
CREATE TABLE at_tx (a integer PRIMARY KEY, b text, c integer);
INSERT INTO at_tx VALUES (1, 'x', 10), (2, 'y', 20);
BEGIN;
ALTER TABLE at_tx ADD COLUMN d integer DEFAULT 9;
ALTER TABLE at_tx DROP COLUMN b;
ALTER TABLE at_tx ALTER COLUMN c TYPE text USING c || '!';
ALTER TABLE at_tx RENAME COLUMN c TO cc;
ALTER TABLE at_tx ALTER COLUMN cc SET NOT NULL;
ALTER TABLE at_tx RENAME TO at_tx2;
SELECT * FROM at_tx2 ORDER BY a;
ROLLBACK;
SELECT * FROM at_tx ORDER BY a;
SELECT * FROM at_tx2;
SELECT a.attname, a.atttypid, a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'at_tx' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
BEGIN;
ALTER TABLE at_tx ADD COLUMN e integer DEFAULT 1;
SAVEPOINT s1;
ALTER TABLE at_tx DROP COLUMN e;
ALTER TABLE at_tx ADD COLUMN f integer NOT NULL;
ROLLBACK TO SAVEPOINT s1;
SELECT * FROM at_tx ORDER BY a;
COMMIT;
SELECT * FROM at_tx ORDER BY a;
INSERT INTO at_tx VALUES (1, 'dup', 0, 0);
INSERT INTO at_tx VALUES (3, 'z', 30, 3);
SELECT * FROM at_tx WHERE a = 3;

-- serial columns: the owned sequence goes with the column
CREATE TABLE at_serial (a integer, id serial, b integer);
INSERT INTO at_serial (a, b) VALUES (1, 2);
ALTER TABLE at_serial DROP COLUMN id;
SELECT relname FROM pg_class WHERE relname = 'at_serial_id_seq';
SELECT * FROM at_serial;

-- a failing action undoes the whole statement; volatile defaults are computed per row
ALTER TABLE at_tx ADD COLUMN g integer DEFAULT 1, ALTER COLUMN nosuch TYPE integer;
SELECT * FROM at_tx ORDER BY a;
DROP SEQUENCE IF EXISTS at_seq;
CREATE SEQUENCE at_seq;
ALTER TABLE at_tx ADD COLUMN n bigint DEFAULT nextval('at_seq'), ADD COLUMN r boolean DEFAULT random() < 2;
SELECT a, n, r FROM at_tx ORDER BY a;
INSERT INTO at_tx (a) VALUES (4);
SELECT a, n, r FROM at_tx ORDER BY a;
ALTER TABLE at_tx DROP COLUMN n;
DROP SEQUENCE at_seq;
UPDATE at_tx SET b = b || '+' WHERE a < 3;
DELETE FROM at_tx WHERE a = 4;
SELECT * FROM at_tx ORDER BY a;
CREATE INDEX at_tx_c ON at_tx (c);
ALTER TABLE at_tx RENAME COLUMN c TO c2;
SELECT a FROM at_tx WHERE c2 = 30;
ALTER TABLE at_tx ALTER COLUMN c2 TYPE bigint;
SELECT a FROM at_tx WHERE c2 = 30;
SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'at_tx_c';

-- syntax and unsupported forms
ALTER TABLE at_serial ALTER COLUMN a;
ALTER TABLE at_serial RENAME COLUMN a;
ALTER TABLE at_serial DROP COLUMN;

DROP TABLE at_renamed;
DROP TABLE at_other;
DROP TABLE at_types;
DROP TABLE at_drop;
DROP TABLE at_tx;
DROP TABLE at_serial;
DROP ROLE at_alice;
