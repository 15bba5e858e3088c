-- id: SW-003
-- clauses: 6.1(17)②
-- severity: medium
-- title: 許可ソフトウェアの一覧に許可の記録がないものがある
-- action: 統括情報セキュリティ責任者及び情報システム管理者は導入の許可を判断し、許可日を記録する（許可しないなら一覧から外す）
-- responsible: toukatsu
SELECT 'software' AS entity_type, s.id AS entity_id, s.name AS entity_label,
       CAST(NULL AS TEXT) AS department_id, CAST(NULL AS TEXT) AS system_id,
       '許可ソフトウェアとされている「' || s.name || '」に許可日が記録されていない' AS detail
FROM software s
WHERE s.allowed = 1
  AND s.approved_on IS NULL
