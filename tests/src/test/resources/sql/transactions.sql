-- BEGIN/COMMIT/ROLLBACK and the failed-transaction state.
DROP TABLE IF EXISTS tx_t;

CREATE TABLE tx_t (id integer NOT NULL, v text);
BEGIN;
INSERT INTO tx_t VALUES (1, 'committed');
SELECT * FROM tx_t;
COMMIT;
SELECT * FROM tx_t;
BEGIN;
INSERT INTO tx_t VALUES (2, 'rolled back');
UPDATE tx_t SET v = 'changed' WHERE id = 1;
SELECT * FROM tx_t ORDER BY id;
ROLLBACK;
SELECT * FROM tx_t ORDER BY id;
START TRANSACTION;
DELETE FROM tx_t;
SELECT count(*) FROM tx_t;
ROLLBACK;
SELECT count(*) FROM tx_t;
BEGIN;
INSERT INTO tx_t VALUES (3, 'before error');
SELECT 1 / 0;
SELECT * FROM tx_t;
INSERT INTO tx_t VALUES (4, 'ignored');
COMMIT;
SELECT * FROM tx_t ORDER BY id;
BEGIN;
INSERT INTO tx_t VALUES (5, 'also lost');
SELECT * FROM nope;
ROLLBACK;
SELECT * FROM tx_t ORDER BY id;
-- outside a block these only warn
COMMIT;
ROLLBACK;
BEGIN;
BEGIN;
INSERT INTO tx_t VALUES (6, 'nested begin');
COMMIT;
SELECT * FROM tx_t ORDER BY id;
BEGIN;
CREATE TABLE tx_ddl (a integer);
INSERT INTO tx_ddl VALUES (1);
ROLLBACK;
SELECT * FROM tx_ddl;
-- an error in autocommit mode does not affect the next statement
INSERT INTO tx_t VALUES (NULL, 'bad');
SELECT count(*) FROM tx_t;

DROP TABLE tx_t;
