-- INSERT ... ON CONFLICT, UPDATE ... FROM, DELETE ... USING (PostgreSQL 15 semantics).
DROP TABLE IF EXISTS ups_t;
DROP TABLE IF EXISTS ups_s;
DROP TABLE IF EXISTS ups_m;
DROP TABLE IF EXISTS ups_c;
CREATE TABLE ups_t (id integer PRIMARY KEY, v text, n integer UNIQUE);
CREATE TABLE ups_s (id integer, w text, k integer);
CREATE TABLE ups_m (a integer, b integer, c text, UNIQUE (a, b));
CREATE TABLE ups_c (k text PRIMARY KEY, hits integer NOT NULL DEFAULT 1, note text DEFAULT 'new');
INSERT INTO ups_t VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30);
INSERT INTO ups_s VALUES (1, 'uno', 100), (2, 'dos', 200), (2, 'deux', 200), (4, 'cuatro', 400);

-- ON CONFLICT DO NOTHING
INSERT INTO ups_t VALUES (1, 'x', 11) ON CONFLICT DO NOTHING;
INSERT INTO ups_t VALUES (4, 'four', 40) ON CONFLICT DO NOTHING;
INSERT INTO ups_t VALUES (5, 'x', 10) ON CONFLICT DO NOTHING;
INSERT INTO ups_t VALUES (5, 'five', 50), (1, 'again', 12), (6, 'six', 60) ON CONFLICT DO NOTHING;
INSERT INTO ups_t VALUES (7, 'seven', 70), (7, 'seven bis', 71) ON CONFLICT DO NOTHING;
INSERT INTO ups_t VALUES (1, 'x', 13) ON CONFLICT (id) DO NOTHING;
INSERT INTO ups_t VALUES (8, 'x', 20) ON CONFLICT (n) DO NOTHING;
INSERT INTO ups_t VALUES (2, 'x', 21) ON CONFLICT ON CONSTRAINT ups_t_pkey DO NOTHING;
INSERT INTO ups_t VALUES (8, 'eight', 80) ON CONFLICT ON CONSTRAINT ups_t_n_key DO NOTHING;
INSERT INTO ups_t VALUES (9, 'nine', 90), (3, 'x', 31) ON CONFLICT (id) DO NOTHING RETURNING id, v;
INSERT INTO ups_t VALUES (1, 'x', 14) ON CONFLICT (id) DO NOTHING RETURNING *;
INSERT INTO ups_t (id, v) VALUES (10, NULL) ON CONFLICT (n) DO NOTHING;
INSERT INTO ups_t (id, v) VALUES (11, NULL) ON CONFLICT (n) DO NOTHING;
INSERT INTO ups_t VALUES (12, 'x', 10) ON CONFLICT (id) DO NOTHING;
INSERT INTO ups_t VALUES (1, 'x', 15) ON CONFLICT (id) WHERE v IS NOT NULL DO NOTHING;
SELECT * FROM ups_t ORDER BY id;

-- ON CONFLICT DO UPDATE
INSERT INTO ups_t VALUES (1, 'ONE', 10) ON CONFLICT (id) DO UPDATE SET v = excluded.v;
INSERT INTO ups_t VALUES (2, 'TWO', 22) ON CONFLICT (id) DO UPDATE SET v = excluded.v, n = excluded.n RETURNING *;
INSERT INTO ups_t VALUES (3, 'THREE', 33) ON CONFLICT (id) DO UPDATE SET v = ups_t.v || '/' || excluded.v RETURNING id, v, n;
INSERT INTO ups_t AS o VALUES (4, 'FOUR', 44) ON CONFLICT (id) DO UPDATE SET v = o.v || '+' || excluded.v RETURNING o.v;
INSERT INTO ups_t VALUES (13, 'thirteen', 130) ON CONFLICT (id) DO UPDATE SET v = 'not used' RETURNING *;
INSERT INTO ups_t VALUES (5, 'FIVE', 55), (14, 'fourteen', 140) ON CONFLICT (id) DO UPDATE SET v = excluded.v RETURNING id, v;
INSERT INTO ups_t VALUES (6, 'SIX', 66) ON CONFLICT (id) DO UPDATE SET v = excluded.v WHERE ups_t.n > 100;
INSERT INTO ups_t VALUES (6, 'SIX', 66) ON CONFLICT (id) DO UPDATE SET v = excluded.v WHERE ups_t.n < 100 RETURNING *;
INSERT INTO ups_t VALUES (7, 'SEVEN', 77) ON CONFLICT (id) DO UPDATE SET v = excluded.v WHERE excluded.n = 0;
INSERT INTO ups_t VALUES (99, 'by n', 80) ON CONFLICT (n) DO UPDATE SET v = excluded.v || ' ' || excluded.id RETURNING *;
INSERT INTO ups_t VALUES (9, 'x', 90) ON CONFLICT ON CONSTRAINT ups_t_pkey DO UPDATE SET n = ups_t.n + 1 RETURNING n;
INSERT INTO ups_t VALUES (9, NULL, NULL) ON CONFLICT (id) DO UPDATE SET v = coalesce(excluded.v, 'kept ' || ups_t.v);
INSERT INTO ups_t VALUES (10, 'ten', 100) ON CONFLICT (id) DO UPDATE SET v = DEFAULT, n = excluded.n + 1;
INSERT INTO ups_t VALUES (11, 'eleven', 110) ON CONFLICT (id) DO UPDATE SET id = excluded.id + 100 RETURNING *;
SELECT * FROM ups_t ORDER BY id;

-- INSERT ... SELECT with ON CONFLICT
INSERT INTO ups_t SELECT id, w, k FROM ups_s WHERE id <> 2 ON CONFLICT (id) DO UPDATE SET v = excluded.v RETURNING *;
INSERT INTO ups_t SELECT id + 200, w, NULL FROM ups_s ON CONFLICT DO NOTHING;
SELECT id, v, n FROM ups_t WHERE id > 100 ORDER BY id;

-- composite arbiter
INSERT INTO ups_m VALUES (1, 1, 'a'), (1, 2, 'b'), (2, 1, 'c');
INSERT INTO ups_m VALUES (1, 1, 'dup') ON CONFLICT (a, b) DO UPDATE SET c = ups_m.c || excluded.c;
INSERT INTO ups_m VALUES (1, 2, 'dup') ON CONFLICT (b, a) DO UPDATE SET c = excluded.c RETURNING *;
INSERT INTO ups_m VALUES (2, 2, 'new') ON CONFLICT (a, b) DO UPDATE SET c = 'no' RETURNING *;
INSERT INTO ups_m VALUES (NULL, 1, 'n1'), (NULL, 1, 'n2') ON CONFLICT (a, b) DO UPDATE SET c = 'no';
INSERT INTO ups_m VALUES (1, 1, 'x') ON CONFLICT (a) DO NOTHING;
SELECT * FROM ups_m ORDER BY a, b, c;

-- counters
INSERT INTO ups_c VALUES ('x') ON CONFLICT (k) DO UPDATE SET hits = ups_c.hits + 1 RETURNING *;
INSERT INTO ups_c VALUES ('x') ON CONFLICT (k) DO UPDATE SET hits = ups_c.hits + 1 RETURNING *;
INSERT INTO ups_c VALUES ('x'), ('y') ON CONFLICT (k) DO UPDATE SET hits = ups_c.hits + 1, note = 'bumped' RETURNING k, hits, note;
INSERT INTO ups_c (k, hits) VALUES ('y', 10) ON CONFLICT (k) DO UPDATE SET hits = ups_c.hits + excluded.hits RETURNING k, hits;
SELECT * FROM ups_c ORDER BY k;

-- ON CONFLICT errors
INSERT INTO ups_t VALUES (1, 'x', 1) ON CONFLICT (v) DO NOTHING;
INSERT INTO ups_t VALUES (1, 'x', 1) ON CONFLICT (id, n) DO NOTHING;
INSERT INTO ups_t VALUES (1, 'x', 1) ON CONFLICT DO UPDATE SET v = 'x';
INSERT INTO ups_t VALUES (1, 'x', 1) ON CONFLICT ON CONSTRAINT nope DO NOTHING;
INSERT INTO ups_t VALUES (1, 'x', 1) ON CONFLICT (zz) DO NOTHING;
INSERT INTO ups_t VALUES (1, 'x', 1) ON CONFLICT (id) DO UPDATE SET zz = 1;
INSERT INTO ups_t VALUES (1, 'x', 1) ON CONFLICT (id) DO UPDATE SET v = excluded.zz;
INSERT INTO ups_t VALUES (1, 'x', 1) ON CONFLICT (id) DO UPDATE SET v = 'a', v = 'b';
INSERT INTO ups_t VALUES (1, 'a', 1), (1, 'b', 2) ON CONFLICT (id) DO UPDATE SET v = excluded.v;
INSERT INTO ups_t VALUES (500, 'a', 1), (500, 'b', 2) ON CONFLICT (id) DO UPDATE SET v = excluded.v;
INSERT INTO ups_t VALUES (1, 'x', 20) ON CONFLICT (id) DO UPDATE SET n = excluded.n;
INSERT INTO ups_t VALUES (501, 'x', 20) ON CONFLICT (id) DO UPDATE SET v = 'y';
INSERT INTO ups_c VALUES (NULL) ON CONFLICT DO NOTHING;
INSERT INTO ups_t VALUES (1, 'x', 1) ON CONFLICT (id) DO UPDATE SET v = 'x' RETURNING excluded.v;
SELECT count(*) FROM ups_t WHERE id >= 500;

-- inside a transaction, with a savepoint
BEGIN;
INSERT INTO ups_c VALUES ('t') ON CONFLICT (k) DO UPDATE SET hits = ups_c.hits + 1;
INSERT INTO ups_c VALUES ('t') ON CONFLICT (k) DO UPDATE SET hits = ups_c.hits + 1;
SAVEPOINT s1;
INSERT INTO ups_c VALUES ('t'), ('t') ON CONFLICT (k) DO UPDATE SET hits = ups_c.hits + 1;
ROLLBACK TO SAVEPOINT s1;
INSERT INTO ups_c VALUES ('t') ON CONFLICT (k) DO NOTHING;
SELECT * FROM ups_c WHERE k = 't';
COMMIT;
SELECT * FROM ups_c ORDER BY k;

-- UPDATE ... FROM
UPDATE ups_t SET v = ups_s.w FROM ups_s WHERE ups_s.id = ups_t.id AND ups_s.id = 1;
SELECT * FROM ups_t WHERE id = 1;
UPDATE ups_t SET v = s.w || '!' FROM ups_s s WHERE s.id = ups_t.id AND s.k = 400 RETURNING ups_t.id, ups_t.v, s.k;
UPDATE ups_t t SET n = s.k * 10 + t.id FROM ups_s s WHERE s.id = t.id AND t.id < 3 RETURNING t.*, s.k;
UPDATE ups_t SET v = 'matched twice' FROM ups_s WHERE ups_s.id = ups_t.id AND ups_s.id = 2 RETURNING ups_t.id, ups_t.v;
UPDATE ups_t SET v = 'none' FROM ups_s WHERE ups_s.id = ups_t.id AND ups_s.k > 1000;
UPDATE ups_t SET v = 'none' FROM ups_s WHERE false;
UPDATE ups_t SET v = q.label FROM (SELECT id, 'sub ' || w AS label FROM ups_s WHERE id = 1) q WHERE q.id = ups_t.id RETURNING *;
UPDATE ups_t SET n = m.a * 1000 + m.b FROM ups_m m, ups_s s WHERE m.a = ups_t.id AND m.b = 1 AND s.id = ups_t.id RETURNING ups_t.id, ups_t.n, m.c, s.k;
UPDATE ups_t SET v = s.w FROM ups_s s JOIN ups_m m ON m.a = s.id WHERE s.id = ups_t.id AND m.b = 2 AND s.w = 'uno' RETURNING ups_t.id, ups_t.v;
UPDATE ups_t SET v = v || '.' FROM (VALUES (3), (4)) AS x(i) WHERE x.i = ups_t.id RETURNING id, v, x.i;
UPDATE ups_t SET v = o.v FROM ups_t o WHERE o.id = ups_t.id + 1 AND ups_t.id = 3 RETURNING ups_t.id, ups_t.v;
UPDATE ups_t SET n = ups_t.n + 1 FROM ups_s WHERE ups_s.id = ups_t.id OR ups_t.id = 13;
UPDATE ups_t SET v = 'all' FROM ups_s WHERE ups_t.id = 13 RETURNING ups_t.id;
SELECT * FROM ups_t ORDER BY id;

-- UPDATE ... FROM errors
UPDATE ups_t SET v = o.w FROM nosuch o WHERE o.id = ups_t.id;
UPDATE ups_t SET v = 'x' FROM ups_t;
UPDATE ups_t SET v = w FROM ups_s WHERE id = 1;
UPDATE ups_t SET v = ups_s.zz FROM ups_s WHERE ups_s.id = ups_t.id;
UPDATE ups_t SET zz = 1 FROM ups_s;
UPDATE ups_t SET n = ups_s.w FROM ups_s WHERE ups_s.id = ups_t.id;
UPDATE ups_t SET n = 30 FROM ups_s WHERE ups_s.id = ups_t.id AND ups_t.id = 1;
UPDATE ups_t SET v = 'x' FROM ups_s WHERE ups_s.k;
UPDATE ups_t SET v = 'x' FROM ups_s WHERE ups_s.id = ups_t.id RETURNING nosuch.id;

-- DELETE ... USING
DELETE FROM ups_t USING ups_s WHERE ups_s.id = ups_t.id AND ups_s.k = 400 RETURNING ups_t.id, ups_s.w;
DELETE FROM ups_t t USING ups_s s WHERE s.id = t.id AND s.id = 2 RETURNING *;
DELETE FROM ups_t USING ups_s WHERE ups_s.id = ups_t.id AND ups_s.id > 1000;
DELETE FROM ups_t USING ups_m m, ups_s s WHERE m.a = ups_t.id AND s.id = m.a AND m.b = 2 RETURNING ups_t.id, m.c, s.w;
DELETE FROM ups_m USING ups_t WHERE ups_m.a IS NULL AND ups_t.id = 3 RETURNING ups_m.c, ups_t.id;
DELETE FROM ups_m USING ups_t WHERE ups_m.a IS NULL;
DELETE FROM ups_t USING ups_t o WHERE o.id = ups_t.id + 1 AND ups_t.id >= 200 RETURNING ups_t.id, o.id;
SELECT * FROM ups_t ORDER BY id;
SELECT * FROM ups_m ORDER BY a, b, c;

-- DELETE ... USING errors
DELETE FROM ups_t USING ups_t;
DELETE FROM ups_t USING nosuch WHERE nosuch.id = ups_t.id;
DELETE FROM ups_t USING ups_s WHERE id = 1;
DELETE FROM ups_t USING ups_s WHERE ups_s.zz = ups_t.id;
DELETE FROM ups_t USING ups_s WHERE ups_s.w;

-- a failed statement leaves the data alone
BEGIN;
DELETE FROM ups_t USING ups_s WHERE ups_s.id = ups_t.id;
UPDATE ups_t SET v = 'gone' FROM ups_s WHERE ups_s.id = ups_t.id;
SELECT count(*) FROM ups_t;
ROLLBACK;
SELECT count(*) FROM ups_t;
BEGIN;
UPDATE ups_t SET n = 1 FROM ups_s WHERE ups_s.id = ups_t.id;
SELECT 1;
ROLLBACK;
SELECT id, n FROM ups_t WHERE id IN (1, 3) ORDER BY id;

DROP TABLE ups_t;
DROP TABLE ups_s;
DROP TABLE ups_m;
DROP TABLE ups_c;
