-- id: AST-002
-- clauses: 2(1) 3(3)①
-- severity: medium
-- title: β'モデルの対策を講じずに機密性３Ｃの情報資産をインターネット接続系で扱っている
-- action: 情報セキュリティ管理者は当該情報資産をインターネット接続系から移すか、β'モデルで求められる対策（情報資産単位のアクセス制御、業務システムのログ管理等）を講じて団体の設定 internet_3c_beta_prime を 1 にする
-- responsible: ism
SELECT 'asset' AS entity_type, a.id AS entity_id, a.name AS entity_label,
       a.department_id AS department_id, a.system_id AS system_id,
       '機密性３Ｃの情報資産「' || a.name || '」がインターネット接続系の情報システム「' || s.name
         || '」に保存されているが、β''モデルで求められる対策を講じた旨が団体の設定（internet_3c_beta_prime）にない' AS detail
FROM asset a
JOIN system s ON s.id = a.system_id
WHERE s.domain = 'internet' AND a.confidentiality = '3C' AND :internet_3c_beta_prime = 0
