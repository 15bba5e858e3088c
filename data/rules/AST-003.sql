-- id: AST-003
-- clauses: 2(1) 8.3(3)⑨
-- severity: high
-- title: 機密性３Ａ（秘密文書相当）の情報資産をクラウド上の情報システムに保存している
-- action: 情報セキュリティ管理者は当該情報資産をクラウドから移し、「行政文書の管理に関するガイドライン」の秘密文書の管理に従い、インターネットに接続していない電子計算機・媒体で管理する
-- responsible: ism
SELECT 'asset' AS entity_type, a.id AS entity_id, a.name AS entity_label,
       a.department_id AS department_id, a.system_id AS system_id,
       '機密性３Ａ（秘密文書相当）の情報資産「' || a.name || '」が' || hk.label || '上の情報システム「'
         || s.name || '」に保存されている。秘密文書はパブリッククラウド・ガバメントクラウドの利用対象外' AS detail
FROM asset a
JOIN system s ON s.id = a.system_id
JOIN hosting_kind hk ON hk.code = s.hosting
WHERE a.confidentiality = '3A' AND s.hosting IN ('gov_cloud', 'other_cloud')
