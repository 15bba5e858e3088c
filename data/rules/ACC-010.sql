-- id: ACC-010
-- clauses: 6.2(1)③(ア) 1(6)
-- severity: medium
-- title: 特権IDの利用者がそのシステムの情報システム管理者・担当者でない
-- action: 情報システム管理者は特権IDの利用者を当該システムの管理・作業を行う者（情報システム管理者・担当者）に限り、それ以外の特権IDを停止する。必要な者は担当者として指名する
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」の特権ID ' || a.login || ' の利用者 ' || p.name || '（' || p.id
         || '）は、このシステムの情報システム管理者・担当者（又は統括情報セキュリティ責任者）に割り当てられていない。'
         || '特権IDを利用する者は必要最小限にしなければならない' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
JOIN person p ON p.id = a.holder_id
WHERE a.status = 'active' AND a.privileged = 1
  AND p.status NOT IN ('retired', 'transferred')
  AND NOT EXISTS (
    SELECT 1 FROM role_assignment r
    WHERE r.person_id = p.id AND r.valid_from <= :today
      AND (r.valid_to IS NULL OR r.valid_to >= :today)
      AND ((r.role IN ('sysm', 'sys_staff') AND r.scope_system_id = a.system_id)
        OR r.role = 'toukatsu'))
