-- id: CLD-006
-- clauses: 8.3(5)③ 8.4(2)①
-- severity: high
-- title: 承認済みクラウドサービスにクラウドサービス管理者がいない
-- action: 利用申請の許可権限者はクラウドサービス管理者を指名し、記録する
-- responsible: permit_authority
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       CASE WHEN m.id IS NULL THEN '「' || cs.name || '」にクラウドサービス管理者が指名されていない'
            ELSE '「' || cs.name || '」のクラウドサービス管理者「' || m.name || '」は' || ms.label || 'している' END AS detail
FROM cloud_service cs
LEFT JOIN person m ON m.id = cs.manager_id
LEFT JOIN person_status ms ON ms.code = m.status
WHERE cs.approved_on IS NOT NULL
  AND (cs.use_end IS NULL OR cs.use_end >= :today)
  AND (m.id IS NULL OR m.status IN ('retired', 'transferred'))
