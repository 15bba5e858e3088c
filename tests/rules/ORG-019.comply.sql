-- Near miss: no 許可権限者, but no cloud use that needs one — every system is on premises and the
-- only cloud services handle 機密性1 information (8.4, not 8.3) or ended before the check date.
DELETE FROM role_assignment WHERE role = 'permit_authority';
UPDATE system SET hosting = 'onprem' WHERE hosting IN ('gov_cloud', 'other_cloud');
UPDATE cloud_service SET max_confidentiality = '1';
INSERT INTO cloud_service (id, name, provider, service_model, ismap_listed, department_id,
                           max_confidentiality, use_start, use_end)
  VALUES ('rt-cs1', '終了したサービス', '試験事業者', 'saas', 1, (SELECT MIN(id) FROM department),
          '2', '2024-04-01', '2026-03-31');
