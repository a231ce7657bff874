-- System catalogs and views that clients query: pg_settings, pg_type, pg_namespace, pg_class, pg_attribute.
DROP TABLE IF EXISTS cat_t;

SELECT name, setting, unit, context, vartype FROM pg_settings
WHERE name IN ('extra_float_digits', 'shared_buffers', 'DateStyle', 'work_mem', 'search_path')
ORDER BY name;

SELECT name, unit, context FROM pg_catalog.pg_settings WHERE name = 'server_version_num';

SET extra_float_digits = 2;
SELECT setting FROM pg_settings WHERE name = 'extra_float_digits';
RESET extra_float_digits;

SELECT typname, typlen, typcategory FROM pg_type WHERE oid IN (16, 17, 20, 21, 23, 25, 700, 701, 1042, 1043, 1082, 1114, 1184, 1700, 2950) ORDER BY oid;

SELECT typname, typelem FROM pg_type WHERE oid = 1007;

SELECT nspname FROM pg_namespace WHERE nspname IN ('pg_catalog', 'public') ORDER BY nspname;

CREATE TABLE cat_t (a integer NOT NULL, b text, c numeric(8,3), d varchar(12));

SELECT relname, relkind, relnatts FROM pg_class WHERE relname = 'cat_t';

SELECT a.attname, a.atttypid, a.attnum, a.atttypmod, a.attnotnull
FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid
WHERE c.relname = 'cat_t' AND a.attnum > 0
ORDER BY a.attnum;

SELECT count(*) FROM pg_class c, pg_namespace n WHERE c.relnamespace = n.oid AND n.nspname = 'public' AND c.relname = 'cat_t';

DROP TABLE cat_t;

SELECT relname FROM pg_class WHERE relname = 'cat_t';

SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid
WHERE t.oid = 2950;

SELECT current_setting('DateStyle'), current_schema(), current_database();

SELECT datname FROM pg_database WHERE datname = 'postgres';

SELECT rolname, rolsuper, rolcanlogin FROM pg_authid WHERE rolname = 'postgres';
