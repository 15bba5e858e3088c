-- id: OUT-004
-- clauses: 8.1(3)①(イ)
-- severity: high
-- title: 委託先の情報セキュリティ対策の履行状況が定期的に確認されていない
-- action: 情報セキュリティ管理者又は情報システム管理者は契約に基づく対策の履行状況を確認して記録し、必要な措置をとる
-- responsible: ism
SELECT 'contract' AS entity_type, k.id AS entity_id, k.title AS entity_label,
       k.department_id AS department_id, k.system_id AS system_id,
       '「' || ct.name || '」への委託（' || k.start_on || '開始）の履行状況の確認が'
         || CASE WHEN k.last_checked_on IS NULL THEN '一度も記録されていない'
                 ELSE k.last_checked_on || 'を最後に' || CAST(:contract_check_months_cutoff AS TEXT)
                      || '以降行われていない' END AS detail
FROM contract k
JOIN contractor ct ON ct.id = k.contractor_id
WHERE k.start_on <= :today
  AND (k.end_on IS NULL OR k.end_on >= :today)
  AND k.start_on < :contract_check_months_cutoff
  AND (k.last_checked_on IS NULL OR k.last_checked_on < :contract_check_months_cutoff)
