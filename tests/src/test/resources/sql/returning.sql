-- INSERT, UPDATE and DELETE with RETURNING: rows as stored, column names, command tags, errors.
DROP TABLE IF EXISTS ret_t;

CREATE TABLE ret_t (id integer NOT NULL, name text DEFAULT 'dflt', qty integer DEFAULT 7, price numeric(6,2));
INSERT INTO ret_t VALUES (1, 'a', 1, 1.5) RETURNING *;
INSERT INTO ret_t (id, price) VALUES (2, 2.345), ('3', 3) RETURNING *;
INSERT INTO ret_t (id, name, qty) VALUES (4, DEFAULT, NULL) RETURNING id, name, qty;
INSERT INTO ret_t VALUES (5, 'e', 5, 0.99) RETURNING id * 2 AS twice, id + 1, upper(name), ret_t.price AS p, 'lit';
INSERT INTO ret_t SELECT id + 10, name || '!', qty, price FROM ret_t WHERE id <= 2 RETURNING id, name;
INSERT INTO ret_t VALUES (20) RETURNING ret_t.*, qty IS NULL AS no_qty;
SELECT * FROM ret_t ORDER BY id;
UPDATE ret_t SET qty = qty + 100 WHERE id > 10 RETURNING *;
UPDATE ret_t SET price = price * 2, name = 'x' WHERE id = 1 RETURNING id, name, price, qty;
UPDATE ret_t AS t SET qty = 0 WHERE t.id = 99 RETURNING t.id;
UPDATE ret_t SET qty = -qty WHERE id IN (2, 3) RETURNING qty, id;
DELETE FROM ret_t WHERE id >= 11 RETURNING *;
DELETE FROM ret_t AS t WHERE t.id = 4 RETURNING t.name, coalesce(t.qty, -1) AS q;
DELETE FROM ret_t WHERE id = 4 RETURNING id;
SELECT * FROM ret_t ORDER BY id;
INSERT INTO ret_t VALUES (30) RETURNING nope;
UPDATE ret_t SET qty = 1 RETURNING ret_t.nope;
DELETE FROM ret_t RETURNING count(*);
INSERT INTO ret_t VALUES (NULL) RETURNING id;
SELECT count(*) FROM ret_t;
DELETE FROM ret_t WHERE id = 5 RETURNING id, name;
-- The remaining rows come back in storage order: return a constant so the output does not depend on it.
DELETE FROM ret_t RETURNING 1 AS one;
SELECT count(*) FROM ret_t;

DROP TABLE ret_t;
