-- id: AST-001
-- clauses: 2(1) 3(3)①
-- severity: high
-- title: 機密性３Ａ・３Ｂの情報資産をインターネット接続系の情報システムに保存している
-- action: 情報セキュリティ管理者は当該情報資産をインターネット接続系から移し（LGWAN接続系・マイナンバー利用事務系へ）、インターネット接続系の複製を消去する
-- responsible: ism
SELECT 'asset' AS entity_type, a.id AS entity_id, a.name AS entity_label,
       a.department_id AS department_id, a.system_id AS system_id,
       cc.label || 'の情報資産「' || a.name || '」がインターネット接続系の情報システム「' || s.name
         || '」に保存されている。インターネット接続系で扱えるのは機密性３Ｃ（β''モデルの対策を講じた場合）まで' AS detail
FROM asset a
JOIN system s ON s.id = a.system_id
JOIN confidentiality_class cc ON cc.code = a.confidentiality
WHERE s.domain = 'internet' AND a.confidentiality IN ('3A', '3B')
