-- id: APR-003
-- clauses: 6.2(2)①
-- severity: high
-- title: 許可のない外部からのアクセス（リモートログイン）がある
-- action: 統括情報セキュリティ責任者と情報システム管理者は接続を止めて経緯を確かめ、必要なら許可の申請をさせる
-- responsible: sysm
-- 読み込んだログイン記録（remote_login）を、その日に有効な「外部からのアクセス」の許可と照らす。
-- 職員等と情報システムの組ごとに一件。
SELECT 'remote_login' AS entity_type, l.person_id || '@' || l.system_id AS entity_id,
       MIN(p.name) || ' → ' || MIN(s.name) AS entity_label,
       MIN(p.department_id) AS department_id, l.system_id AS system_id,
       MIN(p.name) || ' が ' || MIN(s.name) || ' に外部から ' || CAST(COUNT(*) AS TEXT)
         || ' 回ログインした（最初 ' || MIN(l.login_at) || '、最後 ' || MAX(l.login_at)
         || '）が、その日に有効な外部からのアクセスの許可がない' AS detail
FROM remote_login l
JOIN person p ON p.id = l.person_id
JOIN system s ON s.id = l.system_id
WHERE NOT EXISTS (
  SELECT 1 FROM request r
  WHERE r.kind = 'remote_access' AND r.requester_id = l.person_id AND r.system_id = l.system_id
    AND r.state IN ('approved', 'conditional', 'closed')
    AND r.valid_from <= SUBSTR(l.login_at, 1, 10)
    AND (r.valid_until IS NULL OR r.valid_until >= SUBSTR(l.login_at, 1, 10))
    AND (r.closed_on IS NULL OR r.closed_on >= SUBSTR(l.login_at, 1, 10)))
GROUP BY l.person_id, l.system_id
