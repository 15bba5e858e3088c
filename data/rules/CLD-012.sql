-- id: CLD-012
-- clauses: 6.5(1)⑦
-- severity: high
-- title: 委託事業者に与えたクラウドサービスの管理者権限に多要素認証がない
-- action: 統括情報セキュリティ責任者は委託事業者の管理者IDに多要素認証を設定させる
-- responsible: toukatsu
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       'クラウドサービス上の「' || s.name || '」で、委託事業者の「' || p.name || '」'
         || 'が使う管理者権限のIDに多要素認証が設定されていない' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
JOIN person p ON p.id = a.holder_id
WHERE a.status = 'active'
  AND a.privileged = 1
  AND a.mfa = 0
  AND (p.employment = 'contractor'
       OR EXISTS (SELECT 1 FROM contractor_staff cst WHERE cst.person_id = p.id))
  AND (s.hosting IN ('gov_cloud', 'other_cloud')
       OR EXISTS (SELECT 1 FROM cloud_service cs
                  WHERE cs.system_id = s.id AND (cs.use_end IS NULL OR cs.use_end >= :today)))
