-- near miss: no NDA for public information only; the personal-information contract has one
INSERT INTO contractor VALUES ('rbt-k', 'テスト情報サービス株式会社', NULL, 1, 0, NULL);
INSERT INTO contract VALUES ('rbt-ct2', 'テスト委託 rbt-ct2', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2025-04-01', NULL, '1', 1, 1, 0, 0, '2026-04-15', NULL);
INSERT INTO contract VALUES ('rbt-ct2b', 'テスト委託 rbt-ct2b', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2025-04-01', NULL, '1', 0, 0, 0, 0, '2026-04-15', NULL);
INSERT INTO contract_clause SELECT 'rbt-ct2', code FROM contract_item;
