-- expect: rbt-d2
-- マイナンバー利用事務系の端末が「登録媒体のみ」
INSERT INTO device VALUES ('rbt-d2', 'テスト機器 rbt-d2', 'mobile', 'mynumber', NULL, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, 'issued', 'office', NULL, 'registered', 1, 1, 1, 1, 1, '2026-05-25', '2026-05-31', NULL, NULL, NULL);
