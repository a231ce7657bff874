-- Window functions: ranking, offsets, frames, named windows, placement rules and errors.
DROP TABLE IF EXISTS win_emp;
DROP TABLE IF EXISTS win_num;
CREATE TABLE win_emp (id integer, dept text, name text, salary integer, bonus numeric(8,2), hired date, active boolean);
INSERT INTO win_emp VALUES
  (1, 'eng', 'ann', 5000, 100.50, date '2020-01-10', true),
  (2, 'eng', 'bob', 4000, NULL, date '2021-03-01', true),
  (3, 'eng', 'cid', 5000, 200.00, date '2019-07-15', false),
  (4, 'ops', 'dan', 3000, 50.25, date '2022-02-02', true),
  (5, 'ops', 'eve', 3500, 75.00, date '2020-05-05', true),
  (6, 'ops', 'fay', 3000, NULL, date '2018-11-11', false),
  (7, 'hr', 'gus', 2500, 10.00, date '2021-09-09', true),
  (8, NULL, 'hal', 1000, NULL, NULL, NULL),
  (9, 'eng', 'ida', NULL, 5.00, date '2023-01-01', true),
  (10, 'hr', 'jon', 2500, 20.00, date '2017-04-04', false);
CREATE TABLE win_num (id integer, v integer, f double precision, n numeric, s smallint, b bigint);
INSERT INTO win_num VALUES
  (1, 1, 1.5, 1.25, 1, 10), (2, 2, 2.5, 2.50, 2, 20), (3, 2, 3.0, 2.75, 2, 30), (4, 4, 4.5, 4.00, 4, 40),
  (5, 7, 7.0, 7.10, 7, 70), (6, NULL, NULL, NULL, NULL, NULL), (7, 8, 8.25, 8.00, 8, 80), (8, 10, 10.0, 10.5, 10, 100);

-- ranking functions
SELECT id, row_number() OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, dept, salary, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id) FROM win_emp ORDER BY id;
SELECT id, salary, rank() OVER (ORDER BY salary DESC) FROM win_emp ORDER BY id;
SELECT id, salary, dense_rank() OVER (ORDER BY salary DESC) FROM win_emp ORDER BY id;
SELECT id, salary, rank() OVER (ORDER BY salary DESC NULLS LAST) AS r FROM win_emp ORDER BY r, id;
SELECT id, salary, rank() OVER (ORDER BY salary ASC NULLS FIRST) FROM win_emp ORDER BY id;
SELECT id, dept, rank() OVER (PARTITION BY dept ORDER BY salary) FROM win_emp ORDER BY id;
SELECT id, salary, percent_rank() OVER (ORDER BY salary) FROM win_emp ORDER BY id;
SELECT id, salary, cume_dist() OVER (ORDER BY salary) FROM win_emp ORDER BY id;
SELECT id, dept, percent_rank() OVER (PARTITION BY dept ORDER BY salary), cume_dist() OVER (PARTITION BY dept ORDER BY salary) FROM win_emp ORDER BY id;
SELECT id, ntile(3) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, ntile(4) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, ntile(20) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, dept, ntile(2) OVER (PARTITION BY dept ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, ntile(NULL::integer) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, rank() OVER () , dense_rank() OVER (), row_number() OVER (ORDER BY id DESC) FROM win_emp ORDER BY id;
SELECT id, rank() OVER (PARTITION BY dept), percent_rank() OVER (PARTITION BY dept) FROM win_emp ORDER BY id;

-- lag and lead
SELECT id, lag(id) OVER (ORDER BY id), lead(id) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, lag(id, 2) OVER (ORDER BY id), lead(id, 3) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, lag(salary, 1, 0) OVER (ORDER BY id), lead(salary, 1, -1) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, dept, lag(name) OVER (PARTITION BY dept ORDER BY id), lead(name, 1, 'none') OVER (PARTITION BY dept ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, lag(id, -1) OVER (ORDER BY id), lead(id, 0) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, lag(id, NULL) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, lag(salary, 1, 2.5) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, lag(bonus, 2, 0) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, lead(hired) OVER (ORDER BY hired NULLS FIRST, id) FROM win_emp ORDER BY id;
SELECT id, lag('x') OVER (ORDER BY id) FROM win_emp ORDER BY id;

-- first_value, last_value, nth_value
SELECT id, first_value(name) OVER (ORDER BY id), last_value(name) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, dept, first_value(name) OVER (PARTITION BY dept ORDER BY salary DESC, id) FROM win_emp ORDER BY id;
SELECT id, last_value(name) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM win_emp ORDER BY id;
SELECT id, salary, last_value(salary) OVER (ORDER BY salary), max(id) OVER (ORDER BY salary) FROM win_emp ORDER BY id;
SELECT id, nth_value(name, 2) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, nth_value(name, 3) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM win_emp ORDER BY id;
SELECT id, dept, nth_value(salary, 2) OVER (PARTITION BY dept ORDER BY id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM win_emp ORDER BY id;
SELECT id, first_value(id) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING), last_value(id) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING) FROM win_emp ORDER BY id;
SELECT id, first_value(id) OVER w, last_value(id) OVER w, nth_value(id, 2) OVER w FROM win_emp WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) ORDER BY id;

-- aggregates as window functions
SELECT id, dept, salary, sum(salary) OVER (PARTITION BY dept) FROM win_emp ORDER BY id;
SELECT id, salary, sum(salary) OVER (ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, salary, sum(salary) OVER (ORDER BY salary) FROM win_emp ORDER BY id;
SELECT id, salary, count(*) OVER (ORDER BY salary), count(salary) OVER (ORDER BY salary) FROM win_emp ORDER BY id;
SELECT id, count(*) OVER (), count(bonus) OVER (), sum(bonus) OVER () FROM win_emp ORDER BY id;
SELECT id, dept, avg(salary) OVER (PARTITION BY dept), avg(bonus) OVER (PARTITION BY dept) FROM win_emp ORDER BY id;
SELECT id, dept, min(salary) OVER (PARTITION BY dept), max(name) OVER (PARTITION BY dept ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, dept, string_agg(name, ',') OVER (PARTITION BY dept ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, bool_and(active) OVER (ORDER BY id), bool_or(active) OVER (ORDER BY id DESC), every(active) OVER () FROM win_emp ORDER BY id;
SELECT id, dept, stddev(salary) OVER (PARTITION BY dept), variance(salary) OVER (PARTITION BY dept) FROM win_emp ORDER BY id;
SELECT id, var_pop(f) OVER (ORDER BY id), stddev_samp(f) OVER (ORDER BY id) FROM win_num ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id), sum(f) OVER (ORDER BY id), sum(n) OVER (ORDER BY id), sum(s) OVER (ORDER BY id), sum(b) OVER (ORDER BY id) FROM win_num ORDER BY id;
SELECT id, avg(v) OVER (ORDER BY id), avg(f) OVER (ORDER BY id), avg(n) OVER (ORDER BY id) FROM win_num ORDER BY id;
SELECT id, count(*) FILTER (WHERE salary > 3000) OVER (ORDER BY id), sum(salary) FILTER (WHERE dept = 'eng') OVER () FROM win_emp ORDER BY id;
SELECT id, salary, salary - avg(salary) OVER (PARTITION BY dept) AS diff FROM win_emp ORDER BY id;
SELECT id, round(100.0 * salary / sum(salary) OVER (), 2) AS pct FROM win_emp ORDER BY id;
SELECT id, sum(salary) OVER (PARTITION BY dept ORDER BY id) + 1, row_number() OVER (ORDER BY id) * 10 FROM win_emp ORDER BY id;

-- ROWS frames
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS 2 PRECEDING) FROM win_num ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) FROM win_num ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS CURRENT ROW) FROM win_num ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM win_num ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 4 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) FROM win_num ORDER BY id;
SELECT id, count(*) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 1 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, avg(f) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_num ORDER BY id;
SELECT id, string_agg(id::text, '-') OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, min(v) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), max(v) OVER (ORDER BY id ROWS BETWEEN 0 PRECEDING AND 0 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, sum(v) OVER (ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM (SELECT * FROM win_num ORDER BY id) s ORDER BY id;
SELECT id, dept, sum(salary) OVER (PARTITION BY dept ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_emp ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN '1' PRECEDING AND CURRENT ROW) FROM win_num ORDER BY id;

-- RANGE frames
SELECT id, v, sum(id) OVER (ORDER BY v RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v RANGE CURRENT ROW) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v DESC RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v NULLS FIRST RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_num ORDER BY id;
SELECT id, v, count(*) OVER (ORDER BY v RANGE BETWEEN 3 FOLLOWING AND 5 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, count(*) OVER (ORDER BY v RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) FROM win_num ORDER BY id;
SELECT id, f, sum(id) OVER (ORDER BY f RANGE BETWEEN 1.5 PRECEDING AND 0.5 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, n, sum(id) OVER (ORDER BY n RANGE BETWEEN 1 PRECEDING AND 1.5 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, s, sum(id) OVER (ORDER BY s RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, b, sum(id) OVER (ORDER BY b DESC RANGE BETWEEN 15 PRECEDING AND 15 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, first_value(v) OVER (ORDER BY v RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING), last_value(v) OVER (ORDER BY v RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v RANGE BETWEEN 0 PRECEDING AND 0 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, count(*) OVER (ORDER BY v NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) FROM win_num ORDER BY id;
SELECT id, v, count(*) OVER (ORDER BY v DESC NULLS LAST RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v DESC NULLS FIRST RANGE BETWEEN CURRENT ROW AND 3 FOLLOWING) FROM win_num ORDER BY id;

-- GROUPS frames
SELECT id, v, sum(id) OVER (ORDER BY v GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, count(*) OVER (ORDER BY v DESC GROUPS BETWEEN CURRENT ROW AND 2 FOLLOWING) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v GROUPS 1 PRECEDING) FROM win_num ORDER BY id;
SELECT id, dept, salary, min(id) OVER (PARTITION BY dept ORDER BY salary GROUPS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) FROM win_emp ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v GROUPS BETWEEN 2 PRECEDING AND 1 PRECEDING) FROM win_num ORDER BY id;
SELECT sum(id) OVER (GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id GROUPS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id GROUPS BETWEEN id PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN 1.5 PRECEDING AND CURRENT ROW) FROM win_num ORDER BY id;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN true PRECEDING AND CURRENT ROW) FROM win_emp;

-- EXCLUDE
SELECT id, v, sum(id) OVER (ORDER BY v ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP) FROM win_num ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE TIES) FROM win_num ORDER BY id;
SELECT id, v, count(*) OVER (ORDER BY v GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE NO OTHERS) FROM win_num ORDER BY id;
SELECT id, first_value(id) OVER w, last_value(id) OVER w, nth_value(id, 2) OVER w FROM win_num WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING) ORDER BY id;
SELECT id, first_value(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING EXCLUDE CURRENT ROW), last_value(id) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) FROM win_num ORDER BY id;
SELECT id, string_agg(id::text, ',') OVER (ORDER BY v RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES) FROM win_num WHERE id <> 2 ORDER BY id;

-- named windows
SELECT id, sum(salary) OVER w, count(*) OVER w FROM win_emp WINDOW w AS (PARTITION BY dept) ORDER BY id;
SELECT id, rank() OVER w, dense_rank() OVER w FROM win_emp WINDOW w AS (ORDER BY salary DESC) ORDER BY id;
SELECT id, row_number() OVER a, row_number() OVER b FROM win_emp WINDOW a AS (ORDER BY id), b AS (ORDER BY id DESC) ORDER BY id;
SELECT id FROM win_emp WINDOW unused AS (ORDER BY id) ORDER BY id;
SELECT id, dept, row_number() OVER (w ORDER BY id), sum(salary) OVER (w ORDER BY salary, id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_emp WINDOW w AS (PARTITION BY dept) ORDER BY id;
SELECT id, rank() OVER (w), count(*) OVER (w) FROM win_emp WINDOW w AS (ORDER BY dept) ORDER BY id;
SELECT id, sum(salary) OVER w FROM win_emp WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) ORDER BY id;
SELECT sum(salary) OVER (w PARTITION BY id) FROM win_emp WINDOW w AS (PARTITION BY dept);
SELECT sum(salary) OVER (w ORDER BY id) FROM win_emp WINDOW w AS (ORDER BY dept);
SELECT sum(salary) OVER (w) FROM win_emp WINDOW w AS (ORDER BY id ROWS 1 PRECEDING);
SELECT sum(salary) OVER (w ORDER BY id) FROM win_emp WINDOW w AS (ROWS 1 PRECEDING);
SELECT sum(salary) OVER (nosuch ORDER BY id) FROM win_emp;
SELECT id, sum(salary) OVER w2, count(*) OVER w3 FROM win_emp WINDOW w AS (PARTITION BY dept), w2 AS (w ORDER BY id), w3 AS (w2 ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ORDER BY id;
SELECT id, sum(v) OVER w FROM win_num WINDOW w AS (ORDER BY v GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES) ORDER BY id;
SELECT sum(salary) OVER w2 FROM win_emp WINDOW w2 AS (w ORDER BY id), w AS (PARTITION BY dept);
SELECT sum(salary) OVER w2 FROM win_emp WINDOW w AS (ORDER BY id), w2 AS (w PARTITION BY dept);
SELECT sum(salary) OVER w2 FROM win_emp WINDOW w AS (ORDER BY id), w2 AS (w ORDER BY dept);
SELECT sum(salary) OVER w2 FROM win_emp WINDOW w AS (ORDER BY id ROWS 1 PRECEDING), w2 AS (w);

-- window calls inside expressions, joins and partitions by expressions
SELECT e.id, n.v, sum(n.v) OVER (PARTITION BY e.dept ORDER BY e.id) FROM win_emp e JOIN win_num n ON n.id = e.id ORDER BY e.id;
SELECT id, CASE WHEN row_number() OVER (ORDER BY id) % 2 = 0 THEN 'even' ELSE 'odd' END AS parity FROM win_emp ORDER BY id;
SELECT id, count(*) OVER (PARTITION BY dept, active) FROM win_emp ORDER BY id;
SELECT id, row_number() OVER (ORDER BY lower(name) DESC) FROM win_emp ORDER BY id;
SELECT id, sum(salary) OVER (PARTITION BY salary > 3000 ORDER BY id) FROM win_emp ORDER BY id;
SELECT id, coalesce(lag(salary) OVER (ORDER BY id), 0) - salary AS delta FROM win_emp ORDER BY id;

-- window functions over grouped queries
SELECT dept, count(*), sum(count(*)) OVER () FROM win_emp GROUP BY dept ORDER BY dept;
SELECT dept, sum(salary), rank() OVER (ORDER BY sum(salary) DESC) FROM win_emp GROUP BY dept ORDER BY dept;
SELECT dept, max(salary), lag(max(salary)) OVER (ORDER BY dept) FROM win_emp GROUP BY dept ORDER BY dept;
SELECT dept, avg(salary), avg(avg(salary)) OVER () FROM win_emp WHERE dept IS NOT NULL GROUP BY dept ORDER BY dept;
SELECT active, count(*), row_number() OVER (ORDER BY count(*) DESC, active) FROM win_emp GROUP BY active ORDER BY active;
SELECT dept, count(*) FROM win_emp GROUP BY dept HAVING count(*) > 1 ORDER BY rank() OVER (ORDER BY count(*)), dept;
SELECT count(*), sum(count(*)) OVER () FROM win_emp;
SELECT dept, sum(salary) OVER () FROM win_emp GROUP BY dept ORDER BY dept;
SELECT dept, row_number() OVER (ORDER BY dept NULLS FIRST) FROM win_emp GROUP BY dept ORDER BY dept;
SELECT dept, count(*) FILTER (WHERE active), sum(count(*) FILTER (WHERE active)) OVER (ORDER BY dept) FROM win_emp GROUP BY dept ORDER BY dept;

-- DISTINCT, ORDER BY and LIMIT over window results
SELECT DISTINCT dept, count(*) OVER (PARTITION BY dept) FROM win_emp ORDER BY dept;
SELECT DISTINCT rank() OVER (ORDER BY salary DESC) AS r FROM win_emp ORDER BY r;
SELECT id, name FROM win_emp ORDER BY row_number() OVER (ORDER BY name DESC);
SELECT id, rank() OVER (ORDER BY salary DESC) AS r FROM win_emp ORDER BY r DESC, id LIMIT 3;
SELECT id, row_number() OVER (ORDER BY id) FROM win_emp ORDER BY id LIMIT 3 OFFSET 2;
SELECT id, sum(salary) OVER (ORDER BY id) FROM win_emp WHERE dept = 'eng' ORDER BY id;
SELECT DISTINCT ON (dept) dept, id, row_number() OVER (PARTITION BY dept ORDER BY id DESC) FROM win_emp ORDER BY dept, id;
SELECT id, row_number() OVER (ORDER BY id) FROM win_emp WHERE id < 3 UNION ALL SELECT id, rank() OVER (ORDER BY id DESC) FROM win_num WHERE id > 6 ORDER BY 1, 2;
SELECT * FROM (SELECT id, lag(id) OVER (ORDER BY id) AS prev FROM win_emp) t WHERE prev IS NULL OR prev + 1 = id ORDER BY id;

-- subqueries
SELECT id, dept, salary FROM (SELECT *, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS rn FROM win_emp) t WHERE rn = 1 ORDER BY id;
SELECT t.dept, t.total FROM (SELECT DISTINCT dept, sum(salary) OVER (PARTITION BY dept) AS total FROM win_emp) t ORDER BY t.dept;
SELECT id, (SELECT count(*) FROM win_num WHERE win_num.id <= win_emp.id), row_number() OVER (ORDER BY id DESC) FROM win_emp ORDER BY id;
SELECT id, sum(x) OVER (ORDER BY id) FROM (SELECT id, (SELECT max(v) FROM win_num) - id AS x FROM win_emp) s ORDER BY id;
WITH r AS (SELECT id, rank() OVER (ORDER BY salary) AS rk FROM win_emp) SELECT rk, count(*) FROM r GROUP BY rk ORDER BY rk;
SELECT x, sum(x) OVER (ORDER BY x), row_number() OVER () > 0 FROM (VALUES (1), (2), (3)) v(x) ORDER BY x;
SELECT row_number() OVER (), count(*) OVER ();
SELECT id, row_number() OVER (ORDER BY id) FROM win_emp WHERE false;
SELECT count(*) OVER () FROM win_emp WHERE false;

-- errors
SELECT id FROM win_emp WHERE row_number() OVER (ORDER BY id) > 2;
SELECT dept FROM win_emp GROUP BY rank() OVER (ORDER BY dept);
SELECT dept FROM win_emp GROUP BY dept HAVING rank() OVER (ORDER BY dept) > 1;
SELECT sum(row_number() OVER ()) FROM win_emp;
SELECT sum(row_number() OVER ()) OVER () FROM win_emp;
SELECT row_number() OVER (ORDER BY rank() OVER ()) FROM win_emp;
SELECT row_number() FROM win_emp;
SELECT rank() FROM win_emp;
SELECT upper(name) OVER () FROM win_emp;
SELECT nosuchfunc(id) OVER () FROM win_emp;
SELECT sum(DISTINCT salary) OVER () FROM win_emp;
SELECT string_agg(name, ',' ORDER BY name) OVER () FROM win_emp;
SELECT row_number() FILTER (WHERE id > 1) OVER () FROM win_emp;
SELECT id, sum(salary) OVER w FROM win_emp;
SELECT id FROM win_emp WINDOW w AS (ORDER BY id), w AS (ORDER BY dept);
SELECT ntile(0) OVER (ORDER BY id) FROM win_emp;
SELECT ntile(-1) OVER (ORDER BY id) FROM win_emp;
SELECT nth_value(id, 0) OVER (ORDER BY id) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND -2 FOLLOWING) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN NULL PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS 1 FOLLOWING) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id, dept RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY name RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY hired RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id RANGE BETWEEN 1.5 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN id PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN 'a' PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT dept, sum(salary) OVER (PARTITION BY name) FROM win_emp GROUP BY dept;
SELECT lag(id, 1, 'a') OVER (ORDER BY id) FROM win_emp;
SELECT lag(id, 'x') OVER (ORDER BY id) FROM win_emp;
SELECT sum(name) OVER () FROM win_emp;
SELECT count(*) OVER (PARTITION BY nosuch) FROM win_emp;
SELECT row_number(1) OVER () FROM win_emp;
VALUES (row_number() OVER ());
SELECT 1 LIMIT row_number() OVER ();
SELECT 1 OFFSET row_number() OVER ();
SELECT a.id FROM win_emp a JOIN win_num b ON row_number() OVER () = b.id;
INSERT INTO win_num (id) VALUES (row_number() OVER ());
INSERT INTO win_num (id) VALUES (99) RETURNING row_number() OVER ();
SELECT count(*) FROM win_num;

DROP TABLE win_emp;
DROP TABLE win_num;
