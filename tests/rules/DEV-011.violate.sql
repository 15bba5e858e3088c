-- expect: rbt-d12
-- パターンファイル更新日の記録がないサーバ
INSERT INTO device VALUES ('rbt-d12', 'テスト機器 rbt-d12', 'server', 'lgwan', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, NULL, 0, 1, 1, 0, 1, '2026-05-25', NULL, NULL, NULL, NULL);
