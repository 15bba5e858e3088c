-- expect: rbt-d10
-- サポートの終了したOSのサーバ
INSERT INTO device VALUES ('rbt-d10', 'テスト機器 rbt-d10', 'server', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, NULL, 0, 1, 1, 0, 0, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
