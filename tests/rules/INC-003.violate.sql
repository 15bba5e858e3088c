-- expect: INC-2026-0001-02
INSERT INTO incident (id, title, description, source, department_id, reported_at, status)
  VALUES ('INC-2026-0001', '不審メールの添付ファイルを開いた', '警告が表示された', 'internal',
          'D-01-01', '2026-05-30T09:00:00+09:00', 'reported');
INSERT INTO incident_step (id, incident_id, stage, role, scope_id, handed_over_at, due_at,
                           acknowledged_at)
  VALUES ('INC-2026-0001-01', 'INC-2026-0001', 1, 'ism', 'D-01-01', '2026-05-30T09:00:00+09:00',
          '2026-05-30T09:30:00+09:00', '2026-05-30T09:10:00+09:00');
INSERT INTO incident_step (id, incident_id, stage, role, handed_over_at, due_at)
  VALUES ('INC-2026-0001-02', 'INC-2026-0001', 1, 'csirt_head', '2026-05-30T09:00:00+09:00',
          '2026-05-30T09:30:00+09:00');
