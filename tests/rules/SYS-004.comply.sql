-- Near miss: a マイナンバー利用事務系 system without MFA is reported by SYS-003 only.
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験住基システム', 'mynumber', 'onprem', (SELECT MIN(id) FROM department), 24, 0);
