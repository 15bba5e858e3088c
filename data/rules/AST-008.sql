-- id: AST-008
-- clauses: 2(1) 5.1(1)④(イ)
-- severity: high
-- title: 機密性３の情報資産を支給以外の端末・媒体で扱っている
-- action: 情報セキュリティ管理者は当該端末・媒体から機密性３の情報資産を消去させ、支給された端末で扱わせる
-- responsible: ism
SELECT 'device' AS entity_type, dv.id AS entity_id, dv.name AS entity_label,
       dv.department_id AS department_id, dv.system_id AS system_id,
       own.label || 'の' || dk.label || '「' || dv.name || '」に機密性３の情報資産が '
         || CAST(n.cnt AS TEXT) || ' 件記録されている。機密性３の情報資産は支給された端末以外での作業を原則禁止とする' AS detail
FROM device dv
JOIN device_ownership own ON own.code = dv.ownership
JOIN device_kind dk ON dk.code = dv.kind
JOIN (SELECT da.device_id, COUNT(*) AS cnt FROM device_asset da
        JOIN asset a ON a.id = da.asset_id
       WHERE a.confidentiality IN ('3A', '3B', '3C')
       GROUP BY da.device_id) n ON n.device_id = dv.id
WHERE dv.ownership <> 'issued' AND dv.disposed_on IS NULL
