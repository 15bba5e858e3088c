-- expect: 9001
INSERT INTO risk_acceptance (id, rule_id, entity_type, entity_id, accepted_by, reason, decided_on, expires_on, recorded_at)
  VALUES (9001, 'ACC-001', 'account', 'x-1', 'P-01', '後継システムへの移行まで', '2025-01-10', '2026-12-31', '2025-01-10T00:00:00Z');
