-- id: DEV-010
-- clauses: 6.6(1)
-- severity: high
-- title: 機器のソフトウェア更新（パッチ適用）が滞っている
-- action: 情報システム管理者はセキュリティホールの緊急度に応じてパッチを適用し、適用日を記録する
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       dk.label || 'の最終パッチ適用日が'
         || CASE WHEN d.last_patched_on IS NULL THEN '記録されていない'
                 ELSE d.last_patched_on || 'で、' || CAST(:patch_max_age_days_cutoff AS TEXT) || 'より前' END AS detail
FROM device d
JOIN device_kind dk ON dk.code = d.kind
WHERE d.disposed_on IS NULL
  AND d.kind IN ('server', 'pc', 'mobile', 'network')
  AND (d.last_patched_on IS NULL OR d.last_patched_on < :patch_max_age_days_cutoff)
