-- expect: rbt-sw3
-- 許可ソフトウェアに許可日がない
INSERT INTO software VALUES ('rbt-sw3', 'PDF閲覧ソフト', 'Z', 1, NULL, '2030-01-01', NULL);
