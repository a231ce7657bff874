-- Sequences, serial and identity columns (PostgreSQL 15 semantics).
DROP TABLE IF EXISTS sq_items;
DROP TABLE IF EXISTS sq_ids;
DROP TABLE IF EXISTS sq_gen;
DROP TABLE IF EXISTS sq_plain;
DROP SEQUENCE IF EXISTS sq_a;
DROP SEQUENCE IF EXISTS sq_b;
DROP SEQUENCE IF EXISTS sq_down;
DROP SEQUENCE IF EXISTS sq_small;
DROP SEQUENCE IF EXISTS sq_cyc;
DROP SEQUENCE IF EXISTS sq_own;
DROP SEQUENCE IF EXISTS sq_bad;

-- CREATE SEQUENCE and the functions
CREATE SEQUENCE sq_a;
CREATE SEQUENCE sq_a;
CREATE SEQUENCE IF NOT EXISTS sq_a;
SELECT relkind FROM pg_class WHERE relname = 'sq_a';
SELECT currval('sq_a');
SELECT nextval('sq_a');
SELECT nextval('sq_a'), nextval('sq_a');
SELECT currval('sq_a');
SELECT lastval();
SELECT nextval('SQ_A');
SELECT nextval('public.sq_a');
SELECT nextval('"SQ_A"');
SELECT nextval('sq_nope');
SELECT currval('sq_nope');
SELECT setval('sq_a', 100);
SELECT nextval('sq_a');
SELECT setval('sq_a', 50, false);
SELECT currval('sq_a');
SELECT nextval('sq_a');
SELECT setval('sq_a', 60, true);
SELECT nextval('sq_a');
SELECT setval('sq_a', 0);
SELECT setval('sq_a', -5, true);

-- options
CREATE SEQUENCE sq_b INCREMENT BY 10 START WITH 5 MINVALUE 5 MAXVALUE 40 CACHE 1 NO CYCLE;
SELECT nextval('sq_b');
SELECT nextval('sq_b');
SELECT nextval('sq_b'), nextval('sq_b');
SELECT nextval('sq_b');
SELECT currval('sq_b');
SELECT seqstart, seqincrement, seqmax, seqmin, seqcache, seqcycle, seqtypid FROM pg_sequence WHERE seqrelid = (SELECT oid FROM pg_class WHERE relname = 'sq_b');
CREATE SEQUENCE sq_down INCREMENT -1 MINVALUE -3 MAXVALUE 0;
SELECT nextval('sq_down');
SELECT nextval('sq_down'), nextval('sq_down'), nextval('sq_down');
SELECT nextval('sq_down');
SELECT seqstart, seqincrement, seqmax, seqmin FROM pg_sequence WHERE seqrelid = (SELECT oid FROM pg_class WHERE relname = 'sq_down');
CREATE SEQUENCE sq_cyc MINVALUE 1 MAXVALUE 3 CYCLE;
SELECT nextval('sq_cyc'), nextval('sq_cyc'), nextval('sq_cyc'), nextval('sq_cyc'), nextval('sq_cyc');
CREATE SEQUENCE sq_small AS smallint;
SELECT seqmax, seqmin, seqtypid FROM pg_sequence WHERE seqrelid = (SELECT oid FROM pg_class WHERE relname = 'sq_small');
SELECT setval('sq_small', 32767);
SELECT nextval('sq_small');
SELECT lastval();

-- parameter errors
CREATE SEQUENCE sq_bad INCREMENT 0;
CREATE SEQUENCE sq_bad MINVALUE 10 MAXVALUE 5;
CREATE SEQUENCE sq_bad START 0;
CREATE SEQUENCE sq_bad START 100 MAXVALUE 50;
CREATE SEQUENCE sq_bad CACHE 0;
CREATE SEQUENCE sq_bad AS smallint MAXVALUE 100000;
CREATE SEQUENCE sq_bad AS integer MINVALUE -3000000000;
CREATE SEQUENCE sq_bad AS text;
CREATE SEQUENCE sq_bad INCREMENT 1 INCREMENT 2;
CREATE SEQUENCE sq_bad CYCLE NO CYCLE;
CREATE SEQUENCE sq_bad OWNED BY sq_nope;
CREATE SEQUENCE sq_bad RESTART 0;
CREATE SEQUENCE sq_bad START 2 RESTART 5;
SELECT nextval('sq_bad');
DROP SEQUENCE sq_bad;
CREATE SEQUENCE sq_bad INCREMENT BY;
SELECT count(*) FROM pg_class WHERE relname = 'sq_bad';

-- ALTER SEQUENCE
ALTER SEQUENCE sq_a INCREMENT BY 5;
SELECT nextval('sq_a');
ALTER SEQUENCE sq_a RESTART;
SELECT nextval('sq_a');
ALTER SEQUENCE sq_a RESTART WITH 1000;
SELECT nextval('sq_a');
ALTER SEQUENCE sq_a START WITH 7 RESTART;
SELECT nextval('sq_a');
ALTER SEQUENCE sq_a MAXVALUE 10;
ALTER SEQUENCE sq_a RESTART WITH 0;
ALTER SEQUENCE sq_a INCREMENT 0;
ALTER SEQUENCE sq_nope INCREMENT 2;
ALTER SEQUENCE IF EXISTS sq_nope INCREMENT 2;
ALTER SEQUENCE sq_b NO MAXVALUE CYCLE;
SELECT seqmax, seqcycle FROM pg_sequence WHERE seqrelid = (SELECT oid FROM pg_class WHERE relname = 'sq_b');
SELECT nextval('sq_b');

-- sequence advances are not rolled back; DDL is
BEGIN;
SELECT nextval('sq_b');
SELECT nextval('sq_b');
ROLLBACK;
SELECT nextval('sq_b');
BEGIN;
CREATE SEQUENCE sq_gone;
SELECT nextval('sq_gone');
ROLLBACK;
SELECT nextval('sq_gone');
BEGIN;
ALTER SEQUENCE sq_b INCREMENT BY 1000;
ROLLBACK;
SELECT nextval('sq_b');
BEGIN;
DROP SEQUENCE sq_b;
ROLLBACK;
SELECT nextval('sq_b');

BEGIN READ ONLY;
SELECT nextval('sq_b');
ROLLBACK;
BEGIN READ ONLY;
SELECT setval('sq_b', 5);
ROLLBACK;
SELECT currval('sq_b');

-- serial columns
CREATE TABLE sq_items (id serial PRIMARY KEY, name text);
INSERT INTO sq_items (name) VALUES ('a'), ('b');
INSERT INTO sq_items VALUES (DEFAULT, 'c');
INSERT INTO sq_items VALUES (10, 'explicit');
INSERT INTO sq_items (name) VALUES ('d') RETURNING id, name;
SELECT id, name FROM sq_items ORDER BY id;
SELECT currval('sq_items_id_seq');
SELECT pg_get_serial_sequence('sq_items', 'id');
SELECT pg_get_serial_sequence('sq_items', 'name');
SELECT pg_get_serial_sequence('sq_items', 'nope');
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'sq_items%' ORDER BY relname;
SELECT attname, attnotnull, atthasdef FROM pg_attribute WHERE attrelid = (SELECT oid FROM pg_class WHERE relname = 'sq_items') AND attnum > 0 ORDER BY attnum;
INSERT INTO sq_items (id, name) VALUES (NULL, 'null id');
DROP SEQUENCE sq_items_id_seq;
DROP TABLE sq_items_id_seq;
DROP SEQUENCE sq_items;
DROP TABLE sq_items;
SELECT count(*) FROM pg_class WHERE relname LIKE 'sq_items%';
CREATE TABLE sq_ids (s smallserial, b bigserial, v int);
INSERT INTO sq_ids (v) VALUES (1), (2);
SELECT s, b, v FROM sq_ids ORDER BY v;
SELECT seqtypid, seqmax FROM pg_sequence WHERE seqrelid = (SELECT oid FROM pg_class WHERE relname = 'sq_ids_s_seq');
DROP TABLE sq_ids;
SELECT count(*) FROM pg_class WHERE relname LIKE 'sq_ids%';

-- OWNED BY
CREATE TABLE sq_plain (a int, b text);
CREATE SEQUENCE sq_own OWNED BY sq_plain.a;
SELECT pg_get_serial_sequence('sq_plain', 'a');
CREATE SEQUENCE sq_bad OWNED BY sq_plain.zz;
CREATE SEQUENCE sq_bad OWNED BY sq_nope.a;
ALTER SEQUENCE sq_own OWNED BY NONE;
SELECT pg_get_serial_sequence('sq_plain', 'a');
ALTER SEQUENCE sq_own OWNED BY sq_plain.b;
DROP TABLE sq_plain;
SELECT count(*) FROM pg_class WHERE relname = 'sq_own';
SELECT nextval('sq_own');

-- identity columns
CREATE TABLE sq_gen (id int GENERATED ALWAYS AS IDENTITY, v text);
CREATE TABLE sq_plain (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY 10), v text);
INSERT INTO sq_gen (v) VALUES ('x'), ('y');
INSERT INTO sq_gen VALUES (DEFAULT, 'z');
INSERT INTO sq_gen (id, v) VALUES (7, 'no');
INSERT INTO sq_gen VALUES (7, 'no');
INSERT INTO sq_gen (id, v) SELECT 8, 'no';
UPDATE sq_gen SET id = 5 WHERE v = 'x';
UPDATE sq_gen SET v = 'w' WHERE id = 3;
SELECT id, v FROM sq_gen ORDER BY id;
INSERT INTO sq_plain (v) VALUES ('p'), ('q');
INSERT INTO sq_plain VALUES (1, 'explicit');
UPDATE sq_plain SET id = 2 WHERE v = 'explicit';
SELECT id, v FROM sq_plain ORDER BY id;
SELECT attname, attidentity, attnotnull FROM pg_attribute WHERE attrelid = (SELECT oid FROM pg_class WHERE relname = 'sq_gen') AND attnum > 0 ORDER BY attnum;
SELECT pg_get_serial_sequence('sq_gen', 'id');
SELECT seqstart, seqincrement, seqtypid FROM pg_sequence WHERE seqrelid = (SELECT oid FROM pg_class WHERE relname = 'sq_plain_id_seq');
DROP SEQUENCE sq_gen_id_seq;
CREATE TABLE sq_bad (id text GENERATED ALWAYS AS IDENTITY);
CREATE TABLE sq_bad (id int GENERATED ALWAYS AS IDENTITY GENERATED BY DEFAULT AS IDENTITY);
CREATE TABLE sq_bad (id int DEFAULT 1 GENERATED ALWAYS AS IDENTITY);
CREATE TABLE sq_bad (id int GENERATED ALWAYS AS IDENTITY (INCREMENT 0));
DROP TABLE sq_gen, sq_plain;
SELECT count(*) FROM pg_class WHERE relname LIKE 'sq_gen%' OR relname LIKE 'sq_plain%';

-- DROP SEQUENCE
DROP SEQUENCE sq_nope;
DROP SEQUENCE IF EXISTS sq_nope;
CREATE TABLE sq_plain (a int DEFAULT nextval('sq_a'));
DROP SEQUENCE sq_a;
DROP SEQUENCE sq_plain;
DROP TABLE sq_a;
DROP SEQUENCE sq_a CASCADE;
INSERT INTO sq_plain DEFAULT VALUES;
SELECT a FROM sq_plain;
DROP TABLE sq_plain;
SELECT nextval('sq_a');
DROP SEQUENCE sq_b, sq_down, sq_small;
DROP SEQUENCE sq_cyc, sq_own;
SELECT count(*) FROM pg_class WHERE relname = 'sq_cyc';
DROP SEQUENCE sq_cyc;
SELECT count(*) FROM pg_class WHERE relname LIKE 'sq_%' AND relname NOT LIKE 'sql%';
