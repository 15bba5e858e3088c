-- Due later on the reference day itself, acknowledged late, or in a closed incident: not found.
INSERT INTO incident (id, title, description, source, department_id, reported_at, status)
  VALUES ('INC-2026-0001', '不審メール', '警告', 'internal', 'D-01-01',
          '2026-06-01T09:00:00+09:00', 'reported');
INSERT INTO incident_step (id, incident_id, stage, role, handed_over_at, due_at)
  VALUES ('INC-2026-0001-01', 'INC-2026-0001', 1, 'csirt_head', '2026-06-01T09:00:00+09:00',
          '2026-06-01T09:30:00+09:00');
INSERT INTO incident_step (id, incident_id, stage, role, handed_over_at, due_at, acknowledged_at)
  VALUES ('INC-2026-0001-02', 'INC-2026-0001', 1, 'ism', '2026-05-20T09:00:00+09:00',
          '2026-05-20T09:30:00+09:00', '2026-05-21T09:00:00+09:00');
INSERT INTO incident (id, title, description, source, department_id, reported_at, status,
                      closed_at)
  VALUES ('INC-2026-0002', '誤送信', '確認済み', 'internal', 'D-01-01',
          '2026-05-01T09:00:00+09:00', 'closed', '2026-05-10T09:00:00+09:00');
INSERT INTO incident_step (id, incident_id, stage, role, handed_over_at, due_at)
  VALUES ('INC-2026-0002-01', 'INC-2026-0002', 1, 'csirt_head', '2026-05-01T09:00:00+09:00',
          '2026-05-01T09:30:00+09:00');
