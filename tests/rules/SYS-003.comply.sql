-- Near miss: an LGWAN接続系 system without MFA (SYS-004's concern, not the マイナンバー rule).
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 0);
