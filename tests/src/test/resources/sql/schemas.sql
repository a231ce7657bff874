-- CREATE SCHEMA and DROP SCHEMA: names, IF [NOT] EXISTS, AUTHORIZATION, dependent tables, CASCADE,
-- transactions, and tables in schemas.
DROP SCHEMA IF EXISTS sc_one CASCADE;
DROP SCHEMA IF EXISTS sc_two CASCADE;
DROP SCHEMA IF EXISTS sc_three CASCADE;
DROP SCHEMA IF EXISTS sc_owner CASCADE;
DROP SCHEMA IF EXISTS sc_four CASCADE;
DROP ROLE IF EXISTS sc_owner;

CREATE SCHEMA sc_one;
CREATE SCHEMA sc_one;
CREATE SCHEMA IF NOT EXISTS sc_one;
CREATE SCHEMA pg_sc;
CREATE SCHEMA sc_two AUTHORIZATION sc_nobody;
CREATE ROLE sc_owner;
CREATE SCHEMA AUTHORIZATION sc_owner;
CREATE SCHEMA sc_two AUTHORIZATION sc_owner;
SELECT n.nspname, r.rolname FROM pg_namespace n JOIN pg_authid r ON r.oid = n.nspowner WHERE n.nspname LIKE 'sc_%' ORDER BY n.nspname;

-- tables in schemas, qualified and through search_path
CREATE TABLE sc_one.t1 (id integer PRIMARY KEY, v text);
CREATE TABLE sc_one.t2 (id integer CHECK (id > 0));
CREATE TABLE sc_two.t1 (id integer);
CREATE INDEX ON sc_one.t2 (id);
INSERT INTO sc_one.t1 VALUES (1, 'one'), (2, 'two');
INSERT INTO sc_two.t1 VALUES (10);
INSERT INTO sc_one.t2 VALUES (0);
SELECT * FROM sc_one.t1 ORDER BY id;
SELECT * FROM sc_two.t1;
SELECT r.relname, n.nspname FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname LIKE 'sc_%' ORDER BY n.nspname, r.relname;
SET search_path = sc_two, public;
SELECT * FROM t1;
CREATE TABLE t3 (x integer);
SELECT n.nspname FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace WHERE r.relname = 't3';
RESET search_path;
SELECT * FROM t1;
SELECT * FROM sc_none.t1;
CREATE TABLE sc_none.t1 (id integer);

-- schemas with tables need CASCADE
DROP SCHEMA sc_one;
DROP SCHEMA sc_one RESTRICT;
DROP SCHEMA sc_two;
DROP SCHEMA sc_nope;
DROP SCHEMA IF EXISTS sc_nope;
DROP SCHEMA sc_owner, sc_nope;
SELECT count(*) FROM pg_namespace WHERE nspname = 'sc_owner';
DROP ROLE sc_owner;
DROP SCHEMA pg_catalog;
DROP SCHEMA sc_one, sc_two;
DROP SCHEMA sc_two, sc_one;
DROP SCHEMA sc_owner, sc_one;
ALTER TABLE sc_none.t1 ADD CHECK (id > 0);
ALTER TABLE IF EXISTS sc_none.t1 ADD CHECK (id > 0);
ALTER TABLE sc_one.nope ADD CHECK (id > 0);
ALTER TABLE sc_one.t2 ADD CHECK (id < 1000);
CREATE INDEX ON sc_none.t1 (id);
INSERT INTO sc_none.t1 VALUES (1);

-- DROP ... CASCADE is transactional
BEGIN;
DROP SCHEMA sc_one CASCADE;
SELECT count(*) FROM pg_namespace WHERE nspname = 'sc_one';
SELECT * FROM sc_one.t1;
ROLLBACK;
SELECT * FROM sc_one.t1 ORDER BY id;
SELECT count(*) FROM pg_class WHERE relname = 't2_id_idx';

BEGIN;
CREATE SCHEMA sc_three;
CREATE TABLE sc_three.t (a integer);
ROLLBACK;
SELECT count(*) FROM pg_namespace WHERE nspname = 'sc_three';
CREATE SCHEMA sc_three;
CREATE TABLE sc_three.only_one (a integer);
DROP SCHEMA sc_three CASCADE;

DROP SCHEMA IF EXISTS sc_nope, sc_one CASCADE;
SELECT count(*) FROM pg_class WHERE relname IN ('t1_pkey', 't2_id_idx', 't2');
SELECT count(*) FROM pg_constraint WHERE conname = 't2_id_check';
SELECT * FROM sc_one.t1;
DROP SCHEMA sc_owner, sc_two CASCADE;
CREATE SCHEMA sc_four;
SELECT count(*) FROM pg_namespace WHERE nspname = 'sc_four';
DROP SCHEMA sc_four;
DROP SCHEMA sc_two;
SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'sc_%';
DROP ROLE sc_owner;
