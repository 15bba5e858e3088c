-- id: NET-005
-- clauses: 3(2)① 6.4(3)⑤
-- severity: high
-- title: インターネット接続系からLGWAN接続系へのメール・ファイルの取り込みが無害化されていない
-- action: 統括情報セキュリティ責任者はメールテキスト化、画面転送又はファイルの無害化（テキスト抽出・画像PDF化・CDR）を経由させる
-- responsible: toukatsu
SELECT 'network_connection' AS entity_type, c.id AS entity_id, c.name AS entity_label,
       c.department_id AS department_id, COALESCE(c.to_system_id, c.from_system_id) AS system_id,
       'インターネット接続系からLGWAN接続系への取り込み（' || cp.label
         || '）に無害化の方式が設定されていない（無害化: なし）' AS detail
FROM network_connection c
JOIN connection_purpose cp ON cp.code = c.purpose
WHERE c.from_domain = 'internet'
  AND c.to_domain = 'lgwan'
  AND c.purpose IN ('mail', 'file')
  AND c.sanitization = 'none'
