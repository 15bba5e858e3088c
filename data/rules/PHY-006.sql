-- id: PHY-006
-- clauses: 4.2(2)① 5.1(1)⑧
-- severity: high
-- title: 退職・異動した者の管理区域への入室許可が残っている
-- action: 情報システム管理者は入室許可を取り消し、ICカード等の入室手段を回収・停止する
-- responsible: sysm
SELECT 'managed_area_permit' AS entity_type, m.id || '/' || p.id AS entity_id,
       m.name || ' / ' || p.name AS entity_label,
       m.department_id AS department_id, CAST(NULL AS TEXT) AS system_id,
       p.name || '（' || ps.label
         || COALESCE('、' || p.status_since, '') || '）の管理区域「' || m.name || '」への入室許可が残っている' AS detail
FROM managed_area_permit ap
JOIN managed_area m ON m.id = ap.area_id
JOIN person p ON p.id = ap.person_id
JOIN person_status ps ON ps.code = p.status
WHERE p.status IN ('retired', 'transferred')
