-- 期限を過ぎたが完了を報告済み（監査チームの確認待ち）の計画と、期限前の計画
INSERT INTO audit_plan (id, fiscal_year, title, kind, chief_id, starts_on, ends_on, status, approved_on)
  VALUES ('rb-a1', 2026, '内部監査', 'internal', 'P-05', '2026-04-10', '2026-09-30', 'approved', '2026-04-05');
INSERT INTO audit_scope VALUES ('rb-a1', 'department', 'D-01-01');
INSERT INTO audit_finding (id, plan_id, scope_kind, target_id, department_id, severity, clause_id, title, status, recorded_by, recorded_on)
  VALUES (1, 'rb-a1', 'department', 'D-01-01', 'D-01-01', 'high', '6.2(1)②(ア)', '指摘一', 'completed', 'P-06', '2026-04-20'),
         (2, 'rb-a1', 'department', 'D-01-01', 'D-01-01', 'low', '5.2(2)⑤', '指摘二', 'planned', 'P-06', '2026-04-20');
INSERT INTO improvement_plan (id, finding_id, owner_id, actions, instructed_on, due_on, progress, completed_on)
  VALUES (1, 1, 'P-04', '手順を定める', '2026-04-25', '2026-05-20', 100, '2026-05-19'),
         (2, 2, 'P-04', '記録様式を作る', '2026-04-25', '2026-06-30', 0, NULL);
INSERT INTO improvement_progress (plan_id, reported_on, percent, summary, reported_by)
  VALUES (2, '2026-05-20', 10, '着手', 'P-04');
