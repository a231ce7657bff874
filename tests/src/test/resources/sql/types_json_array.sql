-- json/jsonb and arrays of the base types: input, output, operators, functions, aggregates, errors.
DROP TABLE IF EXISTS ja_docs;
DROP TABLE IF EXISTS ja_arr;
-- json keeps its text; jsonb normalizes it
SELECT '{"b":1,  "a":[1,2, {"c":null}]}'::json;
SELECT '{"b":1,  "a":[1,2, {"c":null}]}'::jsonb;
SELECT '{"a":1, "a":2, "aa":3, "b":4}'::jsonb;
SELECT '  [1, 2.50, -0.5e2, true, false, null, "x\"y"] '::jsonb;
SELECT '"caf\u00e9"'::jsonb, '"tab\there"'::jsonb;
SELECT '{}'::jsonb, '[]'::jsonb, '12'::jsonb, '"s"'::jsonb, 'null'::jsonb;
SELECT '1e3'::jsonb, '0.10'::jsonb, '-0'::jsonb;
-- invalid input (22P02 with details)
SELECT '{"a":1'::json;
SELECT '{"a" 1}'::jsonb;
SELECT 'tru'::json;
SELECT '[1,]'::jsonb;
SELECT '{1:2}'::jsonb;
SELECT '01'::json;
SELECT '{"a":1}x'::jsonb;
SELECT ''::jsonb;
SELECT '[1 2]'::json;
SELECT '{"a":1,}'::json;
SELECT '"\u00zz"'::json;
SELECT '1.'::jsonb;
-- equality: jsonb has it, json does not
SELECT '{"a":1,"b":2}'::jsonb = '{"b":2,"a":1}'::jsonb;
SELECT '[1,2]'::jsonb = '[2,1]'::jsonb;
SELECT '1.0'::jsonb = '1'::jsonb;
SELECT '{"a":1}'::json = '{"a":1}'::json;
SELECT '[1]'::jsonb < '[1,2]'::jsonb, '{"a":1}'::jsonb > '[1,2,3]'::jsonb;
-- casts
SELECT '{"a": 1}'::json::jsonb, '{"b":2,"a":1}'::jsonb::json;
SELECT '{"a":1}'::jsonb::text, CAST('[1, 2]' AS jsonb)::text;
SELECT '12'::jsonb::int, '2.5'::jsonb::numeric, 'true'::jsonb::boolean, '1.5'::jsonb::float8;
SELECT '"x"'::jsonb::int;
SELECT '[1]'::jsonb::numeric;
-- -> and ->>
SELECT '{"a":{"b":[10,20,30]}}'::jsonb -> 'a';
SELECT '{"a":{"b":[10,20,30]}}'::jsonb -> 'a' -> 'b' -> 1;
SELECT '{"a":{"b":[10,20,30]}}'::jsonb -> 'a' -> 'b' ->> 2;
SELECT '[1,2,3]'::jsonb -> -1, '[1,2,3]'::jsonb -> 5, '{"a":1}'::jsonb -> 'z';
SELECT '{"a":"text","n":null}'::jsonb ->> 'a', '{"a":"text","n":null}'::jsonb ->> 'n';
SELECT '{"a": {"x" :  1}}'::json -> 'a', '{"a": "s"}'::json ->> 'a', '[1, [2,  3]]'::json -> 1;
SELECT '{"a":1}'::jsonb -> 0, '[1]'::jsonb -> 'a';
SELECT jsonb_extract_path('{"a":{"b":[1,2]}}', 'a', 'b'), jsonb_extract_path_text('{"a":{"b":[1,2]}}', 'a', 'b', '0');
-- containment and existence
SELECT '{"a":1,"b":{"c":2}}'::jsonb @> '{"b":{"c":2}}';
SELECT '{"a":1,"b":{"c":2}}'::jsonb @> '{"b":{"c":3}}';
SELECT '[1,2,[3,4]]'::jsonb @> '[[3]]', '[1,2]'::jsonb @> '1';
SELECT '{"a":1}'::jsonb <@ '{"a":1,"b":2}';
SELECT '{"a":1,"b":2}'::jsonb ? 'b', '["x","y"]'::jsonb ? 'y', '{"a":1}'::jsonb ? 'z';
SELECT '{"a":1,"b":2}'::jsonb ?| ARRAY['z','b'], '{"a":1,"b":2}'::jsonb ?& ARRAY['a','z'];
SELECT '{"a":1,"b":2}'::jsonb ?& '{a,b}';
-- concatenation and deletion
SELECT '{"a":1}'::jsonb || '{"b":2,"a":3}';
SELECT '[1,2]'::jsonb || '[3]'::jsonb, '[1]'::jsonb || '2'::jsonb, '{"a":1}'::jsonb || '[1]'::jsonb;
SELECT '{"a":1,"b":2}'::jsonb - 'a', '["a","b","a"]'::jsonb - 'a';
SELECT '[1,2,3]'::jsonb - 1, '[1,2,3]'::jsonb - -1;
SELECT '{"a":1,"b":2,"c":3}'::jsonb - ARRAY['a','c'];
SELECT '"x"'::jsonb - 'x';
SELECT '{"a":1}'::jsonb - 0;
-- builders and conversions
SELECT jsonb_build_object('b', 1, 'a', 'two', 'c', NULL, 'd', true);
SELECT json_build_object('b', 1, 'a', 'two', 'c', NULL);
SELECT jsonb_build_object('a');
SELECT jsonb_build_object(NULL, 1);
SELECT jsonb_build_object();
SELECT jsonb_build_array(1, 'a', NULL, 2.5, false), json_build_array(1, 'a', NULL);
SELECT to_json('he said "hi"'::text), to_jsonb(42), to_jsonb(1.50), to_json(true), to_jsonb(NULL::text);
SELECT to_json(ARRAY[1,2,3]), to_jsonb(ARRAY['a',NULL]), to_jsonb('{"x":1}'::json);
SELECT to_json('2024-02-03'::date), to_jsonb('2024-02-03 04:05:06'::timestamp);
SELECT jsonb_build_object('n', jsonb_build_object('m', ARRAY[1,2]));
-- jsonb functions
SELECT jsonb_typeof('{}'), jsonb_typeof('[1]'), jsonb_typeof('1.5'), jsonb_typeof('"s"'), jsonb_typeof('true'), jsonb_typeof('null');
SELECT json_typeof('{"a":1}'::json);
SELECT jsonb_array_length('[1,2,[3,4]]'), json_array_length('[]');
SELECT jsonb_array_length('{"a":1}');
SELECT jsonb_array_length('5');
SELECT jsonb_pretty('{"a":[1,{"b":null}],"c":{}}');
SELECT jsonb_strip_nulls('{"a":1,"b":null,"c":{"d":null}}');
-- json/jsonb columns
CREATE TABLE ja_docs (id integer PRIMARY KEY, j json, jb jsonb);
INSERT INTO ja_docs VALUES (1, '{"k":"a","n":1, "tags":["x","y"]}', '{"k":"a","n":1,"tags":["x","y"]}');
INSERT INTO ja_docs VALUES (2, '{"k":"b","n":2}', '{"k":"b","n":2}');
INSERT INTO ja_docs VALUES (3, '[1, 2]', '[1,2]');
INSERT INTO ja_docs VALUES (4, NULL, NULL);
INSERT INTO ja_docs VALUES (5, '{bad', '{}');
INSERT INTO ja_docs VALUES (6, '{}', '{bad');
SELECT id, j, jb FROM ja_docs ORDER BY id;
SELECT id, jb ->> 'k' AS k, (jb -> 'n')::int + 1 AS n1 FROM ja_docs ORDER BY id;
SELECT id FROM ja_docs WHERE jb @> '{"tags":["y"]}';
SELECT id FROM ja_docs WHERE jb ? 'n' ORDER BY id;
SELECT id, j -> 'tags' ->> 0 FROM ja_docs ORDER BY id;
SELECT id FROM ja_docs WHERE jb = '{"n":2, "k":"b"}';
SELECT id FROM ja_docs WHERE j = '{}';
UPDATE ja_docs SET jb = jb || '{"seen":true}' WHERE id = 2;
SELECT jb FROM ja_docs WHERE id = 2;
SELECT jb FROM ja_docs WHERE jb IS NOT NULL ORDER BY jb;
-- json aggregates
SELECT jsonb_agg(id ORDER BY id) FROM ja_docs;
SELECT json_agg(id ORDER BY id) FROM ja_docs;
SELECT jsonb_agg(jb -> 'k' ORDER BY id) FROM ja_docs WHERE id < 3;
SELECT jsonb_object_agg(id, jb ->> 'k') FROM ja_docs WHERE id < 3;
SELECT jsonb_agg(id) FROM ja_docs WHERE false;
-- arrays: literals and output
SELECT '{1,2,3}'::int[], '{}'::int[], '{1,NULL,3}'::integer[];
SELECT '{"a b",NULL,"NULL","",c,"x\\y","q\"z"}'::text[];
SELECT '{{1,2},{3,4}}'::int[], '[0:1]={7,8}'::int[];
SELECT '{1.5, 2.25}'::numeric[], '{t,f}'::bool[], '{2024-01-02}'::date[];
SELECT '{"2024-01-02 03:04:05"}'::timestamp[], '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid[];
SELECT '{1,2}'::bigint[], '{1,2}'::smallint[], '{1.5,2}'::float8[], '{ab,cd}'::varchar[];
SELECT ARRAY[1,2,3], ARRAY['a','b'], ARRAY[1,2.5], ARRAY[[1,2],[3,4]];
SELECT ARRAY[1,NULL], ARRAY[]::int[], ARRAY[]::text[];
SELECT pg_typeof(ARRAY[1,2]), pg_typeof('{a}'::text[]), pg_typeof(ARRAY[1::bigint]);
-- malformed arrays
SELECT '1,2'::int[];
SELECT '{1,2'::int[];
SELECT '{{1,2},{3}}'::int[];
SELECT '{a}'::int[];
SELECT '{1,2}}'::int[];
SELECT ARRAY[];
SELECT ARRAY[1, 'x'];
-- subscripts and slices
SELECT (ARRAY[10,20,30])[1], (ARRAY[10,20,30])[3], (ARRAY[10,20,30])[4], (ARRAY[10,20,30])[0];
SELECT (ARRAY[[1,2],[3,4]])[2][1], (ARRAY[[1,2],[3,4]])[3][1];
SELECT (ARRAY[10,20,30,40])[2:3], (ARRAY[10,20,30,40])[3:], (ARRAY[10,20,30,40])[:2];
SELECT ('[0:2]={a,b,c}'::text[])[0];
SELECT (ARRAY[1,2])[NULL::int];
SELECT (ARRAY[1,2])['x'];
-- comparisons
SELECT ARRAY[1,2] = ARRAY[1,2], ARRAY[1,2] <> ARRAY[1,3], ARRAY[1,2] < ARRAY[1,3], ARRAY[1] < ARRAY[1,2];
SELECT ARRAY[1,NULL] = ARRAY[1,NULL], ARRAY[2] > ARRAY[1,9], ARRAY['b'] >= ARRAY['a','z'];
SELECT ARRAY[1,2] = '{1,2}';
-- ANY / ALL
SELECT 2 = ANY(ARRAY[1,2,3]), 5 = ANY(ARRAY[1,2,3]), 2 < ALL(ARRAY[3,4]), 3 < ALL(ARRAY[3,4]);
SELECT 2 = ANY('{1,2}'), 'b' = ANY('{a,b}'::text[]), 1 = ANY('{}'::int[]), 1 = ALL('{}'::int[]);
SELECT 5 = ANY(ARRAY[1,NULL]), 1 = ANY(ARRAY[1,NULL]), NULL::int = ANY(ARRAY[1]), 1 <> ALL(ARRAY[2,NULL]);
SELECT 1 = ANY(NULL::int[]);
SELECT 1 = ANY(1);
-- array operators
SELECT ARRAY[1,2] || ARRAY[3], ARRAY[1,2] || 3, 0 || ARRAY[1,2], ARRAY[[1,2]] || ARRAY[[3,4]];
SELECT ARRAY['a'] || '{b,c}', ARRAY[1,2,3] @> ARRAY[2], ARRAY[1,2] <@ ARRAY[1], ARRAY[1,2] && ARRAY[2,5];
-- array functions
SELECT array_length(ARRAY[1,2,3], 1), array_length(ARRAY[1,2,3], 2), array_length('{}'::int[], 1);
SELECT array_length(ARRAY[[1,2,3],[4,5,6]], 2), cardinality(ARRAY[[1,2],[3,4]]), cardinality('{}'::int[]);
SELECT array_lower('[3:4]={1,2}'::int[], 1), array_upper(ARRAY[1,2,3], 1), array_dims(ARRAY[[1,2],[3,4]]), array_ndims(ARRAY[1]);
SELECT array_append(ARRAY[1,2], 3), array_prepend(0, ARRAY[1,2]), array_cat(ARRAY[1], ARRAY[2,3]);
SELECT array_append(NULL::int[], 1), array_cat(NULL, ARRAY['x']), array_append(ARRAY['a'], NULL);
SELECT array_position(ARRAY['a','b','c','b'], 'b'), array_position(ARRAY[1,2], 9), array_position(ARRAY[1,NULL], NULL);
SELECT array_remove(ARRAY[1,2,1,3], 1), array_remove(ARRAY['x',NULL], NULL);
SELECT string_to_array('a,b,,c', ','), string_to_array('abc', NULL), string_to_array('a-x-b', '-', 'x'), string_to_array('', ',');
SELECT array_to_string(ARRAY[1,NULL,3], ','), array_to_string(ARRAY[1,NULL,3], ',', '*'), array_to_string(ARRAY['a','b'], '');
SELECT array_length(5, 1);
-- array columns
CREATE TABLE ja_arr (id integer PRIMARY KEY, nums integer[], names text[], flags boolean[], amounts numeric[], days date[]);
INSERT INTO ja_arr VALUES (1, '{3,1,2}', '{x,y}', '{t}', '{1.5}', '{2024-01-01}');
INSERT INTO ja_arr VALUES (2, ARRAY[5,6], ARRAY['with space','q"uote'], ARRAY[false,NULL], ARRAY[2.25,3], NULL);
INSERT INTO ja_arr VALUES (3, '{}', '{}', NULL, '{}', '{}');
INSERT INTO ja_arr VALUES (4, '{1,x}', NULL, NULL, NULL, NULL);
INSERT INTO ja_arr (id, nums) VALUES (5, ARRAY[1.7, 2.2]);
SELECT * FROM ja_arr ORDER BY id;
SELECT id, nums[1], names[2], cardinality(nums) FROM ja_arr ORDER BY id;
SELECT id FROM ja_arr WHERE 6 = ANY(nums);
SELECT id FROM ja_arr WHERE nums @> ARRAY[1] ORDER BY id;
SELECT id, nums FROM ja_arr ORDER BY nums, id;
UPDATE ja_arr SET nums = array_append(nums, 9) WHERE id = 1;
UPDATE ja_arr SET names = names || 'z'::text WHERE id = 1;
SELECT nums, names FROM ja_arr WHERE id = 1;
SELECT id FROM ja_arr WHERE nums = '{5,6}';
SELECT DISTINCT cardinality(nums) FROM ja_arr ORDER BY 1;
-- array_agg
SELECT array_agg(id ORDER BY id) FROM ja_arr;
SELECT array_agg(id ORDER BY id DESC) FROM ja_arr WHERE id > 1;
SELECT array_agg(DISTINCT n ORDER BY n) FROM (VALUES (3), (1), (3), (NULL)) AS v(n);
SELECT array_agg(x) FROM (VALUES ('b'), ('a')) AS v(x) WHERE false;
SELECT array_agg(names[1] ORDER BY id) FROM ja_arr;
-- casts between arrays
SELECT ARRAY[1,2]::bigint[], ARRAY[1.6,2.4]::int[], '{1,2}'::text[]::int[], ARRAY[1,2]::text;
SELECT '{"1","2"}'::int[] = ARRAY[1,2];
SELECT '{"a":[1,2]}'::jsonb -> 'a' = '[1,2]'::jsonb;
DROP TABLE ja_docs;
DROP TABLE ja_arr;
