-- FOREIGN KEY constraints: definitions and generated names, pg_constraint rows, definition errors,
-- checks on the referencing side, NO ACTION / RESTRICT / CASCADE / SET NULL / SET DEFAULT on the
-- referenced side, self references, composite keys, MATCH FULL, deferred checks at COMMIT,
-- ALTER TABLE ADD/DROP CONSTRAINT and DROP TABLE of a referenced table.
DROP TABLE IF EXISTS fk_c, fk_c2, fk_c3, fk_tree, fk_comp, fk_full, fk_bad, fk_pk2, fk_def, fk_def2, fk_alt, fk_p, fk_q CASCADE;

CREATE TABLE fk_p (id integer PRIMARY KEY, code text UNIQUE, v text);
INSERT INTO fk_p VALUES (1, 'a', 'one'), (2, 'b', 'two'), (3, 'c', 'three'), (4, 'd', 'four');
CREATE TABLE fk_c (id integer PRIMARY KEY, pid integer REFERENCES fk_p, pcode text REFERENCES fk_p (code) ON DELETE CASCADE ON UPDATE CASCADE);
SELECT c.conname, c.contype, c.condeferrable, c.condeferred, c.convalidated, c.conkey, c.confkey, c.confupdtype, c.confdeltype, c.confmatchtype, f.relname AS refers FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid WHERE r.relname = 'fk_c' ORDER BY c.conname;
SELECT c.conname, i.relname AS index FROM pg_constraint c JOIN pg_class i ON i.oid = c.conindid WHERE c.contype = 'f' AND c.conname LIKE 'fk_c_%' ORDER BY 1;

-- the referencing side
INSERT INTO fk_c VALUES (1, 1, 'a');
INSERT INTO fk_c VALUES (2, 2, NULL);
INSERT INTO fk_c VALUES (3, NULL, NULL);
INSERT INTO fk_c VALUES (4, 9, NULL);
INSERT INTO fk_c VALUES (5, 1, 'zz');
INSERT INTO fk_c VALUES (6, 1, 'a'), (7, 5, 'a');
UPDATE fk_c SET pid = 8 WHERE id = 1;
UPDATE fk_c SET pid = 3 WHERE id = 1;
UPDATE fk_c SET pid = NULL WHERE id = 2;
SELECT * FROM fk_c ORDER BY id;

-- the referenced side: NO ACTION (default) for pid, CASCADE for pcode
DELETE FROM fk_p WHERE id = 3;
UPDATE fk_p SET id = 30 WHERE id = 3;
UPDATE fk_p SET v = 'drei' WHERE id = 3;
UPDATE fk_p SET code = 'aa' WHERE id = 1;
SELECT * FROM fk_c ORDER BY id;
DELETE FROM fk_p WHERE id = 1;
SELECT * FROM fk_c ORDER BY id;
DELETE FROM fk_p WHERE id = 4;
SELECT * FROM fk_p ORDER BY id;
UPDATE fk_c SET pcode = 'b' WHERE id = 1;
DELETE FROM fk_p WHERE code = 'b';
SELECT * FROM fk_c ORDER BY id;
SELECT * FROM fk_p ORDER BY id;

-- RESTRICT, SET NULL, SET DEFAULT
CREATE TABLE fk_c2 (id integer, pid integer REFERENCES fk_p ON DELETE RESTRICT ON UPDATE RESTRICT);
CREATE TABLE fk_c3 (id integer, pid integer DEFAULT 3 REFERENCES fk_p ON DELETE SET DEFAULT ON UPDATE SET NULL);
INSERT INTO fk_p VALUES (5, 'e', 'five'), (6, 'f', 'six');
INSERT INTO fk_c2 VALUES (1, 5);
INSERT INTO fk_c3 VALUES (1, 5), (2, 6);
DELETE FROM fk_p WHERE id = 5;
UPDATE fk_p SET id = 50 WHERE id = 5;
DELETE FROM fk_c2;
DELETE FROM fk_p WHERE id = 5;
SELECT * FROM fk_c3 ORDER BY id;
UPDATE fk_p SET id = 60 WHERE id = 6;
SELECT * FROM fk_c3 ORDER BY id;
SELECT count(*) FROM fk_p;
DROP TABLE fk_c2, fk_c3;

-- self reference
CREATE TABLE fk_tree (id integer PRIMARY KEY, parent integer REFERENCES fk_tree ON DELETE CASCADE);
INSERT INTO fk_tree VALUES (1, NULL), (2, 1), (3, 2), (4, 4);
INSERT INTO fk_tree VALUES (5, 6), (6, 1);
INSERT INTO fk_tree VALUES (7, 70);
SELECT * FROM fk_tree ORDER BY id;
DELETE FROM fk_tree WHERE id = 2;
SELECT * FROM fk_tree ORDER BY id;
DELETE FROM fk_tree;
SELECT count(*) FROM fk_tree;
DROP TABLE fk_tree;
CREATE TABLE fk_tree (id integer PRIMARY KEY, parent integer REFERENCES fk_tree);
INSERT INTO fk_tree VALUES (1, NULL), (2, 1), (3, 2);
DELETE FROM fk_tree WHERE id = 1;
DELETE FROM fk_tree WHERE id >= 2;
DELETE FROM fk_tree;
SELECT count(*) FROM fk_tree;

-- composite keys, referenced columns in another order than the index, MATCH SIMPLE and FULL
CREATE TABLE fk_pk2 (a integer, b text, c integer, UNIQUE (b, a));
INSERT INTO fk_pk2 VALUES (1, 'x', 0), (2, 'y', 0);
CREATE TABLE fk_comp (n integer, x integer, y text, FOREIGN KEY (x, y) REFERENCES fk_pk2 (a, b) ON DELETE SET NULL (y));
CREATE TABLE fk_full (x integer, y text, CONSTRAINT fk_full_ref FOREIGN KEY (x, y) REFERENCES fk_pk2 (a, b) MATCH FULL);
INSERT INTO fk_comp VALUES (1, 1, 'x'), (2, 2, NULL), (3, NULL, 'q');
INSERT INTO fk_comp VALUES (4, 1, 'y');
INSERT INTO fk_full VALUES (1, 'x'), (NULL, NULL);
INSERT INTO fk_full VALUES (1, NULL);
INSERT INTO fk_full VALUES (2, 'x');
SELECT conname, confmatchtype, confdeltype, conkey, confkey, confdelsetcols FROM pg_constraint WHERE conname IN ('fk_comp_x_y_fkey', 'fk_full_ref') ORDER BY 1;
DELETE FROM fk_pk2 WHERE a = 1;
DELETE FROM fk_full;
DELETE FROM fk_pk2 WHERE a = 1;
SELECT * FROM fk_comp ORDER BY n;
DROP TABLE fk_full;

-- definition errors
CREATE TABLE fk_q (a integer, b integer);
CREATE TABLE fk_bad (x integer REFERENCES fk_q);
CREATE TABLE fk_bad (x integer REFERENCES fk_q (a));
CREATE TABLE fk_bad (x integer REFERENCES fk_p (v));
CREATE TABLE fk_bad (x text REFERENCES fk_p);
CREATE TABLE fk_bad (x integer REFERENCES fk_nowhere);
CREATE TABLE fk_bad (x integer, FOREIGN KEY (y) REFERENCES fk_p);
CREATE TABLE fk_bad (x integer REFERENCES fk_p (nope));
CREATE TABLE fk_bad (x integer, y integer, FOREIGN KEY (x, y) REFERENCES fk_p);
CREATE TABLE fk_bad (x integer, FOREIGN KEY (x) REFERENCES fk_pk2 (a, b));
CREATE TABLE fk_bad (x integer, y text, FOREIGN KEY (x, y) REFERENCES fk_pk2 (a, a));
CREATE TABLE fk_bad (x integer, y text, FOREIGN KEY (x, y) REFERENCES fk_pk2 (a, b) ON DELETE SET NULL (n));
CREATE TABLE fk_bad (x integer REFERENCES fk_p NOT DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE fk_bad (x integer REFERENCES fk_p MATCH PARTIAL);
CREATE TABLE fk_bad (x bigint REFERENCES fk_p, y smallint REFERENCES fk_p, z varchar(5) REFERENCES fk_p (code));
SELECT conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE r.relname = 'fk_bad' ORDER BY 1;
INSERT INTO fk_bad VALUES (3, 3, 'c');
INSERT INTO fk_bad VALUES (3, 3, 'q');
SELECT * FROM fk_bad;
INSERT INTO fk_bad VALUES (3000000000, 2, 'c');
DROP TABLE fk_bad;

-- deferred constraints
CREATE TABLE fk_def (id integer, pid integer CONSTRAINT fk_def_later REFERENCES fk_p DEFERRABLE INITIALLY DEFERRED);
SELECT condeferrable, condeferred FROM pg_constraint WHERE conname = 'fk_def_later';
INSERT INTO fk_def VALUES (1, 77);
BEGIN;
INSERT INTO fk_def VALUES (2, 70);
INSERT INTO fk_p VALUES (70, 'g', 'seventy');
COMMIT;
BEGIN;
INSERT INTO fk_def VALUES (3, 71);
SELECT count(*) FROM fk_def;
COMMIT;
SELECT * FROM fk_def ORDER BY id;
BEGIN;
DELETE FROM fk_p WHERE id = 70;
INSERT INTO fk_p VALUES (70, 'h', 'again');
COMMIT;
BEGIN;
DELETE FROM fk_p WHERE id = 70;
COMMIT;
SELECT * FROM fk_p WHERE id = 70;
CREATE TABLE fk_def2 (pid integer CONSTRAINT fk_def2_d REFERENCES fk_p DEFERRABLE, q integer CONSTRAINT fk_def2_n REFERENCES fk_p);
SET CONSTRAINTS ALL DEFERRED;
SET CONSTRAINTS fk_nope DEFERRED;
BEGIN;
SET CONSTRAINTS fk_def2_n DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS fk_def2_d DEFERRED;
INSERT INTO fk_def2 VALUES (5, NULL);
SET CONSTRAINTS fk_def2_d IMMEDIATE;
ROLLBACK;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO fk_def2 VALUES (80, NULL);
INSERT INTO fk_p VALUES (80, 'i', 'eighty');
SET CONSTRAINTS ALL IMMEDIATE;
INSERT INTO fk_def2 VALUES (81, NULL);
COMMIT;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
DELETE FROM fk_def WHERE pid = 70;
DELETE FROM fk_p WHERE id = 70;
INSERT INTO fk_def VALUES (9, 70);
COMMIT;
SELECT * FROM fk_def2;
DROP TABLE fk_def, fk_def2;

-- ALTER TABLE ADD / DROP CONSTRAINT
CREATE TABLE fk_alt (id integer, pid integer, code text);
INSERT INTO fk_alt VALUES (1, 2, 'c'), (2, 99, 'c'), (3, NULL, NULL);
ALTER TABLE fk_alt ADD FOREIGN KEY (pid) REFERENCES fk_p;
ALTER TABLE fk_alt ADD CONSTRAINT fk_alt_code FOREIGN KEY (code) REFERENCES fk_p (code);
ALTER TABLE fk_alt ADD CONSTRAINT fk_alt_pid FOREIGN KEY (pid) REFERENCES fk_p NOT VALID;
ALTER TABLE fk_alt ADD CONSTRAINT fk_alt_pid FOREIGN KEY (pid) REFERENCES fk_p;
SELECT conname, convalidated FROM pg_constraint WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 'fk_alt') ORDER BY 1;
INSERT INTO fk_alt VALUES (4, 98, NULL);
UPDATE fk_alt SET pid = 97 WHERE id = 2;
UPDATE fk_alt SET id = 20 WHERE id = 2;
ALTER TABLE fk_alt DROP CONSTRAINT fk_alt_pid;
ALTER TABLE fk_alt DROP CONSTRAINT fk_alt_pid;
ALTER TABLE fk_alt DROP CONSTRAINT IF EXISTS fk_alt_pid;
INSERT INTO fk_alt VALUES (4, 98, NULL);
INSERT INTO fk_alt VALUES (5, NULL, 'nope');
ALTER TABLE fk_p DROP CONSTRAINT fk_p_code_key;
ALTER TABLE fk_p DROP CONSTRAINT fk_p_code_key CASCADE;
SELECT conname FROM pg_constraint WHERE contype = 'f' AND conname LIKE 'fk_%' ORDER BY 1;
INSERT INTO fk_alt VALUES (5, NULL, 'nope');

-- DROP TABLE of a referenced table
DROP TABLE fk_p;
DROP TABLE fk_pk2;
DROP TABLE fk_p CASCADE;
SELECT conname FROM pg_constraint WHERE contype = 'f' AND conname LIKE 'fk_%' ORDER BY 1;
INSERT INTO fk_c VALUES (10, 123, NULL);
DROP TABLE fk_comp, fk_pk2;
DROP TABLE fk_c, fk_alt, fk_q, fk_tree;
