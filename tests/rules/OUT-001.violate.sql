-- expect: rbt-ct1
-- 機密性3Bの委託契約に、再委託と公表の2項目が欠けている
INSERT INTO contractor VALUES ('rbt-k', 'テスト情報サービス株式会社', NULL, 1, 0, NULL);
INSERT INTO contract VALUES ('rbt-ct1', 'テスト委託 rbt-ct1', 'rbt-k', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), NULL, '2025-04-01', NULL, '3B', 1, 1, 0, 0, '2026-04-15', NULL);
INSERT INTO contract_clause SELECT 'rbt-ct1', code FROM contract_item;
DELETE FROM contract_clause WHERE contract_id = 'rbt-ct1' AND item IN ('subcontracting', 'incident_publication');
