-- json/jsonb path operators #> and #>>: results, NULL for missing paths, precedence, errors.
DROP TABLE IF EXISTS jp_docs;
CREATE TABLE jp_docs (id integer, j jsonb, t json);
INSERT INTO jp_docs VALUES
  (1, '{"a":{"b":1,"c":[10,20,{"d":"x"}]},"s":"v"}', '{"a":{"b":1,  "c":[10,20,{"d":"x"}]},"s":"v"}'),
  (2, '{"a":{"b":2},"s":"w"}', '{"a":{"b":2},"s":"w"}'),
  (3, '[1,[2,3]]', '[1, [2, 3]]'),
  (4, NULL, NULL);
SELECT '{"a":{"b":1}}'::jsonb #> '{a,b}';
SELECT '{"a":{"b":1}}'::jsonb #> '{a}';
SELECT '{"a":{"b":"x"}}'::jsonb #>> '{a,b}';
SELECT '{"a":{"b":"x"}}'::jsonb #> '{a,b}';
SELECT '{"a":{"b":1}}'::jsonb #> '{}', '{"a":{"b":1}}'::jsonb #>> '{}';
SELECT '{"a":{"b":1}}'::jsonb #> '{a,x}' IS NULL AS missing;
SELECT '{"a":[1,{"c":2}]}'::jsonb #>> '{a,1,c}', '{"a":[1,2]}'::jsonb #>> '{a,-1}';
SELECT '{"a":[1,2]}'::jsonb #> '{a,z}' IS NULL AS not_an_index;
SELECT '{"a":{"b":  [1,  2]}}'::json #> '{a,b}', '{"a":{"b":  [1,  2]}}'::json #>> '{a,b}';
SELECT '{"a":null}'::jsonb #> '{a}', '{"a":null}'::jsonb #>> '{a}' IS NULL AS is_null;
SELECT pg_typeof('{"a":1}'::jsonb #> '{a}'), pg_typeof('{"a":1}'::jsonb #>> '{a}'), pg_typeof('{"a":1}'::json #> '{a}');
SELECT '{"a":{"b":1}}'::jsonb #> ARRAY['a','b'];
SELECT '{"a":{"b":{"c":5}}}'::jsonb #> '{a}' #>> '{b,c}';
SELECT '{"a":{"b":{"c":5}}}'::jsonb -> 'a' #>> '{b,c}';
SELECT '{"a":{"b":{"c":5}}}'::jsonb #> '{a,b}' ->> 'c';
SELECT '{"a":"v"}'::jsonb #>> '{a}' = 'v' AS eq;
SELECT '{"a":"v"}'::jsonb #>> '{a}' || 'x' AS cat;
SELECT ('{"a":"7"}'::jsonb #>> '{a}')::int + 1 AS n;
SELECT id, j #> '{a,b}', j #>> '{a,c,2,d}', t #> '{a,c}', t #>> '{s}' FROM jp_docs ORDER BY id;
SELECT id FROM jp_docs WHERE j #>> '{a,b}' = '1' ORDER BY id;
SELECT id FROM jp_docs WHERE j #>> '{s}' = 'w' AND id > 0 OR id = 3 ORDER BY id;
SELECT id FROM jp_docs WHERE j #> '{a,b}' IS NULL ORDER BY id;
SELECT id FROM jp_docs WHERE j #>> '{s}' IN ('v', 'w') ORDER BY id;
SELECT id FROM jp_docs WHERE j #>> '{s}' LIKE 'w%' ORDER BY id;
SELECT id, j #> '{1,0}', t #>> '{1,1}' FROM jp_docs WHERE id = 3;
SELECT j #>> '{a,b}' AS b, count(*) FROM jp_docs GROUP BY j #>> '{a,b}' ORDER BY 1;
SELECT jsonb_extract_path_text(j, 'a', 'b') = j #>> '{a,b}' AS same FROM jp_docs ORDER BY id;
-- errors
SELECT 'x'::text #> '{a}';
SELECT '{"a":1}'::jsonb #> 5;
SELECT '{"a":1}'::jsonb #>> 'a';
DROP TABLE jp_docs;
