-- SELECT DISTINCT and DISTINCT ON, with PostgreSQL's ORDER BY rules.
DROP TABLE IF EXISTS qd_t;
CREATE TABLE qd_t (id integer, grp text, score integer, tag varchar(5));
INSERT INTO qd_t VALUES
    (1, 'a', 10, 'x'), (2, 'a', 20, 'y'), (3, 'b', 10, 'x'), (4, 'b', NULL, NULL),
    (5, NULL, 30, 'z'), (6, 'c', 20, 'y'), (7, 'a', 10, 'x'), (8, NULL, NULL, 'z'),
    (9, 'c', 40, 'x'), (10, 'b', 10, 'y');
SELECT DISTINCT grp FROM qd_t ORDER BY grp;
SELECT DISTINCT grp FROM qd_t ORDER BY grp DESC;
SELECT DISTINCT grp FROM qd_t ORDER BY grp NULLS FIRST;
SELECT DISTINCT grp, score FROM qd_t ORDER BY grp, score;
SELECT DISTINCT score FROM qd_t ORDER BY 1;
SELECT DISTINCT tag, grp FROM qd_t ORDER BY 2, 1;
SELECT DISTINCT score * 2 AS s2 FROM qd_t ORDER BY s2;
SELECT DISTINCT score % 20 FROM qd_t ORDER BY 1;
SELECT DISTINCT grp IS NULL AS nogrp FROM qd_t ORDER BY nogrp;
SELECT count(*) FROM (SELECT DISTINCT grp FROM qd_t) d;
SELECT count(*) FROM (SELECT DISTINCT grp, tag FROM qd_t) d;
SELECT DISTINCT grp, count(*) FROM qd_t GROUP BY grp ORDER BY grp;
SELECT DISTINCT count(*) FROM qd_t GROUP BY grp ORDER BY 1;
SELECT DISTINCT grp FROM qd_t ORDER BY grp LIMIT 2;
SELECT DISTINCT grp FROM qd_t ORDER BY grp LIMIT 2 OFFSET 1;
SELECT DISTINCT 1 AS one FROM qd_t;
SELECT DISTINCT NULL::integer AS n FROM qd_t;
SELECT DISTINCT tag FROM qd_t WHERE tag IS NOT NULL ORDER BY tag DESC;
SELECT DISTINCT grp FROM qd_t ORDER BY score;
SELECT DISTINCT grp FROM qd_t ORDER BY id;
SELECT DISTINCT grp, score FROM qd_t ORDER BY score + 1;
SELECT DISTINCT ON (grp) grp, id, score FROM qd_t ORDER BY grp, id;
SELECT DISTINCT ON (grp) grp, id, score FROM qd_t ORDER BY grp, id DESC;
SELECT DISTINCT ON (grp) grp, id, score FROM qd_t ORDER BY grp, score DESC NULLS LAST, id;
SELECT DISTINCT ON (grp) grp, id FROM qd_t ORDER BY grp DESC, id;
SELECT DISTINCT ON (grp, tag) grp, tag, id FROM qd_t ORDER BY grp, tag, id;
SELECT DISTINCT ON (tag, grp) grp, tag, id FROM qd_t ORDER BY grp, tag, id;
SELECT DISTINCT ON (score) score, id FROM qd_t ORDER BY score, id;
SELECT DISTINCT ON (1) grp, id FROM qd_t ORDER BY 1, 2;
SELECT DISTINCT ON (g) grp AS g, id FROM qd_t ORDER BY g, id DESC;
SELECT DISTINCT ON (score % 20) score, id FROM qd_t ORDER BY score % 20, id;
SELECT DISTINCT ON (grp) grp, id FROM qd_t ORDER BY grp, id LIMIT 2;
SELECT DISTINCT ON (grp) id FROM qd_t WHERE grp IS NOT NULL ORDER BY grp, id DESC;
SELECT DISTINCT ON (grp) grp, id FROM qd_t ORDER BY id;
SELECT DISTINCT ON (grp) grp, id FROM qd_t ORDER BY id, grp;
SELECT DISTINCT ON (grp, tag) grp, tag FROM qd_t ORDER BY grp, id;
SELECT DISTINCT ON (nope) grp FROM qd_t;
SELECT DISTINCT nope FROM qd_t;
SELECT DISTINCT ON (grp) grp, count(*) FROM qd_t GROUP BY grp ORDER BY grp;
DROP TABLE qd_t;
