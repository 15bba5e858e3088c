-- expect: 1
-- 総務課の改善計画: 期限 2026-05-31 を過ぎ、進捗 40%（報告は 2026-05-15 で最近）
INSERT INTO audit_plan (id, fiscal_year, title, kind, chief_id, starts_on, ends_on, status, approved_on)
  VALUES ('rb-a1', 2026, '内部監査', 'internal', 'P-05', '2026-04-10', '2026-09-30', 'approved', '2026-04-05');
INSERT INTO audit_scope VALUES ('rb-a1', 'department', 'D-01-01');
INSERT INTO audit_team_member VALUES ('rb-a1', 'P-06', 1, NULL, '2026-04-05T00:00:00.000Z');
INSERT INTO audit_finding (id, plan_id, scope_kind, target_id, department_id, severity, clause_id, title, status, recorded_by, recorded_on)
  VALUES (1, 'rb-a1', 'department', 'D-01-01', 'D-01-01', 'high', '6.2(1)②(ア)', '異動者のアカウント停止の手順がない', 'in_progress', 'P-06', '2026-04-20');
INSERT INTO improvement_plan (id, finding_id, owner_id, actions, instructed_on, due_on, progress)
  VALUES (1, 1, 'P-04', '手順を定める', '2026-04-25', '2026-05-31', 40);
INSERT INTO improvement_progress (plan_id, reported_on, percent, summary, reported_by)
  VALUES (1, '2026-05-15', 40, '案を作成', 'P-04');
