-- id: APR-001
-- clauses: 5.1(1)③(イ) 5.1(1)④(イ) 6.2(2)①
-- severity: medium
-- title: 期限を過ぎた許可が終了も更新もされていない
-- action: 情報セキュリティ管理者は申請者に利用の終了を報告させるか、続けるなら更新を申請させる
-- responsible: ism
-- 例外措置（APR-002）以外の、期限のある許可。終了の報告も、審査中・許可済みの更新もないもの。
SELECT 'request' AS entity_type, CAST(r.id AS TEXT) AS entity_id, r.title AS entity_label,
       r.department_id AS department_id, r.system_id AS system_id,
       k.label || '（申請 #' || CAST(r.id AS TEXT) || '）の許可は ' || r.valid_until
         || ' に期限が切れたが、終了の報告も更新の申請もない' AS detail
FROM request r JOIN request_kind k ON k.code = r.kind
WHERE r.kind <> 'exception'
  AND r.state IN ('approved', 'conditional')
  AND r.valid_until IS NOT NULL AND r.valid_until < :today
  AND NOT EXISTS (SELECT 1 FROM request n WHERE n.renewal_of = r.id
                  AND n.state IN ('pending', 'approved', 'conditional'))
