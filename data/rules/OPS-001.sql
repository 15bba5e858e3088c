-- id: OPS-001
-- clauses: 7.3(2) 1(2)⑦
-- severity: medium
-- title: 緊急連絡網に載るべき役割の担い手に連絡先が登録されていない
-- action: 統括情報セキュリティ責任者は連絡先（メールアドレス等）を職員等の台帳に登録し、緊急時対応計画の関係者の連絡先を最新にする
-- responsible: toukatsu
SELECT 'person' AS entity_type, p.id AS entity_id, p.name AS entity_label,
       p.department_id AS department_id, NULL AS system_id,
       p.name || '（' || p.id || '）は緊急時に連絡を受ける役割を担っているが、連絡先が登録されていない'
         AS detail
FROM person p
WHERE p.email IS NULL
  AND p.status <> 'retired'
  AND EXISTS (SELECT 1 FROM role_assignment ra
              WHERE ra.person_id = p.id
                AND ra.role IN ('ciso', 'vice_ciso', 'toukatsu', 'isr', 'ism', 'sysm', 'sys_staff',
                                'csirt_head', 'csirt_member')
                AND ra.valid_from <= :today
                AND (ra.valid_to IS NULL OR ra.valid_to >= :today))
