-- id: ACC-008
-- clauses: 6.2(1)③(ア) 5.4(2)
-- severity: high
-- title: 共用の特権ID
-- action: 情報システム管理者は特権IDを利用者ごとの個人IDに分け、共用の特権IDを停止する（止むを得ず残す場合は利用者と利用記録を管理する）
-- responsible: sysm
SELECT 'account' AS entity_type, a.id AS entity_id, a.login AS entity_label,
       s.department_id AS department_id, a.system_id AS system_id,
       '情報システム「' || s.name || '」の特権ID ' || a.login
         || ' が共用IDになっている。特権IDの利用者を必要最小限にし、誰が操作したかを特定できるようにしなければならない' AS detail
FROM account a
JOIN system s ON s.id = a.system_id
WHERE a.status = 'active' AND a.privileged = 1 AND a.shared = 1
