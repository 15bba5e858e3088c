-- id: APR-005
-- clauses: 7.4(3)
-- severity: medium
-- title: 許可した例外措置が見直しの間隔を過ぎても見直されていない
-- action: CISO は申請状況を確認し、続ける必要があれば改めて許可（更新）し、不要なら終了させる
-- responsible: ciso
-- OPS-002（リスク受容）と同じ間隔 exception_review_months で、申請として許可された例外措置を見る。
SELECT 'request' AS entity_type, CAST(r.id AS TEXT) AS entity_id, r.title AS entity_label,
       r.department_id AS department_id, r.system_id AS system_id,
       '例外措置（申請 #' || CAST(r.id AS TEXT) || '）は ' || r.decided_on
         || ' に許可されたまま ' || COALESCE(r.valid_until, '期限なし')
         || ' まで続く。見直しの間隔を過ぎている' AS detail
FROM request r
WHERE r.kind = 'exception'
  AND r.state IN ('approved', 'conditional')
  AND r.decided_on < :exception_review_months_cutoff
  AND (r.valid_until IS NULL OR r.valid_until >= :today)
  AND NOT EXISTS (SELECT 1 FROM request n WHERE n.renewal_of = r.id
                  AND n.state IN ('pending', 'approved', 'conditional'))
