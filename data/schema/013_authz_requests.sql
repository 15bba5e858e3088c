-- 013_authz_requests.sql — access to 申請・承認 (schema 010) in the grants of schema 007.
--
-- Every signed-in user files and reads their own requests (reach 'own': the requester); the
-- 統括情報セキュリティ責任者, the CISO and the 監査統括責任者 read all of them. A grantor does not
-- get a grant here: the pages ask the approval engine whether the user is on the request's
-- route (or decides for someone on it by 代決), so a 課長 sees exactly the requests that come to
-- them and no others of their 課 (docs/approvals.md, 画面と API).

INSERT INTO authz_resource VALUES ('request', '申請・承認', 30);

INSERT INTO authz_grant VALUES
  ('staff', 'request', 'read', 'own'),
  ('staff', 'request', 'write', 'own'),
  ('toukatsu', 'request', 'read', 'all'),
  ('ciso', 'request', 'read', 'all'),
  ('audit_chief', 'request', 'read', 'all');
