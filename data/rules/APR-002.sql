-- id: APR-002
-- clauses: 7.4(1) 7.4(3)
-- severity: high
-- title: 期限を過ぎた例外措置が終了も更新もされていない
-- action: CISO は例外措置を終わらせて本来の遵守事項に戻させるか、改めて許可（更新）するかを決める
-- responsible: ciso
SELECT 'request' AS entity_type, CAST(r.id AS TEXT) AS entity_id, r.title AS entity_label,
       r.department_id AS department_id, r.system_id AS system_id,
       '例外措置（申請 #' || CAST(r.id AS TEXT) || '）の終了予定日 ' || r.valid_until
         || ' を過ぎたが、終了の報告も更新の申請もない' AS detail
FROM request r
WHERE r.kind = 'exception'
  AND r.state IN ('approved', 'conditional')
  AND r.valid_until IS NOT NULL AND r.valid_until < :today
  AND NOT EXISTS (SELECT 1 FROM request n WHERE n.renewal_of = r.id
                  AND n.state IN ('pending', 'approved', 'conditional'))
