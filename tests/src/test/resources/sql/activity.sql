-- pg_stat_activity and pg_locks: their columns, this session's own row, and the signal functions' errors.
DROP TABLE IF EXISTS act_g;

SELECT * FROM pg_stat_activity WHERE false;
SELECT * FROM pg_locks WHERE false;
SELECT datname = current_database() AS same_db, usename = current_user AS same_user, state, query, backend_type, wait_event_type, wait_event FROM pg_stat_activity WHERE pid = pg_backend_pid();
SELECT xact_start = now() AS xact_is_now, backend_start <= query_start AS started_before, query_start <= state_change AS changed_after, leader_pid, client_hostname, query_id, backend_xid FROM pg_stat_activity WHERE pid = pg_backend_pid();
SELECT count(*) AS me FROM pg_stat_activity WHERE pid = pg_backend_pid();
BEGIN;
SELECT state, xact_start = now() AS xact_is_now, xact_start < query_start AS began_earlier, backend_xid IS NULL AS no_xid FROM pg_stat_activity WHERE pid = pg_backend_pid();
CREATE TABLE act_g (a int);
SELECT backend_xid IS NOT NULL AS has_xid FROM pg_stat_activity WHERE pid = pg_backend_pid();
COMMIT;
SELECT pg_cancel_backend(NULL);
SELECT pg_terminate_backend(NULL);
SELECT pg_cancel_backend(0);
SELECT pg_terminate_backend(0);
SELECT pg_terminate_backend(pg_backend_pid(), -1);
SELECT pg_cancel_backend('x');
SELECT pg_cancel_backend(pg_backend_pid());
DROP TABLE act_g;
