-- expect: 1
-- 2026-01-20 に指示され、最後の進捗報告が 2026-02-10（基準日 2026-06-01 の 3 か月前より前）
INSERT INTO audit_plan (id, fiscal_year, title, kind, chief_id, starts_on, ends_on, status, approved_on)
  VALUES ('rb-a0', 2025, '内部監査', 'internal', 'P-05', '2025-11-01', '2026-01-31', 'approved', '2025-10-20');
INSERT INTO audit_scope VALUES ('rb-a0', 'department', 'D-01-01');
INSERT INTO audit_finding (id, plan_id, scope_kind, target_id, department_id, severity, clause_id, title, status, recorded_by, recorded_on)
  VALUES (1, 'rb-a0', 'department', 'D-01-01', 'D-01-01', 'medium', '5.2(2)⑤', '研修記録の報告がない', 'in_progress', 'P-06', '2026-01-15');
INSERT INTO improvement_plan (id, finding_id, owner_id, actions, instructed_on, due_on, progress)
  VALUES (1, 1, 'P-04', '報告様式を定める', '2026-01-20', '2026-12-31', 20);
INSERT INTO improvement_progress (plan_id, reported_on, percent, summary, reported_by)
  VALUES (1, '2026-02-10', 20, '様式案', 'P-04');
