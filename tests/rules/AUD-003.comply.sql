-- 同じ計画で、P-07 には止むを得ない理由が記録され、P-06 は別の部局（D-02）
INSERT INTO audit_plan (id, fiscal_year, title, kind, chief_id, starts_on, ends_on, status, approved_on)
  VALUES ('rb-a3', 2026, '内部監査', 'internal', 'P-05', '2026-05-10', '2026-08-31', 'approved', '2026-05-01');
INSERT INTO audit_scope VALUES ('rb-a3', 'department', 'D-01-01');
INSERT INTO audit_team_member VALUES ('rb-a3', 'P-06', 1, NULL, '2026-05-01T00:00:00.000Z'),
                                     ('rb-a3', 'P-07', 0, '職員が少なく独立した者を充てられないため', '2026-05-01T00:00:00.000Z');
