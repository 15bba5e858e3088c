-- expect: rbt-c13
-- 接続元の区分がLGWAN接続系とされているが、接続元システムはマイナンバー利用事務系
INSERT INTO system VALUES ('rbt-s13', '税務テスト', 'mynumber', 'onprem', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 24, 1, NULL, NULL, NULL);
INSERT INTO network_connection VALUES ('rbt-c13', '税務→ASP', 'lgwan', 'rbt-s13', NULL, NULL, 'lgwan_asp', 'specific_comm', 'none', 'lgwan', 1, 1, 1, (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, NULL, NULL);
