-- ORDER BY (ASC/DESC, several keys, NULLS FIRST/LAST), LIMIT/OFFSET.
DROP TABLE IF EXISTS ol_t;

CREATE TABLE ol_t (id integer NOT NULL, grp text, score integer, name varchar(10));
INSERT INTO ol_t VALUES
    (1, 'b', 30, 'ann'), (2, 'a', NULL, 'Bob'), (3, 'c', 10, 'cid'),
    (4, 'a', 20, 'dan'), (5, NULL, 20, 'Eve'), (6, 'b', NULL, 'fay'),
    (7, 'c', 40, 'gus'), (8, 'a', 20, 'hal'), (9, NULL, NULL, 'ivy'),
    (10, 'b', 5, 'Joe');
SELECT id, score FROM ol_t ORDER BY id;
SELECT id, score FROM ol_t ORDER BY id DESC;
SELECT id, score FROM ol_t ORDER BY score, id;
SELECT id, score FROM ol_t ORDER BY score ASC, id ASC;
SELECT id, score FROM ol_t ORDER BY score DESC, id;
SELECT id, score FROM ol_t ORDER BY score NULLS FIRST, id;
SELECT id, score FROM ol_t ORDER BY score DESC NULLS LAST, id;
SELECT id, score FROM ol_t ORDER BY score ASC NULLS LAST, id DESC;
SELECT id, grp, score FROM ol_t ORDER BY grp, score DESC, id;
SELECT id, grp, score FROM ol_t ORDER BY grp DESC NULLS LAST, score NULLS FIRST, id;
SELECT id, name FROM ol_t ORDER BY name;
SELECT id, name FROM ol_t ORDER BY name DESC;
SELECT id, grp FROM ol_t ORDER BY 2, 1;
SELECT id, score + id AS total FROM ol_t WHERE score IS NOT NULL ORDER BY total DESC;
SELECT id FROM ol_t ORDER BY score * -1, id;
SELECT id, score FROM ol_t ORDER BY id LIMIT 3;
SELECT id, score FROM ol_t ORDER BY id LIMIT 3 OFFSET 2;
SELECT id, score FROM ol_t ORDER BY id OFFSET 8;
SELECT id, score FROM ol_t ORDER BY id OFFSET 20;
SELECT id, score FROM ol_t ORDER BY id LIMIT 0;
SELECT id, score FROM ol_t ORDER BY id LIMIT 100;
SELECT id, score FROM ol_t ORDER BY id LIMIT ALL;
SELECT id, score FROM ol_t ORDER BY id LIMIT NULL;
SELECT id, score FROM ol_t ORDER BY score DESC NULLS LAST, id LIMIT 4;
SELECT id FROM ol_t WHERE grp = 'a' ORDER BY id DESC LIMIT 2;
SELECT id FROM ol_t WHERE grp = 'b' OR score > 15 ORDER BY id LIMIT 4 OFFSET 1;
SELECT count(*) FROM ol_t;
SELECT id FROM ol_t ORDER BY id LIMIT -1;
SELECT id FROM ol_t ORDER BY id OFFSET -1;
SELECT id FROM ol_t ORDER BY 5;
SELECT id FROM ol_t ORDER BY nope;

DROP TABLE ol_t;
