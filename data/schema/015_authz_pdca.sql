-- 015_authz_pdca.sql — access to 研修 (5.2), 自己点検 (9.2), 監査 (9.1) and the 委員会's 報告書 in
-- the grants of schema 007, for the web pages and the API (docs/pdca.md, 画面と API).
--
-- Schema 012 added the resources 自己点検 and 監査 with their reading grants; this file adds the
-- writing the pages need and the resource 報告書:
--   自己点検: 責任者・管理者 answer the assessments of their 部局・課室 and システム管理者 those of
--     their systems (012 already: read and write 'scope'); the 統括 runs the campaign and reviews
--     (012: 'all'). The engine decides per question who may answer (assessment_target_role).
--   監査: the 委員会 records the approval of a plan (9.1(3)①) — write 'all'; the CISO and 副CISO
--     instruct the 改善計画 (9.1(7)①) — write 'all' (the engine allows no one else); the
--     情報セキュリティ責任者 reads the findings about their 部局 (012: read 'scope') and, like the
--     管理者 (012), reports progress on an 改善計画 they own — write 'scope'.
--   報告書: the annual report of the whole body, read by the 委員会, CISO, 副CISO, 統括 and the
--     監査統括責任者 ('all').
--   研修: the 統括 imports attendance (007 gave it write 'all'; kept when already there).
-- Rows are added only when missing, so the file is safe whatever 007 and 012 granted.

INSERT INTO authz_resource VALUES ('report', '報告書', 23);

INSERT INTO authz_grant (role, resource, action, reach)
SELECT g.role, g.resource, g.action, g.reach FROM (
  SELECT 'committee' AS role, 'audit' AS resource, 'write' AS action, 'all' AS reach
  UNION ALL SELECT 'ciso', 'audit', 'write', 'all'
  UNION ALL SELECT 'vice_ciso', 'audit', 'write', 'all'
  UNION ALL SELECT 'isr', 'audit', 'write', 'scope'
  UNION ALL SELECT 'toukatsu', 'training', 'write', 'all'
  UNION ALL SELECT 'committee', 'report', 'read', 'all'
  UNION ALL SELECT 'ciso', 'report', 'read', 'all'
  UNION ALL SELECT 'vice_ciso', 'report', 'read', 'all'
  UNION ALL SELECT 'toukatsu', 'report', 'read', 'all'
  UNION ALL SELECT 'audit_chief', 'report', 'read', 'all'
) g
WHERE NOT EXISTS (SELECT 1 FROM authz_grant x WHERE x.role = g.role AND x.resource = g.resource
                  AND x.action = g.action AND x.reach = g.reach);
