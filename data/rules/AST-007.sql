-- id: AST-007
-- clauses: 2(1) 2(2)③(イ)
-- severity: medium
-- title: 個人情報を含む情報資産が機密性１に分類されている
-- action: 情報セキュリティ管理者は分類を見直す（住民の個人情報は機密性３Ｂ、職員としての属性に基づく個人情報は３Ｃ、少なくとも機密性２）
-- responsible: ism
SELECT 'asset' AS entity_type, a.id AS entity_id, a.name AS entity_label,
       a.department_id AS department_id, a.system_id AS system_id,
       '個人情報を含む情報資産「' || a.name || '」が機密性１（公表を前提とした情報）に分類されている。'
         || '取扱制限（複製・配付・送信時の暗号化・廃棄方法等）がかからない' AS detail
FROM asset a
WHERE a.personal_info = 1 AND a.confidentiality = '1'
