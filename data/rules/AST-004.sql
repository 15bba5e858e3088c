-- id: AST-004
-- clauses: 2(1) 2(2)⑥(ア)
-- severity: high
-- title: 可用性２の情報資産を目標復旧時間のない情報システムに保存している
-- action: 情報システム管理者は当該システムの目標復旧時間を定めて台帳に記録し、その時間内に復旧できるようバックアップ等を講じる
-- responsible: sysm
SELECT 'asset' AS entity_type, a.id AS entity_id, a.name AS entity_label,
       a.department_id AS department_id, a.system_id AS system_id,
       '可用性２の情報資産「' || a.name || '」を保存する情報システム「' || s.name
         || '」に目標復旧時間（RTO）が定められていない。可用性２の取扱制限は「指定する時間以内の復旧」' AS detail
FROM asset a
JOIN system s ON s.id = a.system_id
WHERE a.availability = '2' AND s.rto_hours IS NULL
