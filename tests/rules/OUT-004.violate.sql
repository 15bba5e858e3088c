-- expect: rbt-ct4
-- 2025-04-01開始の委託で、履行状況の確認が2025-05-31が最後（12か月より前）
INSERT INTO contractor VALUES ('rbt-k', 'テスト情報サービス株式会社', NULL, 1, 0, NULL);
INSERT INTO contract VALUES ('rbt-ct4', 'テスト委託 rbt-ct4', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2025-04-01', NULL, '2', 0, 1, 0, 0, '2025-05-31', NULL);
INSERT INTO contract_clause SELECT 'rbt-ct4', code FROM contract_item;
