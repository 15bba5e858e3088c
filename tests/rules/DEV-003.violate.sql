-- expect: rbt-d3
-- マイナンバー利用事務系のシステムに属する端末（機器の区分は空）に多要素認証がない
INSERT INTO system VALUES ('rbt-s3', '国保テスト', 'mynumber', 'onprem', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 24, 1, NULL, NULL, NULL);
INSERT INTO device VALUES ('rbt-d3', '国保端末', 'pc', NULL, 'rbt-s3', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'blocked', 0, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
