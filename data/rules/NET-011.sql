-- id: NET-011
-- clauses: 6.1(10)① 4.3③
-- severity: high
-- title: 外部ネットワークとの接続に許可の記録がない
-- action: 情報システム管理者は接続についてCISO及び統括情報セキュリティ責任者の許可を得て、許可日と許可者を記録する
-- responsible: sysm
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, c.from_system_id AS system_id,
       fd.label || 'から' || ek.label || 'への接続に'
         || CASE WHEN c.approved_on IS NULL AND c.approved_by IS NULL THEN '許可日も許可者も'
                 WHEN c.approved_on IS NULL THEN '許可日が'
                 ELSE '許可者が' END
         || '記録されていない' AS detail
FROM network_connection c
JOIN network_domain fd ON fd.code = c.from_domain
JOIN external_kind ek ON ek.code = c.to_external
WHERE c.to_external IS NOT NULL
  AND (c.approved_on IS NULL OR c.approved_by IS NULL)
