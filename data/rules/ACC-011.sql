-- id: ACC-011
-- clauses: 6.2(1)②(ア) 6.2(1)②(エ)
-- severity: high
-- title: 契約が終了した委託事業者の要員のアカウントが有効のまま
-- action: 情報システム管理者は当該アカウントを停止又は削除する（新たな契約があれば、その契約に基づいて登録し直す）
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」のアカウント ' || a.login || ' の利用者 ' || p.name
         || '（委託事業者「'
         || (SELECT MIN(c.name) FROM contractor_staff cs JOIN contractor c ON c.id = cs.contractor_id
              WHERE cs.person_id = p.id)
         || '」の要員）について、所属する委託事業者との契約がすべて終了しているのにアカウントが有効のまま' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
JOIN person p ON p.id = a.holder_id
WHERE a.status = 'active'
  AND EXISTS (
    SELECT 1 FROM contractor_staff cs JOIN contract k ON k.contractor_id = cs.contractor_id
    WHERE cs.person_id = p.id)
  AND NOT EXISTS (
    SELECT 1 FROM contractor_staff cs JOIN contract k ON k.contractor_id = cs.contractor_id
    WHERE cs.person_id = p.id AND (k.end_on IS NULL OR k.end_on >= :today))
