-- id: SYS-005
-- clauses: 2(1) 2(2)⑥(ア)
-- severity: medium
-- title: 可用性２の情報資産を保存するシステムの目標復旧時間が団体の定める時間を超えている
-- action: 情報システム管理者は目標復旧時間を団体の定める時間（rto_default_hours）以内にする対策（冗長化・バックアップ等）を講じ、台帳を更新する
-- responsible: sysm
SELECT 'system' AS entity_type, s.id AS entity_id, s.name AS entity_label,
       s.department_id AS department_id, s.id AS system_id,
       '情報システム「' || s.name || '」は可用性２の情報資産を ' || CAST(n.cnt AS TEXT)
         || ' 件保存しているが、目標復旧時間が ' || CAST(s.rto_hours AS TEXT)
         || ' 時間で、団体の定める ' || CAST(:rto_default_hours AS TEXT) || ' 時間を超えている' AS detail
FROM system s
JOIN (SELECT a.system_id, COUNT(*) AS cnt FROM asset a
       WHERE a.availability = '2' AND a.system_id IS NOT NULL
       GROUP BY a.system_id) n ON n.system_id = s.id
WHERE s.rto_hours IS NOT NULL AND s.rto_hours > :rto_default_hours
