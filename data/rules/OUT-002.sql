-- id: OUT-002
-- clauses: 8.1(2)①(オ) 8.1(2)②(ウ)
-- severity: high
-- title: 重要情報を提供する委託先と秘密保持契約（NDA）を結んでいない
-- action: 情報セキュリティ管理者又は情報システム管理者は重要情報を提供する前に委託事業者と秘密保持契約を締結する
-- responsible: ism
SELECT 'contract' AS entity_type, k.id AS entity_id, k.title AS entity_label,
       k.department_id AS department_id, k.system_id AS system_id,
       '機密性' || k.max_confidentiality || CASE WHEN k.personal_info = 1 THEN '・個人情報を含む' ELSE '' END
         || '業務を委託している「' || ct.name || '」との間に秘密保持契約（NDA）がない' AS detail
FROM contract k
JOIN contractor ct ON ct.id = k.contractor_id
JOIN confidentiality_class cc ON cc.code = k.max_confidentiality
WHERE (cc.rank >= 2 OR k.personal_info = 1)
  AND (k.end_on IS NULL OR k.end_on >= :today)
  AND k.nda = 0
