-- id: SYS-001
-- clauses: 1(5)①
-- severity: high
-- title: 情報システム管理者のいない情報システム
-- action: 情報セキュリティ責任者は当該システムの担当課室長等を情報システム管理者とし、役割の割当てを登録する
-- responsible: isr
SELECT 'system' AS entity_type, s.id AS entity_id, s.name AS entity_label,
       s.department_id AS department_id, s.id AS system_id,
       '情報システム「' || s.name || '」に現在有効な情報システム管理者の割当てがない。'
         || '開発・設定変更・運用とセキュリティに権限と責任を持つ者がいない' AS detail
FROM system s
WHERE NOT EXISTS (
  SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
  WHERE r.role = 'sysm' AND r.scope_system_id = s.id AND r.valid_from <= :today
    AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
