-- id: SYS-006
-- clauses: 8.3(1)④ 8.3(5)③
-- severity: high
-- title: クラウド上の情報システムにクラウドサービス管理者がいない
-- action: 利用申請の許可権限者はクラウドサービス管理者を指名し、役割の割当てを登録する
-- responsible: permit_authority
SELECT 'system' AS entity_type, s.id AS entity_id, s.name AS entity_label,
       s.department_id AS department_id, s.id AS system_id,
       hk.label || '上の情報システム「' || s.name
         || '」に現在有効なクラウドサービス管理者の割当てがない。クラウドサービスの利用状況を管理する者がいない' AS detail
FROM system s
JOIN hosting_kind hk ON hk.code = s.hosting
WHERE s.hosting IN ('gov_cloud', 'other_cloud')
  AND NOT EXISTS (
    SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
    WHERE r.role = 'cloud_manager' AND r.scope_system_id = s.id AND r.valid_from <= :today
      AND (r.valid_to IS NULL OR r.valid_to >= :today) AND p.status <> 'retired')
