-- id: OUT-001
-- clauses: 8.1(2)①(エ)
-- severity: high
-- title: 重要な情報資産を扱う委託契約に情報セキュリティの契約項目が欠けている
-- action: 情報セキュリティ管理者又は情報システム管理者は欠けている契約項目を契約（変更契約・覚書）に明記する
-- responsible: ism
SELECT 'contract' AS entity_type, k.id AS entity_id, k.title AS entity_label,
       k.department_id AS department_id, k.system_id AS system_id,
       '機密性' || k.max_confidentiality || CASE WHEN k.personal_info = 1 THEN '・個人情報を含む' ELSE '' END
         || '業務の委託契約に、契約項目が'
         || CAST((SELECT COUNT(*) FROM contract_item i
                  WHERE NOT EXISTS (SELECT 1 FROM contract_clause x
                                    WHERE x.contract_id = k.id AND x.item = i.code)) AS TEXT)
         || '件欠けている:'
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'policy_compliance')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'policy_compliance') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'technical_safeguards')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'technical_safeguards') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'responsible_and_site')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'responsible_and_site') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'service_level')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'service_level') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'information_scope')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'information_scope') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'staff_education')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'staff_education') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'no_other_use')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'no_other_use') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'confidentiality')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'confidentiality') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'subcontracting')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'subcontracting') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'return_disposal')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'return_disposal') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'reporting')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'reporting') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'audit_inspection')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'audit_inspection') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'incident_publication')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'incident_publication') ELSE '' END
         || CASE WHEN NOT EXISTS (SELECT 1 FROM contract_clause x WHERE x.contract_id = k.id AND x.item = 'breach_remedy')
                 THEN '・' || (SELECT i.label FROM contract_item i WHERE i.code = 'breach_remedy') ELSE '' END
         AS detail
FROM contract k
JOIN confidentiality_class cc ON cc.code = k.max_confidentiality
WHERE (cc.rank >= 2 OR k.personal_info = 1)
  AND (k.end_on IS NULL OR k.end_on >= :today)
  AND EXISTS (SELECT 1 FROM contract_item i
              WHERE NOT EXISTS (SELECT 1 FROM contract_clause x
                                WHERE x.contract_id = k.id AND x.item = i.code))
