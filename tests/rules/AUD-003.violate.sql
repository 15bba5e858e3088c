-- expect: rb-a3/P-07
-- 総務課を監査する計画のチームに、同じ総務部の情報政策課の P-07 が理由の記録なしにいる
INSERT INTO audit_plan (id, fiscal_year, title, kind, chief_id, starts_on, ends_on, status, approved_on)
  VALUES ('rb-a3', 2026, '内部監査', 'internal', 'P-05', '2026-05-10', '2026-08-31', 'approved', '2026-05-01');
INSERT INTO audit_scope VALUES ('rb-a3', 'department', 'D-01-01');
INSERT INTO audit_team_member VALUES ('rb-a3', 'P-06', 1, NULL, '2026-05-01T00:00:00.000Z'),
                                     ('rb-a3', 'P-07', 0, NULL, '2026-05-01T00:00:00.000Z');
