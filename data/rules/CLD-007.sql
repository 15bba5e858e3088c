-- id: CLD-007
-- clauses: 8.3(5)③ 1(8)①
-- severity: high
-- title: クラウドサービスの利用申請者がクラウドサービス管理者を兼ねている
-- action: 利用申請の許可権限者は申請者以外の者をクラウドサービス管理者に指名し直す
-- responsible: permit_authority
SELECT 'cloud_service' AS entity_type, cs.id AS entity_id, cs.name AS entity_label,
       cs.department_id AS department_id, cs.system_id AS system_id,
       '「' || cs.name || '」の利用申請者「' || p.name || '」がクラウドサービス管理者に指名されている（職務の分離の観点から禁止）' AS detail
FROM cloud_service cs
JOIN person p ON p.id = cs.requested_by
WHERE cs.manager_id = cs.requested_by
  AND (cs.use_end IS NULL OR cs.use_end >= :today)
