-- id: OUT-003
-- clauses: 8.1(2)①(エ) 8.1(3)①(イ)
-- severity: high
-- title: 許可のない再委託がある
-- action: 情報セキュリティ管理者又は情報システム管理者は再委託先の対策が委託先と同等であることを確かめて許可するか、再委託をやめさせる
-- responsible: ism
SELECT 'contract' AS entity_type, k.id AS entity_id, k.title AS entity_label,
       k.department_id AS department_id, k.system_id AS system_id,
       '「' || ct.name || '」への委託で再委託が行われているが、再委託の許可が記録されていない' AS detail
FROM contract k
JOIN contractor ct ON ct.id = k.contractor_id
WHERE k.subcontracting = 1
  AND k.subcontract_approved = 0
  AND (k.end_on IS NULL OR k.end_on >= :today)
