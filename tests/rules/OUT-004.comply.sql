-- near miss: checked exactly 12 months before; a contract started 2025-07-01 not yet checked is not overdue
INSERT INTO contractor VALUES ('rbt-k', 'テスト情報サービス株式会社', NULL, 1, 0, NULL);
INSERT INTO contract VALUES ('rbt-ct4', 'テスト委託 rbt-ct4', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2025-04-01', NULL, '2', 0, 1, 0, 0, '2025-06-01', NULL);
INSERT INTO contract VALUES ('rbt-ct4b', 'テスト委託 rbt-ct4b', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2025-07-01', NULL, '2', 0, 1, 0, 0, NULL, NULL);
INSERT INTO contract_clause SELECT 'rbt-ct4', code FROM contract_item;
INSERT INTO contract_clause SELECT 'rbt-ct4b', code FROM contract_item;
