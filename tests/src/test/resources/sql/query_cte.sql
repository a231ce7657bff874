-- WITH (common table expressions) and WITH RECURSIVE.
DROP TABLE IF EXISTS qc_emp;
CREATE TABLE qc_emp (id integer, name text, boss integer, pay integer);
INSERT INTO qc_emp VALUES (1, 'root', NULL, 100), (2, 'a', 1, 50), (3, 'b', 1, 60), (4, 'c', 2, 20), (5, 'd', 4, 10), (6, 'e', 3, 30);
WITH t AS (SELECT 1 AS x) SELECT x FROM t;
WITH t AS (SELECT id, pay FROM qc_emp WHERE pay > 25) SELECT * FROM t ORDER BY id;
WITH t(a, b) AS (SELECT id, name FROM qc_emp) SELECT b, a FROM t WHERE a < 3 ORDER BY a;
WITH t(a) AS (SELECT id, name FROM qc_emp) SELECT a, name FROM t ORDER BY a;
WITH t AS (SELECT id FROM qc_emp), u AS (SELECT id * 10 AS id10 FROM t) SELECT id10 FROM u ORDER BY 1;
WITH t AS (SELECT boss, count(*) AS n FROM qc_emp GROUP BY boss) SELECT e.name, t.n FROM qc_emp e JOIN t ON t.boss = e.id ORDER BY e.name;
WITH t AS (SELECT id FROM qc_emp) SELECT a.id, b.id FROM t a, t b WHERE a.id = b.id - 1 ORDER BY 1;
WITH t AS (SELECT 1 AS v UNION ALL SELECT 2) SELECT sum(v) FROM t;
WITH t AS (SELECT id FROM qc_emp) SELECT count(*) FROM t WHERE id IN (SELECT id FROM t WHERE id > 3);
WITH t AS (SELECT id FROM qc_emp WHERE id < 3) SELECT id FROM t UNION SELECT 10 ORDER BY 1;
SELECT (WITH m AS (SELECT max(pay) AS p FROM qc_emp) SELECT p FROM m) AS top;
WITH qc_emp AS (SELECT 42 AS id) SELECT id FROM qc_emp;
WITH t AS (SELECT 1 AS x) SELECT * FROM (WITH t AS (SELECT 2 AS x) SELECT x FROM t) s, t;
WITH t AS (SELECT 1 AS x), t AS (SELECT 2 AS x) SELECT x FROM t;
WITH t(a, b) AS (SELECT 1) SELECT * FROM t;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r ORDER BY n;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT sum(n), count(*) FROM r;
WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n * 2 FROM r WHERE n < 100) SELECT n FROM r ORDER BY n;
WITH RECURSIVE chain(id, name, depth) AS (
    SELECT id, name, 0 FROM qc_emp WHERE boss IS NULL
    UNION ALL
    SELECT e.id, e.name, c.depth + 1 FROM qc_emp e JOIN chain c ON e.boss = c.id)
SELECT name, depth FROM chain ORDER BY depth, name;
WITH RECURSIVE up(id, path) AS (
    SELECT id, name FROM qc_emp WHERE id = 5
    UNION ALL
    SELECT e.boss, q.name || '<' || up.path FROM up JOIN qc_emp e ON e.id = up.id JOIN qc_emp q ON q.id = e.boss)
SELECT path FROM up ORDER BY length(path) DESC LIMIT 1;
WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT (n + 1) % 4 FROM r) SELECT n FROM r ORDER BY n;
WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n FROM r) SELECT n FROM r;
WITH RECURSIVE fib(a, b) AS (SELECT 0::bigint, 1::bigint UNION ALL SELECT b, a + b FROM fib WHERE b < 100) SELECT a FROM fib ORDER BY a;
WITH RECURSIVE sub(id) AS (SELECT 2 UNION ALL SELECT e.id FROM qc_emp e, sub WHERE e.boss = sub.id) SELECT sum(pay) FROM qc_emp WHERE id IN (SELECT id FROM sub);
WITH RECURSIVE t AS (SELECT 1 AS x) SELECT x FROM t;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1.5 FROM r WHERE n < 3) SELECT n FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r r1, r r2 WHERE r1.n = r2.n ORDER BY 1;
DROP TABLE qc_emp;
