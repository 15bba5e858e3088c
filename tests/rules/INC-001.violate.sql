-- expect: S-03
DELETE FROM role_assignment WHERE role = 'sysm' AND scope_system_id = 'S-03';
