-- Near miss: a vendor's engineer is 情報システム担当者 (works under the 管理者's instructions) and
-- CSIRT member — neither is a post the clauses give to an office of the body.
INSERT INTO person (id, name, employment, status) VALUES ('rt-p1', '委託　技術者', 'contractor', 'active');
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa)
  VALUES ('rt-sys1', '試験システム', 'lgwan', 'onprem', (SELECT MIN(id) FROM department), 24, 1);
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_system_id, valid_from)
  VALUES ('rt-ra1', 'sys_staff', 'rt-p1', 'system', 'rt-sys1', '2026-04-01');
INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('rt-ra2', 'csirt_member', 'rt-p1', 'organization', '2026-04-01');
