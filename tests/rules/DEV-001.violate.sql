-- expect: rbt-d1
-- マイナンバー利用事務系の端末のUSB設定が「制限なし」
INSERT INTO device VALUES ('rbt-d1', 'テスト機器 rbt-d1', 'pc', 'mynumber', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'open', 1, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
