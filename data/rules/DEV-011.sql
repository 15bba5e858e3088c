-- id: DEV-011
-- clauses: 6.4(1)⑤ 6.4(2)②
-- severity: high
-- title: 不正プログラム対策ソフトウェアのパターンファイルが古い
-- action: 情報システム管理者はパターンファイルを最新の状態に更新し、更新日を記録する
-- responsible: sysm
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       dk.label || 'のパターンファイル更新日が'
         || CASE WHEN d.av_updated_on IS NULL THEN '記録されていない'
                 ELSE d.av_updated_on || 'で、' || CAST(:av_definition_max_age_days_cutoff AS TEXT) || 'より前' END AS detail
FROM device d
JOIN device_kind dk ON dk.code = d.kind
WHERE d.disposed_on IS NULL
  AND d.kind IN ('server', 'pc')
  AND (d.av_updated_on IS NULL OR d.av_updated_on < :av_definition_max_age_days_cutoff)
