-- near miss: a 機密性1 contract without personal information states no items; an ended 3B contract lacks items; a 2 contract has all 14
INSERT INTO contractor VALUES ('rbt-k', 'テスト情報サービス株式会社', NULL, 1, 0, NULL);
INSERT INTO contract VALUES ('rbt-ct1', 'テスト委託 rbt-ct1', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2025-04-01', NULL, '1', 0, 0, 0, 0, '2026-04-15', NULL);
INSERT INTO contract VALUES ('rbt-ct1b', 'テスト委託 rbt-ct1b', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2020-04-01', '2025-03-31', '3B', 1, 1, 0, 0, '2025-03-01', NULL);
INSERT INTO contract VALUES ('rbt-ct1c', 'テスト委託 rbt-ct1c', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2025-04-01', NULL, '2', 0, 1, 0, 0, '2026-04-15', NULL);
INSERT INTO contract_clause SELECT 'rbt-ct1c', code FROM contract_item;
