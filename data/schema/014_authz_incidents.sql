-- 014_authz_incidents.sql — access to インシデント (schema 011, docs/incidents.md) in the grants of
-- schema 007.
--
-- 5.3(1)① every member of staff reports what they notice, and reads what they reported (reach
-- 'own': the reporter; for a report from a resident, the member of staff who received it).
-- 1(9) and 5.3(3): the CSIRT (its head and members, the 統一的な窓口) evaluates and responds to
-- every incident; the 統括情報セキュリティ責任者 is told of all of them (5.3(1)②) and directs
-- the response with the CSIRT: read and write everything.
-- 5.3(1)③ and 5.3(3)②: the CISO (and the 副CISO acting for them) is told; the 監査統括責任者
-- (9.1) and the 情報セキュリティ委員会 (7.3 解説 ④, the recurrence-prevention plan is reported to
-- it) read every incident.
-- The 情報セキュリティ責任者 (部局) and 情報セキュリティ管理者 (課室) read the incidents of their
-- departments (reach 'scope' on the incident's 課室).
-- The 情報システム管理者 reads the incidents touching their systems and, unlike the brief's
-- first draft, may also record actions on them: 5.3(3)③ has the CSIRT instruct the system
-- side to carry out the 応急措置 and 復旧, and 7.3(2) has the 情報システム管理者 preserve the
-- evidence, so they are the ones who record it. The pages let only CSIRT and 統括 triage, mark
-- outward duties done and close (page_incidents.h). Acknowledging a hand-over is decided by the
-- chain itself: the people a step reached (incident_step_person), whatever these grants say.

INSERT INTO authz_resource VALUES ('incident', 'インシデント', 31);

INSERT INTO authz_grant VALUES
  ('staff', 'incident', 'read', 'own'),
  ('staff', 'incident', 'write', 'own'),
  ('csirt_head', 'incident', 'read', 'all'),
  ('csirt_head', 'incident', 'write', 'all'),
  ('csirt_member', 'incident', 'read', 'all'),
  ('csirt_member', 'incident', 'write', 'all'),
  ('toukatsu', 'incident', 'read', 'all'),
  ('toukatsu', 'incident', 'write', 'all'),
  ('ciso', 'incident', 'read', 'all'),
  ('vice_ciso', 'incident', 'read', 'all'),
  ('audit_chief', 'incident', 'read', 'all'),
  ('committee', 'incident', 'read', 'all'),
  ('isr', 'incident', 'read', 'scope'),
  ('ism', 'incident', 'read', 'scope'),
  ('sysm', 'incident', 'read', 'scope'),
  ('sysm', 'incident', 'write', 'scope');
