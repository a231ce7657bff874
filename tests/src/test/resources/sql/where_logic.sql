-- WHERE with AND/OR/NOT, IS [NOT] NULL and three-valued logic.
DROP TABLE IF EXISTS wl_t;

CREATE TABLE wl_t (id integer, p boolean, q boolean, n integer);
INSERT INTO wl_t VALUES
    (1, true, true, 1), (2, true, false, 2), (3, true, NULL, 3),
    (4, false, true, 4), (5, false, false, NULL), (6, false, NULL, 6),
    (7, NULL, true, 7), (8, NULL, false, NULL), (9, NULL, NULL, 9);
SELECT id, p, q, p AND q, p OR q, NOT p FROM wl_t ORDER BY id;
SELECT id FROM wl_t WHERE p AND q ORDER BY id;
SELECT id FROM wl_t WHERE p OR q ORDER BY id;
SELECT id FROM wl_t WHERE NOT p ORDER BY id;
SELECT id FROM wl_t WHERE NOT (p AND q) ORDER BY id;
SELECT id FROM wl_t WHERE NOT p OR NOT q ORDER BY id;
SELECT id FROM wl_t WHERE p IS NULL ORDER BY id;
SELECT id FROM wl_t WHERE p IS NOT NULL ORDER BY id;
SELECT id FROM wl_t WHERE p IS NULL AND q IS NULL;
SELECT id FROM wl_t WHERE n IS NULL ORDER BY id;
SELECT id FROM wl_t WHERE n IS NOT NULL AND n > 4 ORDER BY id;
SELECT id FROM wl_t WHERE n = NULL;
SELECT id FROM wl_t WHERE n <> 3 ORDER BY id;
SELECT id FROM wl_t WHERE NOT (n > 4) ORDER BY id;
SELECT id FROM wl_t WHERE n > 2 AND n < 7 ORDER BY id;
SELECT id FROM wl_t WHERE n < 2 OR n > 8 ORDER BY id;
SELECT id FROM wl_t WHERE n = 1 OR n = 3 AND p ORDER BY id;
SELECT id FROM wl_t WHERE (n = 1 OR n = 3) AND q ORDER BY id;
SELECT id FROM wl_t WHERE p = q ORDER BY id;
SELECT id FROM wl_t WHERE p <> q ORDER BY id;
SELECT id FROM wl_t WHERE true ORDER BY id;
SELECT id FROM wl_t WHERE false;
SELECT id FROM wl_t WHERE NULL;
SELECT id, n IS NULL, n IS NOT NULL, (n > 5) IS NULL FROM wl_t ORDER BY id;
SELECT count(*) FROM wl_t WHERE p;
SELECT count(*) FROM wl_t WHERE NOT p;
SELECT count(*) FROM wl_t WHERE p IS NULL;

-- constant three-valued logic
SELECT NULL::boolean AND true, NULL::boolean AND false, NULL::boolean OR true, NULL::boolean OR false;
SELECT NOT NULL::boolean, NULL IS NULL, NULL IS NOT NULL, NULL = NULL;
SELECT true OR false AND false, (true OR false) AND false, NOT true OR true, NOT (true OR true);
SELECT 1 < 2 AND 2 < 3, 1 > 2 OR 2 > 3;

DROP TABLE wl_t;
