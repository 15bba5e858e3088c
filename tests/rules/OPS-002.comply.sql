-- Near misses: decided exactly on the review cutoff (12 months before 2026-06-01); decided long
-- ago but already expired the day before the check date.
INSERT INTO risk_acceptance (id, rule_id, entity_type, entity_id, accepted_by, reason, decided_on, expires_on, recorded_at)
  VALUES (9002, 'ACC-001', 'account', 'x-2', 'P-01', '移行まで', '2025-06-01', '2027-03-31', '2025-06-01T00:00:00Z'),
         (9003, 'ACC-001', 'account', 'x-3', 'P-01', '移行まで', '2024-01-10', '2026-05-31', '2024-01-10T00:00:00Z');
