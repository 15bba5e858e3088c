-- id: DEV-004
-- clauses: 5.1(1)④(ア) 6.1(19)①
-- severity: high
-- title: 許可のない私物の機器が業務に使われている
-- action: 情報セキュリティ管理者は利用をやめさせ情報資産を消去させる（業務上必要ならCISOの可否判断の後、実施手順に従い許可する）
-- responsible: ism
SELECT 'device' AS entity_type, d.id AS entity_id, d.name AS entity_label,
       d.department_id AS department_id, d.system_id AS system_id,
       '私物（許可なし）の' || dk.label || 'が'
         || CASE WHEN EXISTS (SELECT 1 FROM device_asset da WHERE da.device_id = d.id)
                 THEN '情報資産を' || CAST((SELECT COUNT(*) FROM device_asset da2 WHERE da2.device_id = d.id) AS TEXT)
                      || '件保持している'
                 ELSE '庁内のネットワーク・情報システムに接続されている' END AS detail
FROM device d
JOIN device_kind dk ON dk.code = d.kind
WHERE d.disposed_on IS NULL
  AND d.ownership = 'personal'
  AND (EXISTS (SELECT 1 FROM device_asset da WHERE da.device_id = d.id)
       OR d.system_id IS NOT NULL OR d.domain IS NOT NULL)
