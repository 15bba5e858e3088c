-- id: APR-004
-- clauses: 7.4(2)
-- severity: high
-- title: 緊急時の例外措置が CISO の事後の決定を受けないまま残っている
-- action: 情報セキュリティ管理者又は情報システム管理者は速やかに CISO に報告し、CISO は事後に決定する
-- responsible: ciso
SELECT 'request' AS entity_type, CAST(r.id AS TEXT) AS entity_id, r.title AS entity_label,
       r.department_id AS department_id, r.system_id AS system_id,
       '緊急時の例外措置（申請 #' || CAST(r.id AS TEXT) || '）は ' || r.filed_on
         || ' に実施・報告されたが、CISO の決定がまだない' AS detail
FROM request r
WHERE r.kind = 'exception' AND r.emergency = 1
  AND r.state IN ('pending', 'returned')
  AND r.filed_on < :emergency_exception_report_days_cutoff
