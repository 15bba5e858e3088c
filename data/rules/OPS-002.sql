-- id: OPS-002
-- clauses: 7.4(3) 7.4(1)
-- severity: medium
-- title: 例外措置（リスク受容）が長期間見直されずに続いている
-- action: CISO は例外措置の申請状況を確認し、続ける必要があれば改めて許可し、不要なら終了する
-- responsible: ciso
SELECT 'risk_acceptance' AS entity_type, CAST(r.id AS TEXT) AS entity_id,
       r.rule_id || ' ' || r.entity_type || ':' || r.entity_id AS entity_label,
       NULL AS department_id, NULL AS system_id,
       '規則 ' || r.rule_id || ' の ' || r.entity_type || ':' || r.entity_id || ' に対する例外措置は '
         || r.decided_on || ' に許可されたまま ' || r.expires_on
         || ' まで続く。見直しの間隔を過ぎている' AS detail
FROM risk_acceptance r
WHERE r.decided_on < :exception_review_months_cutoff
  AND r.expires_on >= :today
