-- expect: INC-2026-0001-ppc_prompt
INSERT INTO incident (id, title, description, source, department_id, reported_at, status,
                      judgement, triaged_at, personal_info, sensitive_personal)
  VALUES ('INC-2026-0001', '要配慮個人情報を含む書類の紛失', '相談記録を紛失した', 'internal',
          'D-01-01', '2026-05-25T09:00:00+09:00', 'responding', 'incident',
          '2026-05-25T11:00:00+09:00', 1, 1);
INSERT INTO incident_duty (id, incident_id, kind, due_at, basis)
  VALUES ('INC-2026-0001-ppc_prompt', 'INC-2026-0001', 'ppc_prompt', '2026-05-28T23:59:59+09:00',
          '施行規則 第44条（速報）');
INSERT INTO incident_duty (id, incident_id, kind, due_at, basis, done_at, reference)
  VALUES ('INC-2026-0001-mic', 'INC-2026-0001', 'mic', '2026-05-26T11:00:00+09:00',
          '対策基準 1(9)⑤', '2026-05-26T10:00:00+09:00', '総務省受付 123');
INSERT INTO incident_duty (id, incident_id, kind, due_at, basis)
  VALUES ('INC-2026-0001-ppc_final', 'INC-2026-0001', 'ppc_final', '2026-06-24T23:59:59+09:00',
          '施行規則 第44条（確報）');
