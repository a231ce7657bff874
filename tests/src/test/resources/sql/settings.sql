-- SET / SHOW / RESET. (server_version, lc_* and TimeZone defaults depend on the installation
-- or the client, so they are not shown here.)
SHOW DateStyle;
SHOW datestyle;
SHOW search_path;
SHOW client_encoding;
SHOW server_encoding;
SHOW standard_conforming_strings;
SHOW integer_datetimes;
SHOW IntervalStyle;
SHOW bytea_output;
SHOW max_identifier_length;
SHOW block_size;
SHOW is_superuser;
SHOW application_name;
SHOW password_encryption;
SHOW default_transaction_isolation;
SHOW transaction_isolation;
SHOW default_transaction_read_only;
SHOW client_min_messages;
SHOW statement_timeout;
SHOW lock_timeout;
SHOW deadlock_timeout;
SHOW work_mem;
SHOW synchronous_commit;

SET extra_float_digits = 3;
SHOW extra_float_digits;
SELECT 0.1::real, 0.1::double precision, 1.0::float8 / 3;
SET extra_float_digits = 0;
SELECT 0.1::real, 0.1::double precision, 1.0::float8 / 3;
SET extra_float_digits TO -5;
SELECT 1.0::float8 / 3;
SET extra_float_digits = 10;
SET extra_float_digits = 'abc';
SHOW extra_float_digits;
RESET extra_float_digits;
SET extra_float_digits TO DEFAULT;

SET search_path = public;
SHOW search_path;
SET search_path TO "$user", public;
SHOW search_path;
RESET search_path;
SHOW search_path;

SET DateStyle = 'ISO, DMY';
SHOW DateStyle;
SELECT '01/02/2024'::date;
SET DateStyle = 'ISO, MDY';
SELECT '01/02/2024'::date;
SET datestyle TO 'ISO';
SHOW DateStyle;

SET statement_timeout = '5s';
SHOW statement_timeout;
SET statement_timeout = 1500;
SHOW statement_timeout;
SET statement_timeout = '2min';
SHOW statement_timeout;
RESET statement_timeout;
SHOW statement_timeout;
SET work_mem = '64MB';
SHOW work_mem;
SET work_mem = 2048;
SHOW work_mem;
RESET work_mem;
SET application_name = 'golden test';
SHOW application_name;
SET client_min_messages = warning;
SHOW client_min_messages;
SET client_min_messages = 'nonsense';

SET TimeZone = 'UTC';
SHOW TimeZone;
SET TIME ZONE 'UTC';
SHOW timezone;

SET nosuch_parameter = 1;
SHOW nosuch_parameter;
RESET nosuch_parameter;
SET server_version = '99';
SET server_encoding = 'LATIN1';

-- SET inside a rolled back transaction is undone
BEGIN;
SET work_mem = '32MB';
SHOW work_mem;
ROLLBACK;
SHOW work_mem;
BEGIN;
SET work_mem = '16MB';
COMMIT;
SHOW work_mem;
RESET ALL;
SHOW work_mem;
SHOW application_name;

SELECT current_user;
SELECT current_database();
