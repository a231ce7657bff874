-- CREATE TABLE / DROP TABLE with NOT NULL and DEFAULT.
DROP TABLE IF EXISTS ddl_items;
DROP TABLE IF EXISTS ddl_people;
DROP TABLE IF EXISTS ddl_empty;
DROP TABLE IF EXISTS ddl_mixed;
DROP TABLE IF EXISTS ddl_dup;

CREATE TABLE ddl_items (id integer NOT NULL, name text, qty integer DEFAULT 0);
INSERT INTO ddl_items (id, name) VALUES (1, 'apple');
SELECT id, name, qty FROM ddl_items;
INSERT INTO ddl_items VALUES (2, 'pear', 5);
INSERT INTO ddl_items (id, name, qty) VALUES (3, 'plum', DEFAULT);
INSERT INTO ddl_items (name, id) VALUES ('fig', 4);
INSERT INTO ddl_items (id, qty) VALUES (5, NULL);
-- id has no default, so DEFAULT VALUES violates NOT NULL
INSERT INTO ddl_items DEFAULT VALUES;
INSERT INTO ddl_items (name) VALUES ('nameless');
SELECT * FROM ddl_items ORDER BY id;
-- creating it twice fails
CREATE TABLE ddl_items (x integer);

CREATE TABLE ddl_people (
    id bigint NOT NULL,
    first_name varchar(20) NOT NULL DEFAULT 'anon',
    age smallint DEFAULT 18,
    active boolean NOT NULL DEFAULT true,
    score integer DEFAULT 10 * 2 + 1,
    note text DEFAULT NULL
);
INSERT INTO ddl_people (id) VALUES (1);
INSERT INTO ddl_people (id, first_name) VALUES (2, 'bob'), (3, 'carol');
INSERT INTO ddl_people (id, age, active) VALUES (4, NULL, false);
INSERT INTO ddl_people (id, first_name, note) VALUES (5, 'dave', 'has a note');
SELECT * FROM ddl_people ORDER BY id;
SELECT id, first_name FROM ddl_people WHERE active ORDER BY id;
INSERT INTO ddl_people (first_name) VALUES ('nobody');
INSERT INTO ddl_people (id, first_name) VALUES (6, NULL);
INSERT INTO ddl_people (id, active) VALUES (7, NULL);
SELECT count(*) FROM ddl_people;

CREATE TABLE ddl_empty (a integer);
SELECT * FROM ddl_empty;
SELECT count(*) FROM ddl_empty;
SELECT a FROM ddl_empty WHERE a > 0;
DROP TABLE ddl_empty;
SELECT * FROM ddl_empty;
DROP TABLE ddl_empty;
DROP TABLE IF EXISTS ddl_empty;

-- unquoted identifiers fold to lower case, quoted ones keep their case
CREATE TABLE DDL_Mixed (Col1 integer, "Quoted" integer);
INSERT INTO ddl_mixed (COL1, "Quoted") VALUES (1, 2);
SELECT col1, "Quoted" FROM ddl_mixed;
SELECT * FROM DDL_MIXED;
SELECT quoted FROM ddl_mixed;
SELECT "col1" FROM "ddl_mixed";
SELECT "COL1" FROM ddl_mixed;

CREATE TABLE ddl_dup (a integer, a integer);
CREATE TABLE ddl_dup (a nosuchtype);

DROP TABLE ddl_items;
DROP TABLE ddl_people;
DROP TABLE ddl_mixed;
DROP TABLE IF EXISTS ddl_dup;
