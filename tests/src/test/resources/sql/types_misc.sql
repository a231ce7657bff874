-- boolean and uuid.
DROP TABLE IF EXISTS tb_t;

SELECT true, false, 't'::boolean, 'yes'::boolean, 'off'::boolean, '1'::boolean, CAST('on' AS boolean);
SELECT 'TRUE'::boolean, ' f '::boolean, 'n'::boolean;
SELECT 'maybe'::boolean;
SELECT 1::boolean, 0::boolean, true::integer;
SELECT true > false, true = true, false < NULL;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid, '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid, 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid = 'A0EEBC999C0B4EF8BB6D6BB9BD380A11'::uuid;
SELECT CAST('00000000-0000-0000-0000-000000000000' AS uuid) < 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid;
SELECT 'not-a-uuid'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text;

CREATE TABLE tb_t (id integer NOT NULL, flag boolean, u uuid);
INSERT INTO tb_t VALUES
    (1, true, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
    (2, false, '00000000-0000-0000-0000-000000000000'),
    (3, NULL, NULL),
    (4, 'yes', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'),
    (5, 'no', '8f14e45f-ceea-467f-a0e6-3b2c7d1f5e9a');
SELECT * FROM tb_t ORDER BY id;
SELECT id, flag FROM tb_t ORDER BY flag, id;
SELECT id, flag FROM tb_t ORDER BY flag DESC, id;
SELECT id, u FROM tb_t ORDER BY u;
SELECT id, u FROM tb_t ORDER BY u DESC NULLS LAST;
SELECT id FROM tb_t WHERE flag ORDER BY id;
SELECT id FROM tb_t WHERE NOT flag ORDER BY id;
SELECT id FROM tb_t WHERE flag IS NULL;
SELECT id FROM tb_t WHERE u = '8F14E45F-CEEA-467F-A0E6-3B2C7D1F5E9A';
SELECT id FROM tb_t WHERE u > 'a0000000-0000-0000-0000-000000000000' ORDER BY id;
INSERT INTO tb_t (id, flag) VALUES (6, 'sometimes');
INSERT INTO tb_t (id, u) VALUES (6, 'xyz');
INSERT INTO tb_t (id, flag) VALUES (6, 1);
INSERT INTO tb_t (id, u) VALUES (6, 42);
UPDATE tb_t SET flag = NOT flag;
SELECT id, flag FROM tb_t ORDER BY id;

DROP TABLE tb_t;
