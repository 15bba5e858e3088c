-- expect: rbt-ct3
-- 再委託しているが許可がない
INSERT INTO contractor VALUES ('rbt-k', 'テスト情報サービス株式会社', NULL, 1, 0, NULL);
INSERT INTO contract VALUES ('rbt-ct3', 'テスト委託 rbt-ct3', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2025-04-01', NULL, '2', 0, 1, 1, 0, '2026-04-15', NULL);
INSERT INTO contract_clause SELECT 'rbt-ct3', code FROM contract_item;
